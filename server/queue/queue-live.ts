import type { VerifiedIdentity } from '../../shared/names';
import type { Logger } from '../../shared/log';
import type { AccountStore } from '../accounts/account-store';
import type { Authenticated } from '../accounts/auth-service';
import type { Connection } from '../connection';
import { estimateWaitMs, ETA_SAMPLE, ETA_WINDOW_MS } from './eta';
import { itemOf, snapshotOf, statusOf } from './queue-views';
import type { HelpRequest, RequestStore } from './request-store';

/**
 * The in-process side of the queue: which socket watches which request (users), which sockets
 * watch an organisation's queue (consultants), and pushing fresh state to both whenever the
 * queue of an organisation changes. Requests themselves live in the RequestStore.
 */
export interface QueueLiveDeps {
  requests: RequestStore;
  accounts: AccountStore;
  now: () => number;
  log: Logger;
  /** The account a socket is signed in as now (its token re-checked), if any. */
  identify: (conn: Connection) => Promise<Authenticated | undefined>;
}

export interface PendingCode {
  code: string;
  expiresAt: number;
  verified: VerifiedIdentity;
}

export function createQueueLive(deps: QueueLiveDeps) {
  const watcherOf = new Map<string, Connection>();
  const watching = new Map<Connection, { requestId: string; orgId: number }>();
  const subscribers = new Map<Connection, { orgId: number; consultantId: number }>();
  /** Session codes of claimed requests, kept so a user who reconnects still receives theirs. */
  const pendingCodes = new Map<string, PendingCode>();

  const subscribersOf = (orgId: number) => [...subscribers].filter(([, s]) => s.orgId === orgId).map(([conn]) => conn);
  const onlineConsultants = (orgId: number) => new Set([...subscribers.values()].filter((s) => s.orgId === orgId).map((s) => s.consultantId));

  /**
   * The subscribers whose sign-in still holds: a token revoked elsewhere (sign-out, two-step
   * sign-in turned on, an operator's reset) stops the feed at once, not at the socket's next message.
   */
  const signedInSubscribers = async (orgId: number): Promise<{ conn: Connection; me: Authenticated }[]> => {
    const kept: { conn: Connection; me: Authenticated }[] = [];
    for (const conn of subscribersOf(orgId)) {
      const me = await deps.identify(conn);
      if (me?.consultant.orgId === orgId && me.consultant.id === subscribers.get(conn)?.consultantId) kept.push({ conn, me });
      else subscribers.delete(conn);
    }
    return kept;
  };

  const unwatch = (conn: Connection) => {
    const entry = watching.get(conn);
    if (!entry) return undefined;
    watching.delete(conn);
    if (watcherOf.get(entry.requestId) === conn) watcherOf.delete(entry.requestId);
    return entry;
  };

  const watch = (conn: Connection, requestId: string, orgId: number) => {
    unwatch(conn);
    const previous = watcherOf.get(requestId);
    // One socket per request: a reconnecting app replaces its stale socket.
    if (previous) watching.delete(previous);
    watcherOf.set(requestId, conn);
    watching.set(conn, { requestId, orgId });
  };

  const broadcast = async (orgId: number): Promise<void> => {
    const now = deps.now();
    const open = await deps.requests.open(orgId);
    const handling = await deps.requests.handlingTimes(orgId, now - ETA_WINDOW_MS, ETA_SAMPLE);
    const consultants = onlineConsultants(orgId).size;
    open
      .filter((r) => r.state === 'waiting')
      .forEach((request, index) => watcherOf.get(request.id)?.send(statusOf(request, index + 1, estimateWaitMs(handling, index + 1, consultants))));
    for (const request of open) if (request.state === 'claimed') watcherOf.get(request.id)?.send(statusOf(request, null, null));
    const orgSubscribers = (await signedInSubscribers(orgId)).map(({ conn }) => conn);
    if (orgSubscribers.length === 0) return;
    const names = new Map((await deps.accounts.listConsultants(orgId)).map((c) => [c.id, c.name]));
    const snapshot = snapshotOf(open.map((r) => itemOf(r, names, watcherOf.has(r.id), now)), now);
    for (const conn of orgSubscribers) conn.send(snapshot);
  };

  /** Status of one request to its watcher, including closed and cancelled ones (not in the open list). */
  const sendStatus = async (request: HelpRequest): Promise<void> => {
    if (request.state === 'waiting' || request.state === 'claimed') return broadcast(request.orgId);
    watcherOf.get(request.id)?.send(statusOf(request, null, null));
  };

  return {
    watch,
    unwatch,
    watcherOf: (requestId: string) => watcherOf.get(requestId),
    watchedBy: (conn: Connection) => watching.get(conn),
    subscribe: (conn: Connection, orgId: number, consultantId: number) => void subscribers.set(conn, { orgId, consultantId }),
    unsubscribe: (conn: Connection) => {
      const entry = subscribers.get(conn);
      subscribers.delete(conn);
      return entry;
    },
    onlineConsultants,
    signedInSubscribers,
    pendingCodes,
    broadcast,
    sendStatus,
  };
}

export type QueueLive = ReturnType<typeof createQueueLive>;
