import type { ServerMessage } from '../../../shared/signaling';
import type { QueueItem, RequestDetail } from '../../../shared/queue';
import type { WaitTargets } from '../../../shared/wait-targets';

export type Colleague = Extract<ServerMessage, { type: 'queue.colleagues' }>['consultants'][number];

/** A user reported a session as suspicious (admins only); shown until dismissed. */
export type ReportAlert = Omit<Extract<ServerMessage, { type: 'queue.alert' }>, 'type' | 'kind'>;
/** A waiting request reached 80 % of its target wait, or passed it; shown until dismissed. */
export type WaitAlert = Omit<Extract<ServerMessage, { type: 'queue.wait-alert' }>, 'type'>;
/** Alerts kept on the console; older ones stay in the audit trail. */
export const MAX_ALERTS = 5;

/** What went wrong with the last queue action, in plain words on the console. */
export type QueueProblem = 'already-claimed' | 'not-assignee' | 'invalid-state' | 'not-found' | 'busy' | 'failed';

/** What just happened, announced politely (role=status). */
export type QueueNotice = 'claimed' | 'handed-off' | 'closed' | 'dismissed' | 'targets-saved' | 'mail-sent' | 'invite-sent';

export interface QueueState {
  /** False until the first snapshot arrives. */
  loaded: boolean;
  items: QueueItem[];
  total: number;
  /** Local time (Date.now) the snapshot arrived, to keep waiting times ticking between snapshots. */
  receivedAt: number;
  /** The request opened in the detail view. */
  detail: RequestDetail | null;
  colleagues: Colleague[] | null;
  /** The request being claimed (a claim is on its way). */
  claiming: string | null;
  /** The request the current session was started for (null: a direct session with a code). */
  sessionRequest: string | null;
  problem: QueueProblem | null;
  notice: QueueNotice | null;
  /** How many requests the last dismissal ended (for its notice). */
  dismissed: number;
  /** Newest first, at most MAX_ALERTS. */
  alerts: ReportAlert[];
  /** Newest first, at most MAX_ALERTS: one per request (its latest level). */
  waitAlerts: WaitAlert[];
  /** The organisation's target waits, once asked for (queue.targets). */
  targets: WaitTargets | null;
}

export const emptyQueue: QueueState = {
  loaded: false,
  items: [],
  total: 0,
  receivedAt: 0,
  detail: null,
  colleagues: null,
  claiming: null,
  sessionRequest: null,
  problem: null,
  notice: null,
  dismissed: 0,
  alerts: [],
  waitAlerts: [],
  targets: null,
};
