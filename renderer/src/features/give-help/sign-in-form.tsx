import { useState, type FormEvent } from 'react';
import { emailSchema, passwordSchema, totpCodeSchema } from '../../../../shared/accounts';
import type { SignInProblem } from '../../accounts/account-state';
import { ScreenHeading } from '../../components/screen-heading';
import type { MessageKey } from '../../i18n/i18n';
import { useT } from '../../i18n/language-store';

const problemText: Record<SignInProblem['kind'], MessageKey> = {
  'invalid-credentials': 'account.problem.invalidCredentials',
  'invalid-totp': 'account.problem.invalidTotp',
  'too-many-attempts': 'account.problem.tooManyAttempts',
  'server-unreachable': 'problem.serverUnreachable',
  'connection-lost': 'account.problem.connectionLost',
  expired: 'account.problem.expired',
  protocol: 'problem.protocol',
  busy: 'account.problem.busy',
};

interface SignInFormProps {
  busy: boolean;
  needsTotp: boolean;
  problem: SignInProblem | null;
  onSignIn: (email: string, password: string, totp?: string) => void;
  onCancel: () => void;
}

/** E-mail and password, then the authenticator code when the server asks for it. */
export function SignInForm({ busy, needsTotp, problem, onSignIn, onCancel }: SignInFormProps) {
  const t = useT();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [totp, setTotp] = useState('');
  const [invalid, setInvalid] = useState<MessageKey | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsedEmail = emailSchema.safeParse(email);
    const parsedPassword = passwordSchema.safeParse(password);
    const code = totp.replace(/\s/g, '');
    if (!parsedEmail.success || !parsedPassword.success) return setInvalid('account.invalidFields');
    if (needsTotp && !totpCodeSchema.safeParse(code).success) return setInvalid('account.invalidTotp');
    setInvalid(null);
    onSignIn(parsedEmail.data, parsedPassword.data, needsTotp ? code : undefined);
  };

  const seconds = problem?.kind === 'too-many-attempts' ? Math.ceil(problem.retryAfterMs / 1000) : 0;
  return (
    <form className="panel" onSubmit={submit} noValidate data-testid="sign-in-form">
      <ScreenHeading>{t('account.signInTitle')}</ScreenHeading>
      <p>{t('account.signInDetail')}</p>
      <label htmlFor="sign-in-email">{t('account.email')}</label>
      <input id="sign-in-email" type="email" autoComplete="username" value={email} maxLength={254} onChange={(event) => setEmail(event.target.value)} />
      <label htmlFor="sign-in-password">{t('account.password')}</label>
      <input id="sign-in-password" type="password" autoComplete="current-password" value={password} maxLength={1024} onChange={(event) => setPassword(event.target.value)} />
      {needsTotp && (
        <>
          <label htmlFor="sign-in-totp">{t('account.totp')}</label>
          <input
            id="sign-in-totp"
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={8}
            value={totp}
            aria-describedby="sign-in-totp-hint"
            // The field appears after the password was accepted: the person types the code next.
            autoFocus
            onChange={(event) => setTotp(event.target.value)}
          />
          <p className="muted" id="sign-in-totp-hint" role="status">
            {t('account.totpHint')}
          </p>
        </>
      )}
      {invalid && (
        <p className="problem" role="alert" data-testid="problem" data-problem="invalid-fields">
          {t(invalid)}
        </p>
      )}
      {!invalid && problem && (
        <p className="problem" role="alert" data-testid="problem" data-problem={problem.kind}>
          {t(problemText[problem.kind], { seconds })}
        </p>
      )}
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('account.signingIn') : t('account.signIn')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('account.cancel')}
        </button>
      </div>
    </form>
  );
}
