import { useState } from 'react';
import { accountClient } from '../../accounts/account';
import { useAccountStore } from '../../accounts/account-store';
import { ChatPanel } from '../../chat/chat-panel';
import { EndedPanel } from '../../components/ended-panel';
import { ScreenHeading } from '../../components/screen-heading';
import { useT } from '../../i18n/language-store';
import { sessionController } from '../../session/controller';
import { useSessionStore } from '../../session/session-store';
import { AuditScreen } from './audit-screen';
import { CodeDisplay } from './code-display';
import { NameForm } from './name-form';
import { QueueConsoleScreen } from './queue-console-screen';
import { FailedSignInsNotice } from './failed-sign-ins-notice';
import { SignInForm } from './sign-in-form';
import { SignInOffer } from './sign-in-offer';
import { TwoStepSetupScreen } from './two-step-setup-screen';
import { queueConsole } from '../../queue/queue';
import { useQueueStore } from '../../queue/queue-store';
import { RemoteView } from './remote-view';
import { SafetyCodeReadout } from '../../components/safety-code';
import { ConnectionNotice } from '../../components/connection-notice';

/** The consultant's side: name, code to read aloud, then the user's live screen. */
export function GiveHelpScreen() {
  const t = useT();
  const state = useSessionStore((store) => store.state);
  const setRole = useSessionStore((store) => store.setRole);
  const account = useAccountStore((store) => store.state);
  const [wantsSignIn, setWantsSignIn] = useState(false);
  /** The failed-sign-ins notice, once dismissed, stays dismissed for this sign-in (its expiry time names it). */
  const [noticeSeenFor, setNoticeSeenFor] = useState<number | null>(null);
  /**
   * What a signed-in consultant looks at: the queue, two-step sign-in setup, or (admins) the
   * audit trail. Tied to the account: whoever signs in next (after an expiry, say) starts at the queue.
   */
  const [chosenView, setChosenView] = useState<{ consultantId: number; view: 'two-step' | 'audit'; session?: string } | null>(null);
  const accountView = account.status === 'signed-in' && chosenView?.consultantId === account.consultant.id ? chosenView.view : 'queue';
  const signedIn = account.status === 'signed-in';
  const sessionRequest = useQueueStore((store) => store.state.sessionRequest);

  switch (state.phase) {
    case 'idle':
    case 'starting':
      if (account.status === 'signed-in') {
        if (state.phase === 'starting') {
          return (
            <section className="panel">
              <ScreenHeading>{t('queue.preparing')}</ScreenHeading>
              <p className="status" role="status">
                <span className="spinner" aria-hidden="true" />
                {t('give.starting')}
              </p>
            </section>
          );
        }
        const signOut = () => {
          setWantsSignIn(false);
          setChosenView(null);
          queueConsole.close();
          accountClient.signOut();
        };
        const toQueue = () => setChosenView(null);
        const consultantId = account.consultant.id;
        if (accountView === 'two-step') return <TwoStepSetupScreen onDone={toQueue} />;
        if (accountView === 'audit' && account.consultant.role === 'admin') {
          return <AuditScreen organisation={account.consultant.organisation.name} session={chosenView?.session} onBack={toQueue} />;
        }
        const expiresAt = account.expiresAt;
        const failedElsewhere = noticeSeenFor === expiresAt ? 0 : (account.failedElsewhere ?? 0);
        return (
          <>
            {failedElsewhere > 0 && <FailedSignInsNotice count={failedElsewhere} onDismiss={() => setNoticeSeenFor(expiresAt)} />}
            <QueueConsoleScreen
              consultant={account.consultant}
              online={account.online}
              onSignOut={signOut}
              onTwoStep={() => setChosenView({ consultantId, view: 'two-step' })}
              onAudit={(session) => setChosenView({ consultantId, view: 'audit', ...(session === undefined ? {} : { session }) })}
            />
          </>
        );
      }
      if (wantsSignIn || account.status === 'signing-in' || account.needsTotp) {
        return (
          <SignInForm
            busy={account.status === 'signing-in'}
            needsTotp={account.needsTotp}
            problem={account.status === 'signed-out' ? account.problem : null}
            onSignIn={(email, password, totp) => void accountClient.signIn(email, password, totp)}
            onCancel={() => {
              setWantsSignIn(false);
              accountClient.cancelSignIn();
            }}
          />
        );
      }
      return (
        <NameForm
          busy={state.phase === 'starting'}
          problem={state.phase === 'idle' ? state.problem : null}
          onStart={(name) => void sessionController.startAsConsultant(name)}
          intro={<SignInOffer onSignIn={() => setWantsSignIn(true)} />}
        />
      );
    case 'waiting-for-user':
      return <CodeDisplay code={state.code} validMinutes={state.validMinutes} forRequest={signedIn && sessionRequest !== null} />;
    case 'waiting-for-consent':
      return (
        <section className="panel">
          <ScreenHeading>{t(signedIn && sessionRequest !== null ? 'queue.claimedTitle' : 'give.codeTitle')}</ScreenHeading>
          <p className="status" role="status" data-testid="consultant-status">
            <span className="spinner" aria-hidden="true" />
            {t('give.waitingForConsent')}
          </p>
          <ConnectionNotice peerName={null} role="consultant" />
          <SafetyCodeReadout />
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
      return (
        <RemoteView stream={state.stream} route={state.route} onEnd={() => sessionController.end()} />
      );
    case 'ended':
      return (
        <EndedPanel
          reason={state.reason}
          again={signedIn ? 'queue.backToQueue' : 'give.newSession'}
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
