import { AUDIT_PAGE_MAX, type AuditEntry, type AuditFilter } from '../../shared/audit';
import { echoRef } from '../../shared/names';
import type { ClientMessage, ServerMessage } from '../../shared/signaling';
import type { Authenticated } from '../accounts/auth-service';
import type { Connection } from '../connection';
import { auditAccess } from './audit-access';
import type { AuditLog } from './audit-log';

/**
 * Serialised bytes of one page's entries. The whole answer must stay under MAX_MESSAGE_BYTES
 * (64 kB); entries are small, but details (file names, names in other scripts) may make some large.
 */
export const AUDIT_PAGE_BYTES = 48 * 1024;

/** The first entries that fit in AUDIT_PAGE_BYTES (always at least one), and whether more matched. */
export function fitPage(entries: readonly AuditEntry[], maxEntries: number, maxBytes = AUDIT_PAGE_BYTES): { entries: AuditEntry[]; more: boolean } {
  const page: AuditEntry[] = [];
  let bytes = 0;
  for (const entry of entries.slice(0, maxEntries)) {
    bytes += Buffer.byteLength(JSON.stringify(entry)) + 1;
    if (page.length > 0 && bytes > maxBytes) break;
    page.push(entry);
  }
  return { entries: page, more: entries.length > page.length };
}

/** `audit.query` on an admin's signed-in socket: one page of their organisation's trail, newest first. */
export function createAuditPages(deps: { audit: AuditLog; identify: (conn: Connection) => Promise<Authenticated | undefined> }) {
  return async (conn: Connection, message: Extract<ClientMessage, { type: 'audit.query' }>): Promise<void> => {
    const access = auditAccess(await deps.identify(conn));
    if (!access.ok) return conn.sendError(access.error, access.error === 'unauthorized' ? 'Sign in first.' : 'Only administrators can read the audit trail.');
    // One more than a page, to know whether there is more.
    const entries = await deps.audit.query(access.orgId, message.filter satisfies AuditFilter, AUDIT_PAGE_MAX + 1);
    const page: ServerMessage = { type: 'audit.page', ...fitPage(entries, AUDIT_PAGE_MAX), ...echoRef(message) };
    conn.send(page);
  };
}
