import { useScreensStore } from '../../control/screens-store';
import { useT } from '../../i18n/language-store';
import { sessionController } from '../../session/controller';

/** The consultant asked to see another screen: the user decides, and only a click switches. */
export function ScreenRequest({ peerName }: { peerName: string }) {
  const t = useT();
  const requested = useScreensStore((store) => store.requested);
  const screens = useScreensStore((store) => store.screens);
  const screen = screens.find((candidate) => candidate.id === requested);
  if (!screen) return null;
  const answer = (share: boolean) => {
    useScreensStore.getState().set({ requested: null });
    if (share) void sessionController.switchScreen(screen.id);
  };
  return (
    <section className="panel" data-testid="screen-request">
      <p>{t('screens.userAsk', { name: peerName, screen: screen.name })}</p>
      <div className="actions">
        <button type="button" className="primary" onClick={() => answer(true)}>
          {t('screens.userShare', { screen: screen.name })}
        </button>
        <button type="button" onClick={() => answer(false)}>
          {t('screens.userKeep')}
        </button>
      </div>
    </section>
  );
}
