import { ChatPanel } from '../../chat/chat-panel';
import { EndedPanel } from '../../components/ended-panel';
import { ScreenHeading } from '../../components/screen-heading';
import { useT } from '../../i18n/language-store';
import { sessionController } from '../../session/controller';
import { useSessionStore } from '../../session/session-store';
import { CodeDisplay } from './code-display';
import { NameForm } from './name-form';
import { RemoteView } from './remote-view';

/** The consultant's side: name, code to read aloud, then the user's live screen. */
export function GiveHelpScreen() {
  const t = useT();
  const state = useSessionStore((store) => store.state);
  const setRole = useSessionStore((store) => store.setRole);

  switch (state.phase) {
    case 'idle':
    case 'starting':
      return (
        <NameForm
          busy={state.phase === 'starting'}
          problem={state.phase === 'idle' ? state.problem : null}
          onStart={(name) => void sessionController.startAsConsultant(name)}
        />
      );
    case 'waiting-for-user':
      return <CodeDisplay code={state.code} validMinutes={state.validMinutes} />;
    case 'waiting-for-consent':
      return (
        <section className="panel">
          <ScreenHeading>{t('give.codeTitle')}</ScreenHeading>
          <p className="status" role="status" data-testid="consultant-status">
            <span className="spinner" aria-hidden="true" />
            {t('give.waitingForConsent')}
          </p>
          {/* The link is up before sharing: the consultant can already reassure the person. */}
          <ChatPanel peerName={null} />
        </section>
      );
    case 'connecting':
      return (
        <section className="panel">
          <ScreenHeading>{t('give.liveTitle')}</ScreenHeading>
          <p className="status" role="status" data-testid="consultant-status">
            <span className="spinner" aria-hidden="true" />
            {t('give.connecting')}
          </p>
        </section>
      );
    case 'live':
      return <RemoteView stream={state.stream} route={state.route} onEnd={() => sessionController.end()} />;
    case 'ended':
      return (
        <EndedPanel
          reason={state.reason}
          again="give.newSession"
          onAgain={() => sessionController.reset()}
          onHome={() => {
            sessionController.reset();
            setRole(null);
          }}
        />
      );
    default:
      return null;
  }
}
