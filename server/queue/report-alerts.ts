import type { Authenticated } from '../accounts/auth-service';
import type { Connection } from '../connection';
import type { ContactReport } from '../session-hub';
import type { QueueLive } from './queue-live';

/**
 * Tells an organisation's admins who are watching the queue, at once, that a user reported a
 * contact as suspicious. Each socket's sign-in is checked again at sending time (a revoked or
 * demoted account hears nothing), and the reported consultant is never told, even if an admin;
 * everyone else learns of it from the audit trail only.
 */
export function createReportAlerts(deps: { live: Pick<QueueLive, 'subscribersOf'>; identify: (conn: Connection) => Promise<Authenticated | undefined> }) {
  return async (report: ContactReport): Promise<void> => {
    for (const conn of deps.live.subscribersOf(report.orgId)) {
      const me = await deps.identify(conn);
      if (me?.consultant.role !== 'admin' || me.consultant.orgId !== report.orgId || me.consultant.id === report.consultantId) continue;
      conn.send({ type: 'queue.alert', kind: 'contact-reported', at: report.at, consultantName: report.consultantName, sessionId: report.sessionId });
    }
  };
}
