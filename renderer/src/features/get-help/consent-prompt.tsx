import { ScreenHeading } from '../../components/screen-heading';
import { useT } from '../../i18n/language-store';

/** Who wants to see the screen, a plain warning against unsolicited "help", and the choice. */
export function ConsentPrompt({ peerName, onAllow, onDecline }: { peerName: string; onAllow: () => void; onDecline: () => void }) {
  const t = useT();
  return (
    <section className="panel" data-testid="consent-prompt">
      <ScreenHeading>{t('get.confirmTitle', { name: peerName })}</ScreenHeading>
      <p className="warning" role="note">
        {t('get.confirmWarning')}
      </p>
      <p>{t('get.confirmDetail')}</p>
      <div className="actions">
        <button type="button" className="primary" onClick={onAllow}>
          {t('get.allow')}
        </button>
        <button type="button" onClick={onDecline}>
          {t('get.decline')}
        </button>
      </div>
    </section>
  );
}
