import type { AuditEntry } from './audit';

/**
 * A cell a spreadsheet could read as a formula: it starts with = + - @ (or their full-width
 * forms, which some spreadsheets fold to ASCII), possibly after spaces or line breaks that
 * some programs trim before evaluating; or with a tab / carriage return.
 */
const FORMULA_LEADER = /^[\t\r]|^[\s\u3000]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]/u;

/**
 * CSV export of the audit trail (RFC 4180). Cells that might run as a formula are prefixed
 * with a single quote: user-typed text such as a file name must never run as a formula on an
 * admin's machine (CSV injection).
 */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (FORMULA_LEADER.test(text)) text = `'${text}`;
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
