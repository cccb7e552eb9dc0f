import type { AppAuditEvent } from '../shared/audit';
import type { NewAuditEntry } from './audit/audit-log';
import type { Connection } from './connection';
import type { LiveSession } from './session-hub';

/**
 * Events the apps report about the session they are in (consent, control, repairs, files).
 * The only credential is membership: the socket must be one of the two members of a paired
 * session, and the entry records which side said it. The count per session is capped so a
 * buggy or hostile app cannot grow the (append-only, never pruned) trail without bound.
 */
export const MAX_REPORTS_PER_SESSION = 500;

export async function recordSessionReport(
  conn: Connection,
  session: LiveSession | undefined,
  event: AppAuditEvent,
  append: (session: LiveSession, entry: Omit<NewAuditEntry, 'orgId' | 'consultantId' | 'sessionId' | 'requestId'>) => Promise<void>,
): Promise<void> {
  if (!session?.user) return conn.sendError('not-in-session', 'Events are recorded only for a paired session.');
  const side = conn === session.user ? 'user' : 'consultant';
  // Consent is the user's decision: the consultant's app cannot claim it was given or revoked.
  if ((event.type === 'consent.given' || event.type === 'consent.revoked') && side !== 'user') {
    return conn.sendError('forbidden', 'Only the user’s app reports consent.');
  }
  if (session.reports >= MAX_REPORTS_PER_SESSION) return conn.sendError('limit-reached', 'Too many events for this session.');
  session.reports += 1;
  const { type, ...detail } = event;
  await append(session, { type, actor: side, detail });
  conn.send({ type: 'audit.recorded', eventType: type });
}
