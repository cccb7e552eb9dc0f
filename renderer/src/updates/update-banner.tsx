import { useT } from '../i18n/language-store';
import { getHost } from '../host/host';
import { useUpdateStore } from './update-store';

/** A calm notice that an update is ready; nothing restarts unless the user asks, and never mid-session. */
export function UpdateBanner() {
  const t = useT();
  const { ready, deferred, setDeferred, dismiss } = useUpdateStore();
  if (ready === null) return null;

  const restart = async () => {
    // The host refuses while a session is in progress; the update then installs on quit.
    const restarting = await getHost().update.restartNow().catch(() => false);
    if (!restarting) setDeferred();
  };
  const later = () => {
    dismiss();
    void getHost().update.later().catch(() => undefined);
  };

  return (
    <div className="update-banner" role="status" data-testid="update-banner">
      <p>{deferred ? t('update.deferred') : t('update.ready')}</p>
      {!deferred && (
        <div className="actions">
          <button type="button" className="primary" onClick={() => void restart()}>
            {t('update.restartNow')}
          </button>
          <button type="button" onClick={later}>
            {t('update.later')}
          </button>
        </div>
      )}
      {deferred && (
        <div className="actions">
          <button type="button" onClick={later}>
            {t('update.ok')}
          </button>
        </div>
      )}
    </div>
  );
}
