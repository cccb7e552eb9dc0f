import type { ContactReport } from '../sessions/types';
import type { QueueLive } from './queue-live';

/**
 * Tells an organisation's admins who are watching the queue, at once, that a user reported a
 * contact as suspicious. Sign-ins are checked again at sending time (a revoked or demoted
 * account hears nothing), and the reported consultant is never told, even if an admin;
 * everyone else learns of it from the audit trail only.
 */
export function createReportAlerts(deps: { live: Pick<QueueLive, 'signedInSubscribers'> }) {
  return async (report: ContactReport): Promise<void> => {
    for (const { conn, me } of await deps.live.signedInSubscribers(report.orgId)) {
      if (me.consultant.role !== 'admin' || me.consultant.id === report.consultantId) continue;
      conn.send({ type: 'queue.alert', kind: 'contact-reported', at: report.at, consultantName: report.consultantName, sessionId: report.sessionId });
    }
  };
}
