import { randomUUID, timingSafeEqual } from 'node:crypto';
import type { ClientMessage } from '../../shared/signaling';
import { REQUEST_LIMITS } from '../../shared/queue';
import { summarizeDiagnostics } from '../../shared/queue-diagnostics';
import type { AccountStore } from '../accounts/account-store';
import { hashToken, newToken } from '../accounts/tokens';
import type { AuditLog } from '../audit/audit-log';
import type { Connection } from '../connection';
import { createKeyedSerializer } from '../keyed-serializer';
import type { SessionHub } from '../session-hub';
import { networkPrefix } from '../source-address';
import type { QueueLive } from './queue-live';
import { REFUSALS, type QueuePolicy, type Refusal } from './queue-policy';
import type { RequestStore } from './request-store';

/** The user's side of help requests: no account, so abuse is bounded per address, per network and per queue (queue-policy.ts). */

export type UserQueueMessage = Extract<ClientMessage, { type: 'request.submit' | 'request.watch' | 'request.add-details' | 'request.cancel' }>;

export interface UserQueueDeps {
  requests: RequestStore;
  accounts: AccountStore;
  audit: AuditLog;
  hub: SessionHub;
  live: QueueLive;
  now: () => number;
  policy: Pick<QueuePolicy, 'perAddressPerHour' | 'maxWaiting' | 'maxWaitingPerAddress' | 'maxWaitingPerNetwork'>;
}

export function createUserQueue(deps: UserQueueDeps) {
  const { requests, live, audit, now, policy } = deps;
  /** Counting and inserting are one step per organisation on this instance (several instances may still pass a bound by one each). */
  const byOrganisation = createKeyedSerializer();

  /** Why a new request from this address may not join the organisation's queue now, if it may not. */
  const refusal = async (orgId: number, address: string, at: number): Promise<Refusal | null> => {
    if ((await requests.countFromAddressSince(address, at - 3600_000)) >= policy.perAddressPerHour) return REFUSALS.perHour;
    if ((await requests.countWaitingFrom(orgId, { address })) >= policy.maxWaitingPerAddress) return REFUSALS.waiting;
    if ((await requests.countWaitingFrom(orgId, { network: networkPrefix(address) })) >= policy.maxWaitingPerNetwork) return REFUSALS.waiting;
    if ((await requests.countWaiting(orgId)) >= policy.maxWaiting) return REFUSALS.full;
    return null;
  };

  const submit = async (conn: Connection, m: Extract<UserQueueMessage, { type: 'request.submit' }>) => {
    const current = live.watchedBy(conn);
    const open = current && (await requests.get(current.requestId));
    if (open && (open.state === 'waiting' || open.state === 'claimed')) return conn.sendError('invalid-state', 'This connection already has an open request.');
    const org = await deps.accounts.organisationBySlug(m.organisation);
    if (!org) return conn.sendError('unknown-organisation', 'No organisation by that name on this server.');
    const at = now();
    const id = randomUUID();
    const resumeToken = newToken();
    const diagnostics = m.diagnostics ?? null;
    const refused = await byOrganisation(String(org.id), async () => {
      const why = await refusal(org.id, conn.address, at);
      if (why) return why;
      await requests.insert({
        id,
        orgId: org.id,
        category: m.category,
        description: m.description ?? '',
        contactName: m.contactName,
        diagnostics,
        intake: m.intake ?? null,
        diagnosticsSummary: diagnostics && summarizeDiagnostics(diagnostics),
        resumeTokenHash: hashToken(resumeToken),
        sourceAddress: conn.address,
        createdAt: at,
      });
      return null;
    });
    if (refused) return conn.sendError(refused.code, refused.text);
    await audit.append({ type: 'request.submitted', actor: 'user', orgId: org.id, requestId: id, address: conn.address, detail: { category: m.category, diagnostics: diagnostics !== null, intake: m.intake !== undefined } }, at);
    await live.watch(conn, id, org.id);
    conn.send({ type: 'request.submitted', requestId: id, resumeToken, organisation: org.name });
    await live.broadcast(org.id);
  };

  const watch = async (conn: Connection, requestId: string, resumeToken: string) => {
    const request = await requests.get(requestId);
    // Unknown id and wrong token answer alike; the token comparison is constant-time.
    const given = Buffer.from(hashToken(resumeToken));
    if (!request || !timingSafeEqual(given, Buffer.from(request.resumeTokenHash))) return conn.sendError('not-found', 'No such request.');
    await live.watch(conn, request.id, request.orgId);
    // Its app is back: the abandoned-request grace stops (queue-expiry.ts).
    await requests.markBack([request.id]);
    // An app that opened the request from an e-mail's link knows nothing of it yet but its id.
    const org = await deps.accounts.organisationById(request.orgId);
    if (org) conn.send({ type: 'request.watching', requestId: request.id, organisation: org.name });
    await live.sendStatus(request);
    const pending = await live.pendingCodes.get(request.id, now());
    if (request.state === 'claimed' && pending) conn.send({ type: 'request.claimed', requestId: request.id, ...pending });
  };

  const handle = async (conn: Connection, m: UserQueueMessage): Promise<void> => {
    if (m.type === 'request.submit') return submit(conn, m);
    if (m.type === 'request.watch') return watch(conn, m.requestId, m.resumeToken);
    const watched = live.watchedBy(conn);
    if (!watched) return conn.sendError('not-found', 'This connection has no request.');
    if (m.type === 'request.add-details') {
      if (!(await requests.addDetail(watched.requestId, m.text, now(), REQUEST_LIMITS.details))) {
        return conn.sendError('limit-reached', 'No more details can be added to this request.');
      }
      return live.broadcast(watched.orgId);
    }
    if (!(await cancel(watched.requestId, watched.orgId, conn.address, null))) return conn.sendError('invalid-state', 'This request is no longer open.');
  };

  /** Cancels an open request: its live session ends, and its watcher and the queue are told. False when it was not open. */
  const cancel = async (requestId: string, orgId: number, address: string | null, reason: 'contact-reported' | null): Promise<boolean> => {
    const previous = await requests.cancel(requestId, now());
    if (previous === null) return false;
    await live.pendingCodes.delete(requestId);
    if (previous === 'claimed') await deps.hub.endRequestSession(requestId, 'declined');
    await audit.append({ type: 'request.cancelled', actor: 'user', orgId, requestId, address, detail: reason === null ? { from: previous } : { from: previous, reason } }, now());
    const cancelled = await requests.get(requestId);
    if (cancelled) await live.sendStatus(cancelled);
    await live.broadcast(orgId);
    return true;
  };

  return {
    handle,
    /** The user reported the consultant of this request's session: the request ends with it (nobody else picks it up). */
    cancelReported: (requestId: string, orgId: number, address: string) => cancel(requestId, orgId, address, 'contact-reported'),
  };
}
