import { useEffect, useState, type FormEvent } from 'react';
import { totpCodeSchema } from '../../../../shared/accounts';
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

/** Turning on two-step sign-in: scan (or type) the key, then prove it with the app's first code. */
export function TwoStepSetupScreen({ onDone }: { onDone: () => void }) {
  const t = useT();
  const state = useTotpSetupStore((store) => store.state);
  const [code, setCode] = useState('');
  const [invalid, setInvalid] = useState(false);

  useEffect(() => {
    totpSetup.start();
    return () => totpSetup.close();
  }, []);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const typed = code.replace(/\s/g, '');
    const valid = totpCodeSchema.safeParse(typed).success;
    setInvalid(!valid);
    if (valid) totpSetup.confirm(typed);
  };

  const back = (
    <div className="actions">
      <button type="button" onClick={onDone}>
        {t('twoStep.back')}
      </button>
    </div>
  );

  switch (state.phase) {
    case 'idle':
    case 'requesting':
      return (
        <section className="panel">
          <ScreenHeading>{t('twoStep.title')}</ScreenHeading>
          <p className="status" role="status">
            <span className="spinner" aria-hidden="true" />
            {t('twoStep.preparing')}
          </p>
        </section>
      );
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
    case 'scan': {
      const problem = invalid ? t('account.invalidTotp') : state.problem === 'invalid-code' ? t('twoStep.wrongCode') : null;
      return (
        <form className="panel two-step" onSubmit={submit} noValidate data-testid="two-step-setup">
          <ScreenHeading>{t('twoStep.title')}</ScreenHeading>
          <p>{t('twoStep.intro')}</p>
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
            <p className="problem" role="alert" id="two-step-problem">
              {problem}
            </p>
          )}
          <div className="actions">
            <button type="submit" className="primary" disabled={state.confirming}>
              {t('twoStep.turnOn')}
            </button>
            <button type="button" onClick={onDone}>
              {t('twoStep.cancel')}
            </button>
          </div>
        </form>
      );
    }
  }
}
