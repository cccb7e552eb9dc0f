import { ChatPanel, StatusUpdate } from '../../chat/chat-panel';
import { EndedPanel } from '../../components/ended-panel';
import { ScreenHeading } from '../../components/screen-heading';
import { useT } from '../../i18n/language-store';
import { sessionController } from '../../session/controller';
import { useSessionStore } from '../../session/session-store';
import { CodeForm } from './code-form';
import { ConsentPrompt } from './consent-prompt';
import { ScreenPicker } from './screen-picker';
import { SharingBanner } from './sharing-banner';

/** The user's side: code, who is asking and the choice, then the sharing banner with Stop. */
export function GetHelpScreen() {
  const t = useT();
  const state = useSessionStore((store) => store.state);
  const setRole = useSessionStore((store) => store.setRole);

  switch (state.phase) {
    case 'idle':
    case 'joining':
      return (
        <CodeForm
          busy={state.phase === 'joining'}
          problem={state.phase === 'idle' ? state.problem : null}
          onJoin={(code) => void sessionController.joinAsUser(code)}
        />
      );
    case 'confirm':
      return (
        <>
          <StatusUpdate peerName={state.peerName} />
          <ConsentPrompt peerName={state.peerName} onAllow={() => void sessionController.allow()} onDecline={() => sessionController.decline()} />
          {/* The person can ask questions before deciding. */}
          <ChatPanel peerName={state.peerName} />
        </>
      );
    case 'picking':
      return (
        <ScreenPicker sources={state.sources} onPick={(id) => void sessionController.share(id)} onCancel={() => sessionController.decline()} />
      );
    case 'connecting':
      return (
        <section className="panel">
          <ScreenHeading>{t('get.preparing')}</ScreenHeading>
          <p className="status" role="status">
            <span className="spinner" aria-hidden="true" />
            {t('get.connecting', { name: state.peerName ?? '' })}
          </p>
          <div className="actions">
            <button type="button" className="danger" onClick={() => sessionController.end()}>
              {t('get.stop')}
            </button>
          </div>
        </section>
      );
    case 'live':
      return <SharingBanner peerName={state.peerName} onStop={() => sessionController.end()} />;
    case 'ended':
      return (
        <EndedPanel
          reason={state.reason}
          again="get.tryAgain"
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
