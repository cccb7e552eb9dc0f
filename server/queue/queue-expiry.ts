import type { Logger } from '../../shared/log';
import type { AuditLog } from '../audit/audit-log';
import { intervalSweep } from './interval-sweep';
import type { QueueLive } from './queue-live';
import type { QueuePolicy } from './queue-policy';
import type { ExpiryReason, RequestStore } from './request-store';

/**
 * Waiting requests end by themselves (issue 15, weakness 5): fakes left behind by someone who
 * went away must not hold the queue's places for ever.
 *
 * - Too old: waited longer than maxAgeMs, watched or not.
 * - Abandoned: no app has watched it for abandonGraceMs. "Watched" is the cluster's presence
 *   (Redis entries that every instance keeps refreshing, queue-live.ts), so a user whose app
 *   reconnected to another instance is not abandoned. The records note since when a request is
 *   unwatched (`away_since`): set at once when its socket closes, and otherwise by the sweep,
 *   which is how requests from before a restart, or of an instance that died, are noticed.
 *
 * A coarse sweep of the records every expirySweepMs (30 s by default), run from the server's
 * periodic sweep by its clock: an expiry happens within one sweep interval after it is due. Every
 * instance sweeps; each ending is one conditional UPDATE, so a request ends (and is audited) once.
 */
export const SWEEP_LIMIT = 10_000;

export interface WaitingRequest {
  id: string;
  orgId: number;
  createdAt: number;
  awaySince: number | null;
  /** E-mail requests have no app to watch them: only their age ends them. */
  channel?: 'email' | null;
}

export interface ExpiryPlan {
  expire: { id: string; orgId: number; reason: ExpiryReason }[];
  /** Unwatched, not noted yet: noted as away since now. */
  away: string[];
  /** Watched again: no longer away. */
  back: string[];
}

/** Pure: what the sweep does with each waiting request, given which ones are watched now. */
export function planExpiry(waiting: readonly WaitingRequest[], watched: (orgId: number, id: string) => boolean, now: number, policy: Pick<QueuePolicy, 'abandonGraceMs' | 'maxAgeMs'>): ExpiryPlan {
  const plan: ExpiryPlan = { expire: [], away: [], back: [] };
  for (const r of waiting) {
    if (r.createdAt <= now - policy.maxAgeMs) plan.expire.push({ id: r.id, orgId: r.orgId, reason: 'max-age' });
    else if (r.channel === 'email') continue;
    else if (watched(r.orgId, r.id)) {
      if (r.awaySince !== null) plan.back.push(r.id);
    } else if (r.awaySince === null) plan.away.push(r.id);
    else if (r.awaySince <= now - policy.abandonGraceMs) plan.expire.push({ id: r.id, orgId: r.orgId, reason: 'abandoned' });
  }
  return plan;
}

export interface QueueExpiryDeps {
  requests: RequestStore;
  live: Pick<QueueLive, 'watchedRequests' | 'sendStatus' | 'broadcast'>;
  audit: AuditLog;
  now: () => number;
  log: Logger;
  policy: Pick<QueuePolicy, 'abandonGraceMs' | 'maxAgeMs' | 'expirySweepMs'>;
}

export function createQueueExpiry(deps: QueueExpiryDeps) {
  const { requests, live, policy } = deps;

  const run = async (now: number) => {
    const waiting = await requests.waitingForExpiry(SWEEP_LIMIT);
    const watched = new Map<number, Set<string>>();
    for (const orgId of new Set(waiting.map((r) => r.orgId))) watched.set(orgId, await live.watchedRequests(orgId));
    const plan = planExpiry(waiting, (orgId, id) => watched.get(orgId)?.has(id) ?? false, now, policy);
    await requests.markAway(plan.away, now);
    await requests.markBack(plan.back);
    const cutoffs = { createdBy: now - policy.maxAgeMs, awayBy: now - policy.abandonGraceMs };
    const changed = new Set<number>();
    for (const { id, orgId, reason } of plan.expire) {
      // Re-checked in the UPDATE: another instance may have ended it, or the app come back (away_since cleared).
      if (!(await requests.expire(id, reason, cutoffs, now))) continue;
      await deps.audit.append({ type: 'request.expired', actor: 'server', orgId, requestId: id, detail: { reason } }, now);
      const ended = await requests.get(id);
      if (ended) await live.sendStatus(ended);
      changed.add(orgId);
    }
    if (plan.expire.length > 0) deps.log.info('queue.expired', { count: plan.expire.length });
    for (const orgId of changed) await live.broadcast(orgId);
  };

  return {
    /** Runs the sweep if the last one is at least expirySweepMs old (by the server's clock). */
    sweep: intervalSweep(policy.expirySweepMs, deps.now, run),
    /** The app watching this request went away: its grace starts now. */
    left: (requestId: string) => requests.markAway([requestId], deps.now()),
    /** An app watches it again. */
    back: (requestId: string) => requests.markBack([requestId]),
  };
}

export type QueueExpiry = ReturnType<typeof createQueueExpiry>;
