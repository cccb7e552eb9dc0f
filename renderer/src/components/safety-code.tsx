import { formatSafetyCode, spokenSafetyCode } from '../../../shared/safety-code';
import { useT } from '../i18n/language-store';
import { useSafetyCodeStore } from '../session/safety-code-store';

/** The code as shown ("123 456") and as read by a screen reader, one digit and one group at a time. */
function CodeText({ code }: { code: string }) {
  return (
    <strong className="safety-code-digits" data-testid="safety-code-digits" aria-label={spokenSafetyCode(code)}>
      {formatSafetyCode(code)}
    </strong>
  );
}

/** Consultant: the code to read aloud. The live region announces it when it appears or changes. */
export function SafetyCodeReadout() {
  const t = useT();
  const code = useSafetyCodeStore((store) => store.state.code);
  if (!code) return null;
  return (
    <section className="panel safety-code" data-testid="safety-code" data-code={code} aria-labelledby="safety-code-title">
      <h2 id="safety-code-title">{t('safety.title')}</h2>
      <p role="status">
        {t('safety.read')} <CodeText code={code} />
      </p>
      <p className="muted">{t('safety.readHint')}</p>
    </section>
  );
}

/**
 * User: compares the code they hear with this one. "It does not match" ends the session at
 * once (the caller reports it); "It matches" is remembered until the certificates change.
 */
export function SafetyCodeCheck({ onMismatch }: { onMismatch: () => void }) {
  const t = useT();
  const state = useSafetyCodeStore((store) => store.state);
  const confirm = useSafetyCodeStore((store) => store.confirm);
  if (!state.code) return null;
  return (
    <section className="panel safety-code" data-testid="safety-code" data-code={state.code} data-confirmed={state.confirmed} aria-labelledby="safety-code-title">
      <h2 id="safety-code-title">{t('safety.title')}</h2>
      {state.controlWaiting && !state.confirmed && (
        <p className="warning" role="alert" data-testid="safety-code-control-waiting">
          {t('safety.controlWaiting')}
        </p>
      )}
      <p role="status">
        {t('safety.ask')} <CodeText code={state.code} /> ?
      </p>
      {state.confirmed ? (
        <p className="ok" data-testid="safety-code-confirmed">
          {t('safety.confirmed')}
        </p>
      ) : (
        <>
          <p className="muted">{t('safety.askHint')}</p>
          <div className="actions">
            <button type="button" className="primary" onClick={confirm}>
              {t('safety.matches')}
            </button>
            <button type="button" className="danger" onClick={onMismatch}>
              {t('safety.doesNotMatch')}
            </button>
          </div>
        </>
      )}
    </section>
  );
}
