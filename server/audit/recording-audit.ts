import type { ClientMessage } from '../../shared/signaling';
import type { Authenticated } from '../accounts/auth-service';
import type { Connection } from '../connection';
import type { AuditLog } from './audit-log';

/** Entries one socket may write about stored recordings (a long list deleted by retention fits). */
export const MAX_RECORDING_AUDITS_PER_CONNECTION = 500;

/**
 * `recording.audit`: the consultant's app played, exported or deleted a recording it keeps,
 * after the session. A signed-in consultant's entry lands in their organisation's trail; an
 * anonymous helper's has no organisation (kept like other anonymous entries). The session id
 * is the app's claim, stored as such; the count per socket is capped so the append-only trail
 * cannot be grown without bound from one connection.
 */
export function createRecordingAudit(deps: { audit: AuditLog; identify: (conn: Connection) => Promise<Authenticated | undefined>; now: () => number }) {
  const counts = new WeakMap<Connection, number>();
  return async (conn: Connection, message: Extract<ClientMessage, { type: 'recording.audit' }>): Promise<void> => {
    const count = counts.get(conn) ?? 0;
    if (count >= MAX_RECORDING_AUDITS_PER_CONNECTION) return conn.sendError('limit-reached', 'Too many recording events on this connection.');
    counts.set(conn, count + 1);
    const me = await deps.identify(conn);
    const type = `recording.${message.action}` as const;
    await deps.audit.append(
      {
        type,
        actor: 'consultant',
        orgId: me?.consultant.orgId ?? null,
        consultantId: me?.consultant.id ?? null,
        sessionId: message.sessionId,
        address: conn.address,
        detail: { recordingId: message.recordingId, ...(message.reason ? { reason: message.reason } : {}) },
      },
      deps.now(),
    );
    conn.send({ type: 'audit.recorded', eventType: type });
  };
}
