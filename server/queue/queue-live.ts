import type { ServerMessage } from '../../shared/signaling';
import type { Logger } from '../../shared/log';
import type { AccountStore } from '../accounts/account-store';
import type { Authenticated } from '../accounts/auth-service';
import type { Connection } from '../connection';
import { estimateWaitMs, ETA_SAMPLE, ETA_WINDOW_MS } from './eta';
import { itemOf, snapshotOf, statusOf } from './queue-views';
import { targetMsOf, waitLevel, type WaitTargets } from '../../shared/wait-targets';
import type { ClusterBus } from '../cluster/bus';
import type { LocalMembers, Presence } from '../cluster/presence';
import type { PendingCodeStore } from './pending-codes';
import type { HelpRequest, RequestStore } from './request-store';

/**
 * The live side of the queue: which of this instance's sockets watches which request (users),
 * which watch an organisation's queue (consultants), and pushing fresh state to both whenever
 * the queue of an organisation changes. Changes go out on the cluster bus so that every
 * instance refreshes its own sockets; requests themselves live in the RequestStore.
 */
export interface QueueLiveDeps {
  requests: RequestStore;
  accounts: AccountStore;
  now: () => number;
  log: Logger;
  /** The account a socket is signed in as now (its token re-checked), if any. */
  identify: (conn: Connection) => Promise<Authenticated | undefined>;
  /** Bound late: the bus delivers into this object. */
  bus: () => ClusterBus;
  pendingCodes: PendingCodeStore;
  /** Who is online on every instance, given what this instance's sockets hold. */
  presence: (local: LocalMembers) => LivePresence;
  /** The opaque label of a request's network (queue-policy.ts's networkGroupOf). */
  networkGroup: (request: HelpRequest) => string;
  /** The organisation's target waits (wait-targets.ts). */
  targets: (orgId: number) => Promise<WaitTargets>;
}

export type LivePresence = Presence & { changed(scope: string, left?: string): Promise<void>; close(): void };

const consultantsScope = (orgId: number) => `consultants:${orgId}`;
const watchersScope = (orgId: number) => `watchers:${orgId}`;

export function createQueueLive(deps: QueueLiveDeps) {
  const watcherOf = new Map<string, Connection>();
  const watching = new Map<Connection, { requestId: string; orgId: number }>();
  const subscribers = new Map<Connection, { orgId: number; consultantId: number }>();

  const subscribersOf = (orgId: number) => [...subscribers].filter(([, s]) => s.orgId === orgId).map(([conn]) => conn);
  const presence = deps.presence(() => {
    const scopes = new Map<string, Set<string>>();
    const add = (scope: string, member: string) => scopes.set(scope, (scopes.get(scope) ?? new Set()).add(member));
    for (const s of subscribers.values()) add(consultantsScope(s.orgId), String(s.consultantId));
    for (const w of watching.values()) add(watchersScope(w.orgId), w.requestId);
    return scopes;
  });
  /** The consultants watching the organisation's queue, on any instance. */
  const onlineConsultants = async (orgId: number) => new Set([...(await presence.members(consultantsScope(orgId)))].map(Number));
  const isWatched = (orgId: number, requestId: string) => presence.has(watchersScope(orgId), requestId);

  /**
   * The subscribers whose sign-in still holds: a token revoked elsewhere (sign-out, two-step
   * sign-in turned on, an operator's reset) stops the feed at once, not at the socket's next message.
   */
  const signedInSubscribers = async (orgId: number): Promise<{ conn: Connection; me: Authenticated }[]> => {
    const kept: { conn: Connection; me: Authenticated }[] = [];
    for (const conn of subscribersOf(orgId)) {
      const me = await deps.identify(conn);
      if (me?.consultant.orgId === orgId && me.consultant.id === subscribers.get(conn)?.consultantId) kept.push({ conn, me });
      else await unsubscribe(conn);
    }
    return kept;
  };

  const unwatch = async (conn: Connection) => {
    const entry = watching.get(conn);
    if (!entry) return undefined;
    watching.delete(conn);
    if (watcherOf.get(entry.requestId) === conn) {
      watcherOf.delete(entry.requestId);
      await presence.changed(watchersScope(entry.orgId), entry.requestId);
    }
    return entry;
  };

  const watch = async (conn: Connection, requestId: string, orgId: number) => {
    await unwatch(conn);
    const previous = watcherOf.get(requestId);
    // One socket per request: a reconnecting app replaces its stale socket.
    if (previous) watching.delete(previous);
    watcherOf.set(requestId, conn);
    watching.set(conn, { requestId, orgId });
    await presence.changed(watchersScope(orgId));
  };

  const subscribe = async (conn: Connection, orgId: number, consultantId: number) => {
    subscribers.set(conn, { orgId, consultantId });
    await presence.changed(consultantsScope(orgId));
  };

  const unsubscribe = async (conn: Connection) => {
    const entry = subscribers.get(conn);
    if (!entry) return undefined;
    subscribers.delete(conn);
    // The consultant may still watch from another socket of this instance: only this entry goes.
    const stillHere = [...subscribers.values()].some((s) => s.orgId === entry.orgId && s.consultantId === entry.consultantId);
    await presence.changed(consultantsScope(entry.orgId), stillHere ? undefined : String(entry.consultantId));
    return entry;
  };

  /** Refreshes this instance's watchers and subscribers of one organisation. */
  const broadcastHere = async (orgId: number): Promise<void> => {
    const now = deps.now();
    const open = await deps.requests.open(orgId);
    const handling = await deps.requests.handlingTimes(orgId, now - ETA_WINDOW_MS, ETA_SAMPLE);
    const consultants = (await onlineConsultants(orgId)).size;
    const targets = await deps.targets(orgId);
    const targetOf = (request: HelpRequest) => targetMsOf(targets, request.category);
    open
      .filter((r) => r.state === 'waiting')
      .forEach((request, index) => {
        const pastTarget = waitLevel(now - request.createdAt, targetOf(request)) === 'overdue';
        watcherOf.get(request.id)?.send(statusOf(request, index + 1, estimateWaitMs(handling, index + 1, consultants), pastTarget));
      });
    for (const request of open) if (request.state === 'claimed') watcherOf.get(request.id)?.send(statusOf(request, null, null));
    const orgSubscribers = (await signedInSubscribers(orgId)).map(({ conn }) => conn);
    if (orgSubscribers.length === 0) return;
    const names = new Map((await deps.accounts.listConsultants(orgId)).map((c) => [c.id, c.name]));
    const watched = await presence.members(watchersScope(orgId));
    const snapshot = snapshotOf(open.map((r) => itemOf(r, names, watched.has(r.id), now, deps.networkGroup(r), targetOf(r))), now);
    for (const conn of orgSubscribers) conn.send(snapshot);
  };

  /** Every instance refreshes its sockets of that organisation. */
  const broadcast = (orgId: number): Promise<void> => deps.bus().publish({ t: 'queue.changed', orgId });

  /** To the user watching a request, on whichever instance their socket is. */
  const toWatcher = (requestId: string, message: ServerMessage): Promise<void> => deps.bus().publish({ t: 'watcher', requestId, message });

  /** Status of one request to its watcher, including closed and cancelled ones (not in the open list). */
  const sendStatus = async (request: HelpRequest): Promise<void> => {
    if (request.state === 'waiting' || request.state === 'claimed') return broadcast(request.orgId);
    await toWatcher(request.id, statusOf(request, null, null));
  };

  return {
    watch,
    unwatch,
    watcherOf: (requestId: string) => watcherOf.get(requestId),
    watchedBy: (conn: Connection) => watching.get(conn),
    subscribe,
    unsubscribe,
    onlineConsultants,
    isWatched,
    /** The requests of the organisation some app watches, on any instance. */
    watchedRequests: (orgId: number) => presence.members(watchersScope(orgId)),
    networkGroup: deps.networkGroup,
    close: () => presence.close(),
    signedInSubscribers,
    pendingCodes: deps.pendingCodes,
    broadcast,
    broadcastHere,
    toWatcher,
    sendStatus,
  };
}

export type QueueLive = ReturnType<typeof createQueueLive>;
