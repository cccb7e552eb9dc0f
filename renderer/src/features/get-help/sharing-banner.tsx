import { useT } from '../../i18n/language-store';

/** Shown for as long as the screen is shared: who is watching, and the way out. */
export function SharingBanner({ peerName, onStop }: { peerName: string | null; onStop: () => void }) {
  const t = useT();
  return (
    <section className="sharing-banner" role="region" aria-label={t('get.sharingBanner', { name: peerName ?? '' })} data-testid="sharing-banner">
      <div>
        <p className="sharing-title">
          <span className="dot live" aria-hidden="true" />
          {t('get.sharingBanner', { name: peerName ?? '' })}
        </p>
        <p>{t('get.sharingDetail')}</p>
      </div>
      <button type="button" className="danger large" onClick={onStop}>
        {t('get.stop')}
      </button>
    </section>
  );
}
