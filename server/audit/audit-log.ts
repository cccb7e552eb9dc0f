import type { Selectable } from 'kysely';
import type { AuditActor, AuditEntry, AuditQuery, AuditType } from '../../shared/audit';
import type { Records } from '../db/database';
import type { Tables } from '../db/schema';

/**
 * The append-only audit trail. There is deliberately no update or delete method, and the
 * database refuses both (triggers, see migrations.ts) should anyone add one.
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

/** An audit log whose appends can carry a record key: the same key is stored once however often it is appended. */
export interface KeyedAuditLog extends AuditLog {
  append(entry: NewAuditEntry, at: number, key?: string): Promise<void>;
}

type AuditRow = Pick<Selectable<Tables['audit_log']>, 'id' | 'at' | 'type' | 'actor' | 'consultant_id' | 'session_id' | 'request_id' | 'address' | 'detail'> & { consultant_name: string | null };

const MAX_INT32 = 2 ** 31 - 1;

/** The audit trail in SQLite or PostgreSQL (one set of queries for both). */
export class DbAuditLog implements KeyedAuditLog {
  private readonly db: Records['db'];

  constructor(records: Pick<Records, 'db'>) {
    this.db = records.db;
  }

  async append(entry: NewAuditEntry, at: number, key?: string): Promise<void> {
    await this.db
      .insertInto('audit_log')
      .values({
        at,
        type: entry.type,
        actor: entry.actor,
        org_id: entry.orgId ?? null,
        consultant_id: entry.consultantId ?? null,
        session_id: entry.sessionId ?? null,
        request_id: entry.requestId ?? null,
        address: entry.address ?? null,
        detail: JSON.stringify(entry.detail ?? {}),
        record_key: key ?? null,
      })
      // A replayed record whose first insert did land (the answer was lost) is not stored twice.
      .onConflict((oc) => oc.column('record_key').doNothing())
      .execute();
  }

  /**
   * Deletes entries of no organisation (anonymous sessions) older than `cutoff`; returns how
   * many. The only deletion the database allows (migration 4): an organisation's trail is kept.
   */
  async purgeAnonymous(cutoff: number): Promise<number> {
    const result = await this.db.deleteFrom('audit_log').where('org_id', 'is', null).where('at', '<', cutoff).executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  async query(orgId: number, filter: AuditQuery, max: number): Promise<AuditEntry[]> {
    const { from, to, session, consultant, type, before } = filter;
    // Consultant ids are 32-bit integers in PostgreSQL, which refuses to compare with a larger one.
    if (consultant !== undefined && consultant > MAX_INT32) return [];
    let q = this.db
      .selectFrom('audit_log as a')
      .leftJoin('consultants as c', 'c.id', 'a.consultant_id')
      .select(['a.id', 'a.at', 'a.type', 'a.actor', 'a.consultant_id', 'c.display_name as consultant_name', 'a.session_id', 'a.request_id', 'a.address', 'a.detail'])
      .where('a.org_id', '=', orgId);
    if (from !== undefined) q = q.where('a.at', '>=', from);
    if (to !== undefined) q = q.where('a.at', '<=', to);
    if (session !== undefined) q = q.where('a.session_id', '=', session);
    if (consultant !== undefined) q = q.where('a.consultant_id', '=', consultant);
    if (type !== undefined) q = q.where('a.type', '=', type);
    if (before !== undefined) q = q.where('a.id', '<', before);
    const rows: AuditRow[] = await q.orderBy('a.id', 'desc').limit(Math.min(filter.limit ?? max, max)).execute();
    return rows.map((row) => ({
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
    }));
  }
}
