import type { AuditEntry } from './audit';

/**
 * CSV export of the audit trail (RFC 4180). Cells that a spreadsheet would read as a formula
 * (starting with = + - @, or tab / carriage return, which some programs strip before
 * evaluating) are prefixed with a single quote: user-typed text such as a file name must
 * never run as a formula on an admin's machine (CSV injection).
 */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

export const AUDIT_CSV_COLUMNS = ['id', 'time', 'type', 'actor', 'consultant_id', 'consultant_name', 'session_id', 'request_id', 'address', 'detail'] as const;

export function auditCsv(entries: readonly AuditEntry[]): string {
  const lines = [AUDIT_CSV_COLUMNS.join(',')];
  for (const e of entries) {
    const cells = [e.id, new Date(e.at).toISOString(), e.type, e.actor, e.consultantId, e.consultantName, e.sessionId, e.requestId, e.address, JSON.stringify(e.detail)];
    lines.push(cells.map(csvCell).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}
