import { useEffect, useState } from 'react';
import type { ConsultantView } from '../../../../shared/accounts';
import type { QueueItem } from '../../../../shared/queue';
import { ScreenHeading } from '../../components/screen-heading';
import type { MessageKey } from '../../i18n/i18n';
import { useLanguageStore, useT } from '../../i18n/language-store';
import { queueConsole } from '../../queue/queue';
import type { QueueNotice, QueueProblem } from '../../queue/queue-state';
import { useQueueStore } from '../../queue/queue-store';
import { pruneSelection, sameNetworkAs, toggleSelected, withAll } from '../../queue/queue-selection';
import { useNow } from '../../queue/use-now';
import { DismissSelected, SelectForDismissal } from './dismiss-abuse';
import { CloseRequestForm } from './close-request-form';
import { QueueRequestDetail } from './queue-request-detail';
import { DiagnosticsLine, QueueItemFacts } from './queue-item-summary';
import { WaitAlerts } from './wait-marker';
import { WaitTargetsForm } from './wait-targets-form';

const problemText: Record<QueueProblem, MessageKey> = {
  'already-claimed': 'queue.problem.alreadyClaimed',
  'not-assignee': 'queue.problem.notAssignee',
  'invalid-state': 'queue.problem.invalidState',
  'not-found': 'queue.problem.notFound',
  busy: 'queue.problem.busy',
  failed: 'problem.protocol',
};

const noticeText: Record<QueueNotice, MessageKey> = {
  claimed: 'queue.notice.claimed',
  'handed-off': 'queue.notice.handedOff',
  closed: 'queue.notice.closed',
  dismissed: 'queue.notice.dismissed',
  'targets-saved': 'queue.notice.targetsSaved',
  'mail-sent': 'queue.notice.mailSent',
  'invite-sent': 'queue.notice.inviteSent',
};

/** Waiting time now: the server's figure plus the time since its snapshot. */
export function waitingNow(item: QueueItem, receivedAt: number, now: number): number {
  return item.state === 'waiting' ? item.waitingMs + Math.max(0, now - receivedAt) : item.waitingMs;
}

/** The signed-in consultant's start: their organisation's queue, and a verified session with a code. */
interface QueueConsoleScreenProps {
  consultant: ConsultantView;
  online: boolean;
  onSignOut: () => void;
  onTwoStep: () => void;
  /** Admins only; with a session id, the audit trail opens on that session's story. */
  onAudit: (session?: string) => void;
}

export function QueueConsoleScreen({ consultant, online, onSignOut, onTwoStep, onAudit }: QueueConsoleScreenProps) {
  const t = useT();
  const state = useQueueStore((store) => store.state);
  const now = useNow();
  const language = useLanguageStore((store) => store.language);
  const time = new Intl.DateTimeFormat(language, { hour: '2-digit', minute: '2-digit' });
  const [picked, setPicked] = useState<ReadonlySet<string>>(new Set());
  // Requests that left the waiting list (taken, ended, dismissed) drop out of the selection.
  const selected = pruneSelection(picked, state.items);

  useEffect(() => {
    queueConsole.open();
  }, []);

  if (state.detail) return <QueueRequestDetail detail={state.detail} me={consultant.id} colleagues={state.colleagues} problem={state.problem && t(problemText[state.problem])} />;

  const mine = state.items.filter((item) => item.claimedBy?.id === consultant.id);
  return (
    <section className="panel queue-console" data-testid="queue-console">
      <ScreenHeading>{t('queue.title', { organisation: consultant.organisation.name })}</ScreenHeading>
      <div className="signed-in-as">
        <p>
          {t('account.signedInAs', { name: consultant.name, email: consultant.email })} <span className="badge verified">{t('account.verifiedBadge')}</span>
        </p>
        <div className="account-tools">
          {consultant.role === 'admin' && (
            <button type="button" onClick={() => onAudit()}>
              {t('audit.open')}
            </button>
          )}
          <button type="button" onClick={onSignOut}>
            {t('account.signOut')}
          </button>
        </div>
      </div>
      {/* One polite live region: a new alert is announced once, not every time the console shows again. */}
      <div aria-live="polite">
        <WaitAlerts alerts={state.waitAlerts} />
        {state.alerts.map((alert) => (
          <div key={alert.sessionId} className="warning report-alert" data-testid="report-alert">
            <p id={`alert-${alert.sessionId}`}>{t('queue.alert.contactReported', { name: alert.consultantName, time: time.format(alert.at) })}</p>
            <div className="actions">
              <button type="button" aria-describedby={`alert-${alert.sessionId}`} onClick={() => onAudit(alert.sessionId)}>
                {t('queue.alert.show')}
              </button>
              <button type="button" aria-describedby={`alert-${alert.sessionId}`} onClick={() => queueConsole.dismissAlert(alert.sessionId)}>
                {t('queue.alert.dismiss')}
              </button>
            </div>
          </div>
        ))}
      </div>
      {!consultant.totpEnabled && (
        <div className="warning two-step-off" data-testid="two-step-off">
          <p>{t('twoStep.offNotice')}</p>
          <button type="button" onClick={onTwoStep}>
            {t('twoStep.start')}
          </button>
        </div>
      )}
      {!online && (
        <p className="warning" role="status">
          {t('account.reconnecting')}
        </p>
      )}
      <div className="actions">
        <button type="button" onClick={() => queueConsole.startDirect(consultant.name)}>
          {t('queue.startDirect')}
        </button>
      </div>
      {consultant.role === 'admin' && <WaitTargetsForm targets={state.targets} />}
      {state.problem && (
        <p className="problem" role="alert" data-testid="queue-problem" data-problem={state.problem}>
          {t(problemText[state.problem])}
        </p>
      )}
      <p className="status" role="status" data-testid="queue-status">
        {state.notice ? `${t(noticeText[state.notice], { count: state.dismissed })} ` : ''}
        {state.loaded ? t('queue.count', { count: state.items.filter((item) => item.state === 'waiting').length }) : t('queue.loading')}
      </p>
      {mine.map((item) => (
        <div key={item.id} className="held-request" data-testid="held-request">
          <p>{t('queue.youHold', { name: item.contactName })}</p>
          <div className="actions">
            <button type="button" onClick={() => queueConsole.showDetail(item.id)}>
              {t('queue.open')}
            </button>
            <button type="button" onClick={() => queueConsole.claim(item.id)}>
              {t('queue.newCode')}
            </button>
          </div>
          <CloseRequestForm requestId={item.id} onClose={(outcome, note) => queueConsole.closeRequest(item.id, outcome, note)} />
        </div>
      ))}
      <h2>{t('queue.listTitle')}</h2>
      <DismissSelected
        count={selected.size}
        onClear={() => setPicked(new Set())}
        onDismiss={(sameNetwork) => {
          queueConsole.dismiss([...selected], sameNetwork);
          setPicked(new Set());
        }}
      />
      {state.loaded && state.items.length === 0 && <p className="muted">{t('queue.empty')}</p>}
      <ul className="queue-list" aria-label={t('queue.listTitle')}>
        {state.items.map((item) => (
          <li key={item.id} className={`queue-item queue-${item.state}`} data-testid="queue-item" data-request={item.id} data-state={item.state}>
            <QueueItemFacts item={item} waitingMs={waitingNow(item, state.receivedAt, now)} />
            <p className="queue-description">{item.descriptionPreview}</p>
            <DiagnosticsLine summary={item.diagnostics} />
            {item.state === 'waiting' && (
              <SelectForDismissal
                item={item}
                checked={selected.has(item.id)}
                networkCount={sameNetworkAs(state.items, item.id).length}
                onToggle={() => setPicked(toggleSelected(selected, item.id))}
                onSelectNetwork={() => setPicked(withAll(selected, sameNetworkAs(state.items, item.id)))}
              />
            )}
            <div className="actions">
              <button type="button" onClick={() => queueConsole.showDetail(item.id)} aria-label={t('queue.openFor', { name: item.contactName })}>
                {t('queue.open')}
              </button>
              {item.state === 'waiting' && (item.assignedTo === null || item.assignedTo.id === consultant.id) && (
                <button type="button" className="primary" disabled={state.claiming !== null} onClick={() => queueConsole.claim(item.id)} aria-label={t('queue.claimFor', { name: item.contactName })}>
                  {t('queue.claim')}
                </button>
              )}
            </div>
          </li>
        ))}
      </ul>
      {state.total > state.items.length && <p className="muted">{t('queue.more', { count: state.total - state.items.length })}</p>}
    </section>
  );
}
