import { formatSessionCode } from '../../../../shared/session-code';
import { ScreenHeading } from '../../components/screen-heading';
import { useT } from '../../i18n/language-store';

/** `forRequest`: a claimed help request, whose user's app receives the code by itself. */
export function CodeDisplay({ code, validMinutes, forRequest = false }: { code: string; validMinutes: number; forRequest?: boolean }) {
  const t = useT();
  return (
    <section className="panel">
      <ScreenHeading>{t(forRequest ? 'queue.claimedTitle' : 'give.codeTitle')}</ScreenHeading>
      <p className="session-code" aria-label={`${t('give.codeLabel')}: ${code.split('').join(' ')}`} data-testid="session-code" data-code={code}>
        {formatSessionCode(code)}
      </p>
      <p>{t(forRequest ? 'queue.claimedHint' : 'give.codeHint')}</p>
      <p className="muted">{t('give.codeExpires', { minutes: validMinutes })}</p>
      <p className="status" role="status" data-testid="consultant-status">
        <span className="spinner" aria-hidden="true" />
        {t('give.waitingForUser')}
      </p>
    </section>
  );
}
