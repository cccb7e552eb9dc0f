import { useState } from 'react';
import { ChatPanel, StatusUpdate } from '../../chat/chat-panel';
import { EndedPanel } from '../../components/ended-panel';
import { ScreenHeading } from '../../components/screen-heading';
import { useT } from '../../i18n/language-store';
import { sessionController } from '../../session/controller';
import { useSessionStore } from '../../session/session-store';
import { helpRequestClient } from '../../queue/queue';
import { useHelpRequestStore } from '../../queue/help-request-store';
import { AskHelpForm } from './ask-help-form';
import { ClaimedAlert } from './claimed-alert';
import { CodeForm } from './code-form';
import { ReportAdvice, ReportDelivery, type ReportState } from './report-advice';
import { RequestStatus } from './request-status';
import { isConsultantAllowed } from '../../../../shared/policy';
import { usePolicyStore } from '../../policy/policy-store';
import { ConsentPrompt } from './consent-prompt';
import { SafetyCodeCheck } from '../../components/safety-code';
import { ScreenPicker } from './screen-picker';
import { SharingBanner } from './sharing-banner';
import { ConnectionNotice } from '../../components/connection-notice';

/** The user's side: code, who is asking and the choice, then the sharing banner with Stop. */
export function GetHelpScreen() {
  const t = useT();
  const state = useSessionStore((store) => store.state);
  const setRole = useSessionStore((store) => store.setRole);
  const policy = usePolicyStore((store) => store.policy);
  const request = useHelpRequestStore((store) => store.state);
  const [asking, setAsking] = useState(false);
  /** Set once reported: the organisation told (null for a helper nobody vouched for), and whether the server confirmed it. */
  const [reported, setReported] = useState<ReportState | null>(null);
  /** The report a "does not match" sends: the ended screen says it was sent only once the server confirmed it. */
  const [mismatchReport, setMismatchReport] = useState<ReportState['delivery'] | null>(null);
  const claimedBy = request.phase === 'open' ? request.claimedBy : null;
  const home = () => {
    setMismatchReport(null);
    sessionController.reset();
    helpRequestClient.leave();
    setRole(null);
  };
  const report = (organisation: string | null) => {
    // Ends the session at once (nothing shared). The server records the report for the
    // helper's organisation and cancels the help request that led to it, if any.
    setReported({ organisation, delivery: 'sending' });
    void sessionController.reportSuspicious().then((recorded) => setReported({ organisation, delivery: recorded ? 'sent' : 'not-sent' }));
  };

  // Ends everything at once; the ended screen explains calmly, and the server records the report.
  const mismatch = () => {
    setMismatchReport('sending');
    void sessionController.reportSuspicious('safety-code-mismatch').then((recorded) => setMismatchReport(recorded ? 'sent' : 'not-sent'));
  };

  if (reported) return <ReportAdvice report={reported} onHome={home} />;

  switch (state.phase) {
    case 'idle':
    case 'joining':
      if (state.phase === 'joining' && state.peerName !== undefined) {
        // Taking the session back after a restart: no code to type.
        return (
          <section className="panel">
            <ScreenHeading>{t('resume.connectingTitle')}</ScreenHeading>
            <p className="status" role="status">
              <span className="spinner" aria-hidden="true" />
              {t('get.connecting', { name: state.peerName })}
            </p>
          </section>
        );
      }
      if (request.phase === 'open' && state.phase === 'idle') {
        return (
          <RequestStatus
            request={request}
            onAddDetails={(text) => helpRequestClient.addDetails(text)}
            onCancel={() => helpRequestClient.cancel()}
            onDone={home}
          />
        );
      }
      if (claimedBy) {
        return (
          <>
            <ClaimedAlert helper={claimedBy} />
            <section className="panel">
              <ScreenHeading>{t('request.connectingTitle')}</ScreenHeading>
              <p className="status" role="status">
                <span className="spinner" aria-hidden="true" />
                {t('get.connecting', { name: claimedBy.name })}
              </p>
            </section>
          </>
        );
      }
      if (asking || request.phase === 'submitting' || (request.phase === 'none' && request.problem !== null)) {
        return (
          <AskHelpForm
            busy={request.phase === 'submitting'}
            problem={request.phase === 'none' ? request.problem : null}
            onSubmit={(submitted) => void helpRequestClient.submit(submitted)}
            onBack={() => {
              setAsking(false);
              helpRequestClient.leave();
            }}
          />
        );
      }
      return (
        <>
          <CodeForm
            busy={state.phase === 'joining'}
            problem={state.phase === 'idle' ? state.problem : null}
            onJoin={(code) => void sessionController.joinAsUser(code)}
          />
          <section className="panel ask-offer">
            <h2>{t('request.offerTitle')}</h2>
            <p>{t('request.offerDetail')}</p>
            <div className="actions">
              <button type="button" onClick={() => setAsking(true)}>
                {t('request.ask')}
              </button>
            </div>
          </section>
        </>
      );
    case 'confirm':
      return (
        <>
          {claimedBy && <ClaimedAlert helper={claimedBy} />}
          <StatusUpdate peerName={state.peerName} />
          <ConnectionNotice peerName={state.peerName} role="user" />
          <SafetyCodeCheck onMismatch={mismatch} />
          <ConsentPrompt
            peerName={state.peerName}
            verified={state.verified}
            blockedByPolicy={!isConsultantAllowed(policy, { verified: state.verified !== null, organization: state.verified?.organisationId ?? null })}
            onAllow={() => void sessionController.allow()}
            onDecline={() => sessionController.decline()}
            onReport={() => report(state.verified?.organisation ?? null)}
          />
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
          <ScreenHeading>{t(state.awaitingDesktop ? 'get.desktopWaitingTitle' : 'get.preparing')}</ScreenHeading>
          <p className="status" role="status">
            <span className="spinner" aria-hidden="true" />
            {state.awaitingDesktop ? t('get.desktopWaiting') : t('get.connecting', { name: state.peerName ?? '' })}
          </p>
          <div className="actions">
            <button type="button" className="danger" onClick={() => sessionController.end()}>
              {t('get.stop')}
            </button>
          </div>
        </section>
      );
    case 'live':
      return (
        <>
          <SharingBanner peerName={state.peerName} onStop={() => sessionController.end()} />
          <SafetyCodeCheck onMismatch={mismatch} />
        </>
      );
    case 'ended':
      return (
        <EndedPanel
          reason={state.reason}
          again="get.tryAgain"
          onAgain={() => {
            setMismatchReport(null);
            sessionController.reset();
            helpRequestClient.leave();
          }}
          onHome={home}
        >
          {state.reason === 'safety-code-mismatch' && mismatchReport && (
            <ReportDelivery delivery={mismatchReport} sent={t('ended.mismatchReportSent')} notSent={t('ended.mismatchReportNotSent')} />
          )}
        </EndedPanel>
      );
    default:
      return null;
  }
}
