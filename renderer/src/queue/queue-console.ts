import type { ClientMessageType, ErrorCode, ServerMessage } from '../../../shared/signaling';
import { REQUEST_LIMITS, type Outcome } from '../../../shared/queue';
import type { WaitTargets } from '../../../shared/wait-targets';
import type { AccountClient } from '../accounts/account-client';
import type { SignalingConnection, SignalingHandlers } from '../session/signaling-client';
import { emptyQueue, MAX_ALERTS, type QueueProblem, type QueueState } from './queue-state';

export interface QueueConsoleDeps {
  account: Pick<AccountClient, 'listen' | 'send' | 'signedInConnection'>;
  /** Starts the consultant's session on the signed-in connection (SessionController.startOnSharedConnection). */
  startSession(connection: SignalingConnection): SignalingHandlers;
  getState(): QueueState;
  setState(state: QueueState): void;
  now(): number;
}

/**
 * Messages of the session running on the signed-in connection; the session controller handles
 * them (the resume ones too, so a session started from the queue survives a lost socket).
 */
const SESSION_MESSAGES = new Set<ServerMessage['type']>([
  'session.created',
  'session.joined',
  'peer.joined',
  // Fresh TURN credentials the session controller asked for (session.ice-refresh).
  'session.ice',
  'session.ended',
  'signal',
  'session.resume-token',
  'session.resumed',
  'peer.away',
  'peer.back',
]);

const PROBLEMS: Partial<Record<ErrorCode, QueueProblem>> = {
  'already-claimed': 'already-claimed',
  forbidden: 'not-assignee',
  'invalid-state': 'invalid-state',
  'not-found': 'not-found',
  'already-in-session': 'busy',
};

/** What this console sends: errors answering anything else are not its business. */
const isQueueMessage = (type: ClientMessageType) => type.startsWith('queue.') || type === 'session.create';

/**
 * The consultants' side of the queue on the signed-in connection: the live list, one request
 * in detail, claim (which starts the usual session flow on this same connection: the server
 * binds the code to this signed-in socket), hand-off to a colleague and close with an outcome.
 */
export class QueueConsole {
  private unlisten: (() => void) | null = null;
  /** Where this connection's session messages go while a session started from here runs. */
  private session: SignalingHandlers | null = null;
  /** A claim or a direct session is on its way: its session.created starts the session. */
  private expectingSession = false;
  /** A change of the target waits is on its way: the server's answer confirms it was saved. */
  private savingTargets = false;

  constructor(private readonly deps: QueueConsoleDeps) {}

  /** Starts following the queue (again: after a sign-out the old subscription is gone). */
  open(): void {
    this.unlisten ??= this.deps.account.listen({
      onMessage: (message) => this.onMessage(message),
      onReconnected: () => {
        this.subscribe();
        // The session takes its place again on the new socket (session.resume); the peer link never stopped.
        const connection = this.deps.account.signedInConnection;
        if (connection) this.session?.onReconnected?.(connection);
      },
      // The session decides: it waits for the socket to come back when it can resume, or ends.
      onLost: () => this.session?.onLost(),
    });
    this.subscribe();
  }

  dismissAlert(sessionId: string): void {
    this.patch({ alerts: this.deps.getState().alerts.filter((alert) => alert.sessionId !== sessionId) });
  }

  dismissWaitAlert(requestId: string): void {
    this.patch({ waitAlerts: this.deps.getState().waitAlerts.filter((alert) => alert.requestId !== requestId) });
  }

  loadTargets(): void {
    this.deps.account.send({ type: 'queue.targets' });
  }

  /** Admins only (the server refuses anyone else). */
  saveTargets(targets: WaitTargets): void {
    this.savingTargets = true;
    this.patch({ problem: null, notice: null });
    this.deps.account.send({ type: 'queue.set-targets', targets });
  }

  close(): void {
    this.unlisten?.();
    this.unlisten = null;
    this.session = null;
    this.deps.setState(emptyQueue);
  }

  showDetail(requestId: string): void {
    this.deps.account.send({ type: 'queue.detail', requestId });
  }

  hideDetail(): void {
    this.patch({ detail: null });
  }

  claim(requestId: string): void {
    this.expectingSession = true;
    this.patch({ claiming: requestId, problem: null, notice: null });
    this.deps.account.send({ type: 'queue.claim', requestId });
  }

  /** A verified session with a code to read on the phone, outside the queue. */
  startDirect(name: string): void {
    this.expectingSession = true;
    this.patch({ problem: null, notice: null });
    this.deps.account.send({ type: 'session.create', consultantName: name });
  }

  loadColleagues(): void {
    this.deps.account.send({ type: 'queue.colleagues' });
  }

  handOff(requestId: string, consultantId: number): void {
    this.patch({ problem: null, notice: 'handed-off', detail: null });
    this.deps.account.send({ type: 'queue.handoff', requestId, consultantId });
  }

  closeRequest(requestId: string, outcome: Outcome, note?: string): void {
    this.patch({ problem: null, notice: 'closed', detail: null });
    this.deps.account.send({ type: 'queue.close', requestId, outcome, ...(note ? { note } : {}) });
  }

  /** Answers an e-mail request by e-mail; the thread is fetched again once the reply is in the outbox. */
  mailReply(requestId: string, text: string): void {
    this.patch({ problem: null, notice: null });
    this.deps.account.send({ type: 'queue.mail-reply', requestId, text });
  }

  /** One click: takes the e-mail request and mails the person a fresh code; the session starts like a claim's. */
  mailInvite(requestId: string): void {
    this.expectingSession = true;
    this.patch({ claiming: requestId, problem: null, notice: null });
    this.deps.account.send({ type: 'queue.mail-invite', requestId });
  }

  /** Dismisses waiting requests as abuse (sameNetwork: with every waiting request from their networks). */
  dismiss(requestIds: readonly string[], sameNetwork: boolean): void {
    if (requestIds.length === 0) return;
    this.patch({ problem: null, notice: null });
    this.deps.account.send({ type: 'queue.dismiss', requestIds: requestIds.slice(0, REQUEST_LIMITS.dismissBatch), reason: 'abuse', ...(sameNetwork ? { sameNetwork } : {}) });
  }

  private subscribe(): void {
    this.deps.account.send({ type: 'queue.subscribe' });
  }

  private patch(change: Partial<QueueState>): void {
    this.deps.setState({ ...this.deps.getState(), ...change });
  }

  private onMessage(message: ServerMessage): void {
    if (SESSION_MESSAGES.has(message.type)) {
      if (message.type === 'session.created' && this.expectingSession) {
        const connection = this.deps.account.signedInConnection;
        this.expectingSession = false;
        this.patch({ claiming: null, detail: null, sessionRequest: this.deps.getState().claiming });
        if (connection) this.session = this.deps.startSession(connection);
      }
      this.session?.onMessage(message);
      return;
    }
    switch (message.type) {
      case 'queue.snapshot': {
        const detail = this.deps.getState().detail;
        // The open detail view follows the request's state (claimed by someone, gone).
        const current = detail && message.items.find((item) => item.id === detail.id);
        const followed = detail && current ? { ...detail, state: current.state, claimedBy: current.claimedBy, assignedTo: current.assignedTo, userOnline: current.userOnline, detailsCount: current.detailsCount, waitingMs: current.waitingMs } : null;
        // A wait alert goes once its request no longer waits (taken, ended); one beyond the shown items may still wait.
        const shown = new Map(message.items.map((item) => [item.id, item.state]));
        const complete = message.total <= message.items.length;
        const waitAlerts = this.deps.getState().waitAlerts.filter((alert) => shown.get(alert.requestId) === 'waiting' || (!complete && !shown.has(alert.requestId)));
        this.patch({ loaded: true, items: message.items, total: message.total, receivedAt: this.deps.now(), detail: followed, waitAlerts });
        return;
      }
      case 'queue.request':
        this.patch({ detail: message.request });
        return;
      case 'queue.colleagues':
        this.patch({ colleagues: message.consultants });
        return;
      case 'queue.claimed':
        this.patch({ notice: 'claimed' });
        return;
      case 'queue.mail-queued':
        this.patch({ notice: message.kind === 'reply' ? 'mail-sent' : 'invite-sent' });
        // The open request shows the reply in its thread.
        if (message.kind === 'reply' && this.deps.getState().detail?.id === message.requestId) this.showDetail(message.requestId);
        return;
      case 'queue.dismissed':
        this.patch({ notice: 'dismissed', dismissed: message.count });
        return;
      case 'queue.alert': {
        const alert = { at: message.at, consultantName: message.consultantName, sessionId: message.sessionId };
        const others = this.deps.getState().alerts.filter((a) => a.sessionId !== alert.sessionId);
        this.patch({ alerts: [alert, ...others].slice(0, MAX_ALERTS) });
        return;
      }
      case 'queue.wait-alert': {
        const alert = { requestId: message.requestId, level: message.level, contactName: message.contactName, category: message.category, targetMs: message.targetMs, at: message.at };
        const others = this.deps.getState().waitAlerts.filter((a) => a.requestId !== alert.requestId);
        this.patch({ waitAlerts: [alert, ...others].slice(0, MAX_ALERTS) });
        return;
      }
      case 'queue.targets':
        this.patch({ targets: message.targets, ...(this.savingTargets ? { notice: 'targets-saved' as const } : {}) });
        this.savingTargets = false;
        return;
      case 'error': {
        if (message.replyTo === 'session.resume') {
          this.session?.onMessage(message);
          return;
        }
        // Errors answering another feature's message on this shared connection (two-step
        // setup, the audit trail) are theirs; answers to the session's own farewells (the
        // other side had already left) are not queue problems either.
        if (message.replyTo !== undefined && !isQueueMessage(message.replyTo)) return;
        // An error naming no message (a frame refused as a flood) is the queue's only while a claim or a session start waits.
        if (message.replyTo === undefined && this.deps.getState().claiming === null && !this.expectingSession) return;
        if (message.code === 'not-in-session') return;
        // A refused change of the target waits is not about any request.
        if (message.replyTo === 'queue.set-targets') {
          this.savingTargets = false;
          return this.patch({ notice: null, problem: 'failed' });
        }
        this.expectingSession = false;
        this.patch({ claiming: null, notice: null, problem: PROBLEMS[message.code] ?? 'failed' });
        return;
      }
      default:
        return;
    }
  }
}
