import type { AppAuditEvent } from '../shared/audit';
import type { NewAuditEntry } from './audit/audit-log';
import type { Connection } from './connection';
import type { Role } from './sessions/types';
import { takeBudget, type WindowCounter } from './window-counter';

/**
 * Events the apps report about the session they are in (consent, control, repairs, files).
 * The only credential is membership: the socket must be one of the two members of a paired
 * session, and the entry records which side said it. The count per session is capped so a
 * buggy or hostile app cannot grow the (append-only, never pruned) trail without bound.
 */
export const MAX_REPORTS_PER_SESSION = 500;

/**
 * Reports of sessions that belong to no organisation (anonymous helpers), per source address
 * of the reporting app, wherever its sessions are: a script pairing with itself over and over
 * would otherwise write 500 entries per session it creates (issue 15, weakness 9).
 */
export const ANONYMOUS_REPORT_BUDGET = { perAddress: 1000, windowMs: 10 * 60 * 1000 };

export function createAnonymousReportBudget(counter: WindowCounter, now: () => number) {
  return async (address: string): Promise<boolean> =>
    (await takeBudget(counter, `reports:address:${address}`, ANONYMOUS_REPORT_BUDGET.perAddress, ANONYMOUS_REPORT_BUDGET.windowMs, now())).allowed;
}

export interface ReportSink {
  /** Counts one more report; false once the session reached `limit`. */
  count(limit: number): Promise<boolean>;
  append(entry: Omit<NewAuditEntry, 'orgId' | 'consultantId' | 'sessionId' | 'requestId'>): Promise<void>;
}

export async function recordSessionReport(conn: Connection, side: Role | undefined, event: AppAuditEvent, sink: ReportSink): Promise<void> {
  if (!side) return conn.sendError('not-in-session', 'Events are recorded only for a paired session.');
  // Consent is the user's decision: the consultant's app cannot claim it was given or revoked.
  if ((event.type === 'consent.given' || event.type === 'consent.revoked') && side !== 'user') {
    return conn.sendError('forbidden', 'Only the user’s app reports consent.');
  }
  // The user's app witnesses a refusal; the consultant's app is the recorder, so only it starts and stops one.
  if (event.type === 'recording.refused' && side !== 'user') return conn.sendError('forbidden', 'Only the user’s app reports a refusal.');
  if ((event.type === 'recording.started' || event.type === 'recording.stopped') && side !== 'consultant') {
    return conn.sendError('forbidden', 'Only the consultant’s app reports its recorder.');
  }
  if (!(await sink.count(MAX_REPORTS_PER_SESSION))) return conn.sendError('limit-reached', 'Too many events for this session.');
  const { type, ...detail } = event;
  await sink.append({ type, actor: side, detail });
  conn.send({ type: 'audit.recorded', eventType: type });
}
