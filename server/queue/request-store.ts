import type { DiagnosticsReport } from '../../shared/diagnostics';
import type { Outcome, RequestCategory, RequestState } from '../../shared/queue';
import type { DiagnosticsSummary } from '../../shared/queue-diagnostics';
import type { Db } from '../db/database';

/** Help requests. State changes are single conditional UPDATEs, so they are atomic races. */
export interface NewRequest {
  id: string;
  orgId: number;
  category: RequestCategory;
  description: string;
  contactName: string;
  diagnostics: DiagnosticsReport | null;
  diagnosticsSummary: DiagnosticsSummary | null;
  resumeTokenHash: string;
  sourceAddress: string;
  createdAt: number;
}

export interface HelpRequest {
  id: string;
  orgId: number;
  category: RequestCategory;
  description: string;
  contactName: string;
  diagnosticsSummary: DiagnosticsSummary | null;
  resumeTokenHash: string;
  state: RequestState;
  createdAt: number;
  claimedAt: number | null;
  claimedBy: number | null;
  assignedTo: number | null;
  closedAt: number | null;
  outcome: Outcome | null;
  detailsCount: number;
}

export type ClaimResult = 'claimed' | 'not-found' | 'already-claimed' | 'not-assignee' | 'invalid-state';

export interface RequestStore {
  insert(request: NewRequest): Promise<void>;
  get(id: string): Promise<HelpRequest | undefined>;
  diagnostics(id: string): Promise<DiagnosticsReport | null>;
  details(id: string): Promise<{ text: string; at: number }[]>;
  /** Appends unless the request already has `max` additions or is no longer open. */
  addDetail(id: string, text: string, now: number, max: number): Promise<boolean>;
  countFromAddressSince(address: string, since: number): Promise<number>;
  countWaiting(orgId: number): Promise<number>;
  /** Waiting (oldest first) then claimed (oldest claim first) requests of an organisation. */
  open(orgId: number): Promise<HelpRequest[]>;
  claim(id: string, orgId: number, consultantId: number, now: number): Promise<ClaimResult>;
  /** Back to waiting, reserved for `to` (null: for anyone); only by its current claimer. */
  handOff(id: string, from: number, to: number | null): Promise<boolean>;
  /** Closes a claimed request; `by` null lets an admin close anyone's. */
  close(id: string, orgId: number, by: number | null, outcome: Outcome, note: string | null, now: number): Promise<boolean>;
  /** Cancels an open request; returns the state it had, or null if it was not open. */
  cancel(id: string, now: number): Promise<'waiting' | 'claimed' | null>;
  /** claimed→closed durations of the organisation's latest closed requests since `since`. */
  handlingTimes(orgId: number, since: number, limit: number): Promise<number[]>;
}

interface RequestRow {
  id: string;
  org_id: number;
  category: RequestCategory;
  description: string;
  contact_name: string;
  diagnostics_summary: string | null;
  resume_token_hash: string;
  state: RequestState;
  created_at: number;
  claimed_at: number | null;
  claimed_by: number | null;
  assigned_to: number | null;
  closed_at: number | null;
  outcome: Outcome | null;
  details_count: number;
}

const SELECT = `SELECT r.*, (SELECT COUNT(*) FROM request_details d WHERE d.request_id = r.id) AS details_count FROM help_requests r`;

const toRequest = (row: RequestRow): HelpRequest => ({
  id: row.id,
  orgId: row.org_id,
  category: row.category,
  description: row.description,
  contactName: row.contact_name,
  diagnosticsSummary: row.diagnostics_summary === null ? null : (JSON.parse(row.diagnostics_summary) as DiagnosticsSummary),
  resumeTokenHash: row.resume_token_hash,
  state: row.state,
  createdAt: row.created_at,
  claimedAt: row.claimed_at,
  claimedBy: row.claimed_by,
  assignedTo: row.assigned_to,
  closedAt: row.closed_at,
  outcome: row.outcome,
  detailsCount: row.details_count,
});

export class SqliteRequestStore implements RequestStore {
  constructor(private readonly db: Db) {}

  insert(r: NewRequest): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO help_requests (id, org_id, category, description, contact_name, diagnostics, diagnostics_summary, resume_token_hash, source_address, state, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'waiting', ?)`,
      )
      .run(r.id, r.orgId, r.category, r.description, r.contactName, json(r.diagnostics), json(r.diagnosticsSummary), r.resumeTokenHash, r.sourceAddress, r.createdAt);
    return Promise.resolve();
  }

  get(id: string): Promise<HelpRequest | undefined> {
    const row = this.db.prepare<[string], RequestRow>(`${SELECT} WHERE r.id = ?`).get(id);
    return Promise.resolve(row && toRequest(row));
  }

  diagnostics(id: string): Promise<DiagnosticsReport | null> {
    const row = this.db.prepare<[string], { diagnostics: string | null }>('SELECT diagnostics FROM help_requests WHERE id = ?').get(id);
    return Promise.resolve(row?.diagnostics ? (JSON.parse(row.diagnostics) as DiagnosticsReport) : null);
  }

  details(id: string): Promise<{ text: string; at: number }[]> {
    return Promise.resolve(this.db.prepare<[string], { text: string; at: number }>('SELECT text, created_at AS at FROM request_details WHERE request_id = ? ORDER BY id').all(id));
  }

  addDetail(id: string, text: string, now: number, max: number): Promise<boolean> {
    const result = this.db
      .prepare(
        `INSERT INTO request_details (request_id, text, created_at)
         SELECT ?, ?, ? WHERE EXISTS (SELECT 1 FROM help_requests WHERE id = ? AND state IN ('waiting', 'claimed'))
           AND (SELECT COUNT(*) FROM request_details WHERE request_id = ?) < ?`,
      )
      .run(id, text, now, id, id, max);
    return Promise.resolve(result.changes === 1);
  }

  countFromAddressSince(address: string, since: number): Promise<number> {
    const row = this.db.prepare<[string, number], { n: number }>('SELECT COUNT(*) AS n FROM help_requests WHERE source_address = ? AND created_at >= ?').get(address, since);
    return Promise.resolve(row?.n ?? 0);
  }

  countWaiting(orgId: number): Promise<number> {
    const row = this.db.prepare<[number], { n: number }>("SELECT COUNT(*) AS n FROM help_requests WHERE org_id = ? AND state = 'waiting'").get(orgId);
    return Promise.resolve(row?.n ?? 0);
  }

  open(orgId: number): Promise<HelpRequest[]> {
    const rows = this.db
      .prepare<[number], RequestRow>(`${SELECT} WHERE r.org_id = ? AND r.state IN ('waiting', 'claimed') ORDER BY r.state = 'claimed', COALESCE(r.claimed_at, r.created_at), r.rowid`)
      .all(orgId);
    return Promise.resolve(rows.map(toRequest));
  }

  async claim(id: string, orgId: number, consultantId: number, now: number): Promise<ClaimResult> {
    // The whole race is this one statement: SQLite applies it atomically, so of any number of
    // concurrent claimers exactly one sees `changes === 1`.
    const result = this.db
      .prepare(
        `UPDATE help_requests SET state = 'claimed', claimed_by = ?, claimed_at = ?, assigned_to = NULL
         WHERE id = ? AND org_id = ? AND state = 'waiting' AND (assigned_to IS NULL OR assigned_to = ?)`,
      )
      .run(consultantId, now, id, orgId, consultantId);
    if (result.changes === 1) return 'claimed';
    const current = await this.get(id);
    if (!current || current.orgId !== orgId) return 'not-found';
    if (current.state === 'claimed') return 'already-claimed';
    return current.state === 'waiting' ? 'not-assignee' : 'invalid-state';
  }

  handOff(id: string, from: number, to: number | null): Promise<boolean> {
    const result = this.db
      .prepare("UPDATE help_requests SET state = 'waiting', claimed_by = NULL, claimed_at = NULL, assigned_to = ? WHERE id = ? AND state = 'claimed' AND claimed_by = ?")
      .run(to, id, from);
    return Promise.resolve(result.changes === 1);
  }

  close(id: string, orgId: number, by: number | null, outcome: Outcome, note: string | null, now: number): Promise<boolean> {
    const result = this.db
      .prepare("UPDATE help_requests SET state = 'closed', closed_at = ?, outcome = ?, note = ? WHERE id = ? AND org_id = ? AND state = 'claimed' AND (? IS NULL OR claimed_by = ?)")
      .run(now, outcome, note, id, orgId, by, by);
    return Promise.resolve(result.changes === 1);
  }

  cancel(id: string, now: number): Promise<'waiting' | 'claimed' | null> {
    const cancel = this.db.transaction(() => {
      const row = this.db.prepare<[string], { state: RequestState }>('SELECT state FROM help_requests WHERE id = ?').get(id);
      if (row?.state !== 'waiting' && row?.state !== 'claimed') return null;
      this.db.prepare("UPDATE help_requests SET state = 'cancelled', closed_at = ? WHERE id = ?").run(now, id);
      return row.state;
    });
    return Promise.resolve(cancel.immediate());
  }

  handlingTimes(orgId: number, since: number, limit: number): Promise<number[]> {
    const rows = this.db
      .prepare<[number, number, number], { d: number }>(
        "SELECT closed_at - claimed_at AS d FROM help_requests WHERE org_id = ? AND state = 'closed' AND claimed_at IS NOT NULL AND closed_at >= ? ORDER BY closed_at DESC LIMIT ?",
      )
      .all(orgId, since, limit);
    return Promise.resolve(rows.map((row) => row.d));
  }
}

const json = (value: unknown) => (value === null ? null : JSON.stringify(value));
