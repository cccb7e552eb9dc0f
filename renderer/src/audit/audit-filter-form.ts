import { auditFilterSchema, type AuditFilter, type AuditType } from '../../../shared/audit';

/** The audit filter as typed in the form: dates as yyyy-mm-dd (the person's local days), free text elsewhere. */
export interface AuditFilterFields {
  type: AuditType | '';
  /** A consultant's id as chosen in the list, or '' for everyone. */
  consultant: string;
  fromDay: string;
  toDay: string;
  session: string;
}

export const emptyFilterFields: AuditFilterFields = { type: '', consultant: '', fromDay: '', toDay: '', session: '' };

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Local midnight of a yyyy-mm-dd day, or undefined for an empty or impossible one. */
function localDayStart(day: string): number | undefined {
  const match = DAY.exec(day);
  if (!match) return undefined;
  const [year, month, date] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const start = new Date(year, month - 1, date);
  return start.getFullYear() === year && start.getMonth() === month - 1 && start.getDate() === date ? start.getTime() : undefined;
}

/**
 * The filter to send, or which field is wrong. "To" includes the whole of its day; days are
 * the person's local days, as the table shows times in local time.
 */
export function filterFromFields(fields: AuditFilterFields): { ok: true; filter: AuditFilter } | { ok: false; field: 'fromDay' | 'toDay' | 'session' } {
  const from = fields.fromDay === '' ? undefined : localDayStart(fields.fromDay);
  if (fields.fromDay !== '' && from === undefined) return { ok: false, field: 'fromDay' };
  const toStart = fields.toDay === '' ? undefined : localDayStart(fields.toDay);
  if (fields.toDay !== '' && toStart === undefined) return { ok: false, field: 'toDay' };
  const to = toStart === undefined ? undefined : new Date(new Date(toStart).setDate(new Date(toStart).getDate() + 1)).getTime() - 1;
  const session = fields.session.trim();
  const parsed = auditFilterSchema.safeParse({
    ...(fields.type === '' ? {} : { type: fields.type }),
    ...(fields.consultant === '' ? {} : { consultant: Number(fields.consultant) }),
    ...(from === undefined ? {} : { from }),
    ...(to === undefined ? {} : { to }),
    ...(session === '' ? {} : { session: session.toLowerCase() }),
  });
  if (!parsed.success) return { ok: false, field: session !== '' && parsed.error.issues.some((issue) => issue.path[0] === 'session') ? 'session' : 'fromDay' };
  if (from !== undefined && to !== undefined && from > to) return { ok: false, field: 'toDay' };
  return { ok: true, filter: parsed.data };
}

/** An entry's details as one plain line ("Outcome: resolved, Verified: yes"), with names and yes/no in the reader's language. */
export function detailLine(detail: Record<string, unknown>, words: { key(name: string): string; boolean(value: boolean): string }): string {
  return Object.entries(detail)
    .map(([key, value]) => `${words.key(key)}: ${typeof value === 'string' ? value : typeof value === 'boolean' ? words.boolean(value) : JSON.stringify(value)}`)
    .join(', ');
}
