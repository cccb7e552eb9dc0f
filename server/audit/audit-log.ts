import type { AuditActor, AuditEntry, AuditQuery, AuditType } from '../../shared/audit';
import type { Db } from '../db/database';

/**
 * The append-only audit trail. There is deliberately no update or delete method, and the
 * table's triggers refuse both (see migrations.ts) should anyone add one.
 */
export interface NewAuditEntry {
  type: AuditType;
  actor: AuditActor;
  orgId?: number | null;
  consultantId?: number | null;
  sessionId?: string | null;
  requestId?: string | null;
  address?: string | null;
  detail?: Record<string, string | number | boolean | null>;
}

export interface AuditLog {
  append(entry: NewAuditEntry, at: number): Promise<void>;
  /** Newest first, one organisation only. */
  query(orgId: number, filter: AuditQuery, max: number): Promise<AuditEntry[]>;
}

interface AuditRow {
  id: number;
  at: number;
  type: AuditType;
  actor: AuditActor;
  consultant_id: number | null;
  consultant_name: string | null;
  session_id: string | null;
  request_id: string | null;
  address: string | null;
  detail: string;
}

export class SqliteAuditLog implements AuditLog {
  constructor(private readonly db: Db) {}

  append(entry: NewAuditEntry, at: number): Promise<void> {
    this.db
      .prepare('INSERT INTO audit_log (at, type, actor, org_id, consultant_id, session_id, request_id, address, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run(at, entry.type, entry.actor, entry.orgId ?? null, entry.consultantId ?? null, entry.sessionId ?? null, entry.requestId ?? null, entry.address ?? null, JSON.stringify(entry.detail ?? {}));
    return Promise.resolve();
  }

  query(orgId: number, filter: AuditQuery, max: number): Promise<AuditEntry[]> {
    const where = ['a.org_id = ?'];
    const params: (string | number)[] = [orgId];
    const add = (clause: string, value: string | number | undefined) => {
      if (value === undefined) return;
      where.push(clause);
      params.push(value);
    };
    add('a.at >= ?', filter.from);
    add('a.at <= ?', filter.to);
    add('a.session_id = ?', filter.session);
    add('a.consultant_id = ?', filter.consultant);
    add('a.type = ?', filter.type);
    add('a.id < ?', filter.before);
    params.push(Math.min(filter.limit ?? max, max));
    // Only fixed clause strings are concatenated; every value is a bound parameter.
    const rows = this.db
      .prepare<(string | number)[], AuditRow>(
        `SELECT a.id, a.at, a.type, a.actor, a.consultant_id, c.display_name AS consultant_name, a.session_id, a.request_id, a.address, a.detail
         FROM audit_log a LEFT JOIN consultants c ON c.id = a.consultant_id
         WHERE ${where.join(' AND ')} ORDER BY a.id DESC LIMIT ?`,
      )
      .all(...params);
    return Promise.resolve(
      rows.map((row) => ({
        id: row.id,
        at: row.at,
        type: row.type,
        actor: row.actor,
        consultantId: row.consultant_id,
        consultantName: row.consultant_name,
        sessionId: row.session_id,
        requestId: row.request_id,
        address: row.address,
        detail: JSON.parse(row.detail) as AuditEntry['detail'],
      })),
    );
  }
}
