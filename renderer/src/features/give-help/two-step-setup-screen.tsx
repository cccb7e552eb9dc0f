import { useEffect, useRef, useState, type FormEvent } from 'react';
import { passwordSchema, totpCodeSchema } from '../../../../shared/accounts';
import { totpSetup } from '../../accounts/account';
import { useTotpSetupStore } from '../../accounts/account-store';
import { QrCode } from '../../accounts/qr-code';
import { groupedKey, type TotpSetupState } from '../../accounts/totp-setup';
import { ScreenHeading } from '../../components/screen-heading';
import type { MessageKey } from '../../i18n/i18n';
import { useT } from '../../i18n/language-store';

const failedText: Record<Extract<TotpSetupState, { phase: 'failed' }>['reason'], MessageKey> = {
  refused: 'twoStep.failed.refused',
  lost: 'twoStep.failed.lost',
  failed: 'problem.protocol',
};

/** Turning on two-step sign-in: the password again, then scan (or type) the key, then the app's first code. */
export function TwoStepSetupScreen({ onDone }: { onDone: () => void }) {
  const t = useT();
  const state = useTotpSetupStore((store) => store.state);

  useEffect(() => {
    totpSetup.open();
    return () => totpSetup.close();
  }, []);

  const back = (
    <div className="actions">
      <button type="button" onClick={onDone}>
        {t('twoStep.back')}
      </button>
    </div>
  );

  switch (state.phase) {
    case 'idle':
    case 'password':
      return <PasswordStep state={state.phase === 'password' ? state : null} onCancel={onDone} />;
    case 'scan':
      return <ScanStep state={state} onCancel={onDone} />;
    case 'failed':
      return (
        <section className="panel">
          <ScreenHeading>{t('twoStep.title')}</ScreenHeading>
          <p className="problem" role="alert">
            {t(failedText[state.reason])}
          </p>
          {back}
        </section>
      );
    case 'enabled':
      return (
        <section className="panel" data-testid="two-step-enabled">
          <ScreenHeading>{t('twoStep.enabledTitle')}</ScreenHeading>
          <p className="lead" role="status">
            {t('twoStep.enabledDetail')}
          </p>
          <div className="actions">
            <button type="button" className="primary" onClick={onDone}>
              {t('twoStep.back')}
            </button>
          </div>
        </section>
      );
  }
}

function PasswordStep({ state, onCancel }: { state: Extract<TotpSetupState, { phase: 'password' }> | null; onCancel: () => void }) {
  const t = useT();
  const [password, setPassword] = useState('');
  const [empty, setEmpty] = useState(false);
  const field = useRef<HTMLInputElement>(null);
  const problem = state?.problem ?? null;

  useEffect(() => {
    if (problem) field.current?.focus();
  }, [problem]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const valid = passwordSchema.safeParse(password).success;
    setEmpty(!valid);
    if (!valid) return field.current?.focus();
    void totpSetup.submitPassword(password);
  };
  const text = empty
    ? t('twoStep.passwordMissing')
    : problem?.kind === 'wrong-password'
      ? t('twoStep.wrongPassword')
      : problem?.kind === 'too-many-attempts'
        ? t('account.problem.tooManyAttempts', { seconds: Math.ceil(problem.retryAfterMs / 1000) })
        : null;
  return (
    <form className="panel two-step" onSubmit={submit} noValidate data-testid="two-step-password">
      <ScreenHeading>{t('twoStep.title')}</ScreenHeading>
      <p>{t('twoStep.intro')}</p>
      <label htmlFor="two-step-password">{t('twoStep.passwordLabel')}</label>
      <input
        ref={field}
        id="two-step-password"
        type="password"
        autoComplete="current-password"
        maxLength={1024}
        value={password}
        aria-invalid={text !== null}
        aria-describedby={text !== null ? 'two-step-password-problem' : undefined}
        onChange={(event) => setPassword(event.target.value)}
      />
      {text !== null && (
        <p className="problem" role="alert" id="two-step-password-problem">
          {text}
        </p>
      )}
      <StepActions submitLabel={t('twoStep.continue')} busy={state?.busy !== false} onCancel={onCancel} />
    </form>
  );
}

function ScanStep({ state, onCancel }: { state: Extract<TotpSetupState, { phase: 'scan' }>; onCancel: () => void }) {
  const t = useT();
  const [code, setCode] = useState('');
  const [malformed, setMalformed] = useState(false);
  const field = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (state.wrongCodes > 0) field.current?.focus();
  }, [state.wrongCodes]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const typed = code.replace(/\s/g, '');
    const valid = totpCodeSchema.safeParse(typed).success;
    setMalformed(!valid);
    if (!valid) return field.current?.focus();
    void totpSetup.confirm(typed);
  };
  const problem = malformed ? t('account.invalidTotp') : state.wrongCodes > 0 ? t('twoStep.wrongCode') : null;
  return (
    <form className="panel two-step" onSubmit={submit} noValidate data-testid="two-step-setup">
      <ScreenHeading>{t('twoStep.title')}</ScreenHeading>
      <h2>{t('twoStep.scanTitle')}</h2>
      <p>{t('twoStep.scanDetail')}</p>
      <QrCode text={state.uri} label={t('twoStep.qrLabel')} />
      <p>
        {t('twoStep.keyLabel')}{' '}
        <code className="totp-key" data-testid="totp-key">
          {groupedKey(state.secret)}
        </code>
      </p>
      <h2>{t('twoStep.confirmTitle')}</h2>
      <label htmlFor="two-step-code">{t('twoStep.codeLabel')}</label>
      <input
        ref={field}
        id="two-step-code"
        inputMode="numeric"
        autoComplete="one-time-code"
        maxLength={7}
        value={code}
        aria-invalid={problem !== null}
        aria-describedby={problem !== null ? 'two-step-problem' : undefined}
        onChange={(event) => setCode(event.target.value)}
      />
      {problem !== null && (
        // Keyed on the count: a second wrong code is a new alert, announced again.
        <p key={malformed ? 'malformed' : state.wrongCodes} className="problem" role="alert" id="two-step-problem">
          {problem}
        </p>
      )}
      <StepActions submitLabel={t('twoStep.turnOn')} busy={state.confirming} onCancel={onCancel} />
    </form>
  );
}

/** Each step's buttons: go on (disabled while the server answers), or leave the setup unchanged. */
function StepActions({ submitLabel, busy, onCancel }: { submitLabel: string; busy: boolean; onCancel: () => void }) {
  const t = useT();
  return (
    <div className="actions">
      <button type="submit" className="primary" disabled={busy}>
        {submitLabel}
      </button>
      <button type="button" onClick={onCancel}>
        {t('twoStep.cancel')}
      </button>
    </div>
  );
}
