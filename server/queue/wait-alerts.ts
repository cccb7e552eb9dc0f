import { alertDue, targetMsOf, waitLevel, type AlertLevel, type WaitTargets } from '../../shared/wait-targets';
import type { ServerMessage } from '../../shared/signaling';
import type { ClusterBus } from '../cluster/bus';
import type { QueueLive } from './queue-live';
import { intervalSweep } from './interval-sweep';
import { SWEEP_LIMIT } from './queue-expiry';
import type { RequestStore, WaitingRow } from './request-store';
import type { WaitTargetStore } from './wait-target-store';

/**
 * Help in good time (issue 17, part 4): a periodic sweep finds waiting requests that reached
 * 80 % of their organisation's target wait, or passed it, and alerts that organisation's
 * consultants once per level. "Once" holds across instances: each level is recorded by one
 * conditional UPDATE (markWaitAlert) and only the instance whose UPDATE changed the row sends
 * it, through the cluster bus, to every instance's consultants. The person's status is
 * refreshed too, so they read that it takes longer than hoped rather than nothing.
 */
export type WaitAlertMessage = Extract<ServerMessage, { type: 'queue.wait-alert' }>;

export interface DueAlert {
  request: WaitingRow;
  level: AlertLevel;
  targetMs: number;
}

/** Pure: the alerts due now, by the injected clock. */
export function planWaitAlerts(waiting: readonly WaitingRow[], targetsOf: (orgId: number) => WaitTargets, now: number): DueAlert[] {
  const due: DueAlert[] = [];
  for (const request of waiting) {
    const targetMs = targetMsOf(targetsOf(request.orgId), request.category);
    const level = alertDue(waitLevel(now - request.createdAt, targetMs), request.waitAlert);
    if (level) due.push({ request, level, targetMs });
  }
  return due;
}

export interface WaitAlertsDeps {
  requests: Pick<RequestStore, 'waitingForExpiry' | 'markWaitAlert'>;
  targets: Pick<WaitTargetStore, 'get'>;
  live: Pick<QueueLive, 'broadcast'>;
  bus: () => ClusterBus;
  now: () => number;
  /** How often to look (the expiry sweep's interval: alerts come within one interval of being due). */
  sweepMs: number;
}

export function createWaitAlerts(deps: WaitAlertsDeps) {
  const run = async (now: number) => {
    const waiting = await deps.requests.waitingForExpiry(SWEEP_LIMIT);
    const targets = new Map<number, WaitTargets>();
    for (const orgId of new Set(waiting.map((r) => r.orgId))) targets.set(orgId, await deps.targets.get(orgId));
    const changed = new Set<number>();
    for (const { request, level, targetMs } of planWaitAlerts(waiting, (orgId) => targets.get(orgId) ?? [], now)) {
      if (!(await deps.requests.markWaitAlert(request.id, level))) continue;
      const message: WaitAlertMessage = { type: 'queue.wait-alert', requestId: request.id, level, contactName: request.contactName, category: request.category, targetMs, at: now };
      await deps.bus().publish({ t: 'wait-alert', orgId: request.orgId, message });
      changed.add(request.orgId);
    }
    for (const orgId of changed) await deps.live.broadcast(orgId);
  };

  /** Looks if the last look is at least sweepMs old (by the server's clock). */
  return { sweep: intervalSweep(deps.sweepMs, deps.now, run) };
}

/** Each instance hands a wait alert to its own consultants of that organisation (sign-ins re-checked). */
export function createWaitAlertDelivery(deps: { live: Pick<QueueLive, 'signedInSubscribers'> }) {
  return async (orgId: number, message: WaitAlertMessage): Promise<void> => {
    for (const { conn } of await deps.live.signedInSubscribers(orgId)) conn.send(message);
  };
}
