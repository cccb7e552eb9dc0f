import type { DiagnosticsReport } from '../../shared/diagnostics';
import type { Outcome, RequestCategory, RequestState } from '../../shared/queue';
import type { DiagnosticsSummary } from '../../shared/queue-diagnostics';
import type { Intake } from '../../shared/intake';
import type { AlertLevel } from '../../shared/wait-targets';
import { sql, type Selectable } from 'kysely';
import type { Records } from '../db/database';
import type { Tables } from '../db/schema';
import { networkPrefix } from '../source-address';

/** Help requests. State changes are single conditional UPDATEs, so they are atomic races. */
export interface NewRequest {
  id: string;
  orgId: number;
  category: RequestCategory;
  description: string;
  contactName: string;
  diagnostics: DiagnosticsReport | null;
  diagnosticsSummary: DiagnosticsSummary | null;
  /** The guided intake's answers; absent for a request sent without it. */
  intake?: Intake | null;
  resumeTokenHash: string;
  sourceAddress: string;
  createdAt: number;
  /** From the support mailbox: where answers go, and the token that finds the thread again. */
  mail?: { address: string; token: string };
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
  /** The throttle key it came from, and its /24 or /48: never shown to consultants. */
  sourceAddress: string;
  sourceNetwork: string;
  /** Since when no app watches it (waiting requests only; null: watched or not yet noticed). */
  awaySince: number | null;
  intake: Intake | null;
  /** The highest target-wait alert already sent for it. */
  waitAlert: AlertLevel | null;
  /** 'email': from the support mailbox, answered by e-mail (no app watches it). */
  channel: 'email' | null;
  emailAddress: string | null;
  mailToken: string | null;
}

/** Why the server ended a waiting request. */
export type ExpiryReason = 'max-age' | 'abandoned';
/** The cut-offs an expiry is checked against again, inside its UPDATE. */
export interface ExpiryCutoffs {
  /** Requests created at or before this time are too old. */
  createdBy: number;
  /** Requests away since this time or earlier are abandoned. */
  awayBy: number;
}

/** A waiting request as the periodic sweeps see it (expiry, target-wait alerts). */
export interface WaitingRow {
  id: string;
  orgId: number;
  category: RequestCategory;
  contactName: string;
  createdAt: number;
  awaySince: number | null;
  waitAlert: AlertLevel | null;
  /** 'email': nobody's app watches it, so it never expires for being unwatched. */
  channel: 'email' | null;
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
  /** Waiting requests of the organisation from this address, and from this network. */
  countWaitingFrom(orgId: number, source: { address: string } | { network: string }): Promise<number>;
  /** Waiting requests of every organisation (oldest first, at most `limit`), for the periodic sweeps (expiry, target-wait alerts). */
  waitingForExpiry(limit: number): Promise<WaitingRow[]>;
  /** The request whose thread token this is. */
  byMailToken(token: string): Promise<HelpRequest | undefined>;
  /** Notes that no app watches these waiting requests since `now` (unless already noted). */
  markAway(ids: readonly string[], now: number): Promise<void>;
  /** An app watches them again. */
  markBack(ids: readonly string[]): Promise<void>;
  /** Ends a waiting request as expired if it still is too old / abandoned by the cut-offs; false otherwise. */
  expire(id: string, reason: ExpiryReason, cutoffs: ExpiryCutoffs, now: number): Promise<boolean>;
  /** Ends a waiting request of the organisation as dismissed; false if it was not waiting there. */
  dismiss(id: string, orgId: number, now: number): Promise<boolean>;
  /** Ids of the organisation's waiting requests from these networks. */
  waitingInNetworks(orgId: number, networks: readonly string[]): Promise<string[]>;
  /** Records that this alert was sent unless it (or a later one) already was; true for the one caller that records it. */
  markWaitAlert(id: string, level: AlertLevel): Promise<boolean>;
}

type RequestRow = Selectable<Tables['help_requests']> & { details_count: number | string | bigint };

const toRequest = (row: RequestRow): HelpRequest => ({
  id: row.id,
  orgId: row.org_id,
  category: row.category,
  description: row.description,
  contactName: row.contact_name,
  diagnosticsSummary: row.diagnostics_summary === null ? null : (JSON.parse(row.diagnostics_summary) as DiagnosticsSummary),
  resumeTokenHash: row.resume_token_hash,
  // Expired and dismissed requests are stored as 'cancelled' with their reason (migration 4).
  state: row.state === 'cancelled' && row.end_reason !== null ? row.end_reason : row.state,
  createdAt: row.created_at,
  claimedAt: row.claimed_at,
  claimedBy: row.claimed_by,
  assignedTo: row.assigned_to,
  closedAt: row.closed_at,
  outcome: row.outcome,
  detailsCount: Number(row.details_count),
  sourceAddress: row.source_address,
  sourceNetwork: row.source_network ?? networkPrefix(row.source_address),
  awaySince: row.away_since,
  intake: row.intake === null ? null : (JSON.parse(row.intake) as Intake),
  waitAlert: row.wait_alert,
  channel: row.channel,
  emailAddress: row.email_address,
  mailToken: row.mail_token,
});

const one = (result: { numUpdatedRows: bigint } | undefined) => result?.numUpdatedRows === 1n;

/** Help requests in SQLite or PostgreSQL (one set of queries for both). */
export class DbRequestStore implements RequestStore {
  private readonly db: Records['db'];
  private readonly engine: Records['engine'];

  constructor(records: Pick<Records, 'db' | 'engine'>) {
    this.db = records.db;
    this.engine = records.engine;
  }

  private select() {
    return this.db
      .selectFrom('help_requests as r')
      .selectAll('r')
      .select((eb) => eb.selectFrom('request_details as d').select((e) => e.fn.countAll().as('n')).whereRef('d.request_id', '=', 'r.id').as('details_count'));
  }

  async insert(r: NewRequest): Promise<void> {
    await this.db
      .insertInto('help_requests')
      .values((eb) => ({
        id: r.id,
        org_id: r.orgId,
        category: r.category,
        description: r.description,
        contact_name: r.contactName,
        diagnostics: json(r.diagnostics),
        diagnostics_summary: json(r.diagnosticsSummary),
        intake: json(r.intake ?? null),
        resume_token_hash: r.resumeTokenHash,
        source_address: r.sourceAddress,
        source_network: networkPrefix(r.sourceAddress),
        state: 'waiting',
        created_at: r.createdAt,
        channel: r.mail ? 'email' : null,
        email_address: r.mail?.address ?? null,
        mail_token: r.mail?.token ?? null,
        // Arrival order for requests of the same millisecond; two inserted at once may share a number (then either may go first).
        seq: eb.selectFrom('help_requests').select(sql<number>`COALESCE(MAX(seq), 0) + 1`.as('next')),
      }))
      .execute();
  }

  async byMailToken(token: string): Promise<HelpRequest | undefined> {
    const row = await this.select().where('r.mail_token', '=', token).executeTakeFirst();
    return row && toRequest(row as RequestRow);
  }

  async get(id: string): Promise<HelpRequest | undefined> {
    const row = await this.select().where('r.id', '=', id).executeTakeFirst();
    return row && toRequest(row as RequestRow);
  }

  async diagnostics(id: string): Promise<DiagnosticsReport | null> {
    const row = await this.db.selectFrom('help_requests').select('diagnostics').where('id', '=', id).executeTakeFirst();
    return row?.diagnostics ? (JSON.parse(row.diagnostics) as DiagnosticsReport) : null;
  }

  details(id: string): Promise<{ text: string; at: number }[]> {
    return this.db.selectFrom('request_details').select(['text', 'created_at as at']).where('request_id', '=', id).orderBy('id').execute();
  }

  async addDetail(id: string, text: string, now: number, max: number): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      // PostgreSQL counts in a snapshot: lock the request first so two additions cannot both pass the cap.
      // (SQLite has one writer at a time; FOR UPDATE is not SQLite syntax.)
      if (this.engine === 'postgres') {
        await trx.selectFrom('help_requests').select('id').where('id', '=', id).forUpdate().execute();
      }
      const result = await trx
        .insertInto('request_details')
        .columns(['request_id', 'text', 'created_at'])
        .expression(
          trx
            // Typed casts: PostgreSQL cannot infer a parameter's type from an INSERT … SELECT target.
            .selectNoFrom([sql<string>`CAST(${id} AS TEXT)`.as('request_id'), sql<string>`CAST(${text} AS TEXT)`.as('text'), sql<number>`CAST(${now} AS BIGINT)`.as('created_at')])
            .where((eb) => eb.exists(eb.selectFrom('help_requests').select('id').where('id', '=', id).where('state', 'in', ['waiting', 'claimed'])))
            .where((eb) => eb(eb.selectFrom('request_details').select((c) => c.fn.countAll().as('n')).where('request_id', '=', id), '<', max)),
        )
        .executeTakeFirst();
      return result.numInsertedOrUpdatedRows === 1n;
    });
  }

  async countFromAddressSince(address: string, since: number): Promise<number> {
    const row = await this.db.selectFrom('help_requests').select((eb) => eb.fn.countAll().as('n')).where('source_address', '=', address).where('created_at', '>=', since).executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  async countWaiting(orgId: number): Promise<number> {
    const row = await this.db.selectFrom('help_requests').select((eb) => eb.fn.countAll().as('n')).where('org_id', '=', orgId).where('state', '=', 'waiting').executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  async open(orgId: number): Promise<HelpRequest[]> {
    const rows = await this.select()
      .where('r.org_id', '=', orgId)
      .where('r.state', 'in', ['waiting', 'claimed'])
      .orderBy(sql`CASE WHEN r.state = 'claimed' THEN 1 ELSE 0 END`)
      .orderBy(sql`COALESCE(r.claimed_at, r.created_at)`)
      .orderBy('r.seq')
      .orderBy('r.id')
      .execute();
    return rows.map((row) => toRequest(row as RequestRow));
  }

  async claim(id: string, orgId: number, consultantId: number, now: number): Promise<ClaimResult> {
    // The whole race is this one conditional statement: the database applies it atomically (PostgreSQL
    // re-checks the WHERE on the row it waited for), so of any number of concurrent claimers, on any
    // number of instances, exactly one changes the row.
    const result = await this.db
      .updateTable('help_requests')
      .set({ state: 'claimed', claimed_by: consultantId, claimed_at: now, assigned_to: null })
      .where('id', '=', id)
      .where('org_id', '=', orgId)
      .where('state', '=', 'waiting')
      .where((eb) => eb.or([eb('assigned_to', 'is', null), eb('assigned_to', '=', consultantId)]))
      .executeTakeFirst();
    if (one(result)) return 'claimed';
    const current = await this.get(id);
    if (!current || current.orgId !== orgId) return 'not-found';
    if (current.state === 'claimed') return 'already-claimed';
    return current.state === 'waiting' ? 'not-assignee' : 'invalid-state';
  }

  async handOff(id: string, from: number, to: number | null): Promise<boolean> {
    const result = await this.db
      .updateTable('help_requests')
      .set({ state: 'waiting', claimed_by: null, claimed_at: null, assigned_to: to })
      .where('id', '=', id)
      .where('state', '=', 'claimed')
      .where('claimed_by', '=', from)
      .executeTakeFirst();
    return one(result);
  }

  async close(id: string, orgId: number, by: number | null, outcome: Outcome, note: string | null, now: number): Promise<boolean> {
    const result = await this.db
      .updateTable('help_requests')
      .set({ state: 'closed', closed_at: now, outcome, note })
      .where('id', '=', id)
      .where('org_id', '=', orgId)
      .where('state', '=', 'claimed')
      .$if(by !== null, (qb) => qb.where('claimed_by', '=', by ?? 0))
      .executeTakeFirst();
    return one(result);
  }

  async cancel(id: string, now: number): Promise<'waiting' | 'claimed' | null> {
    // One conditional UPDATE per open state, so the state reported is the one the request had when it
    // was cancelled; a claim or hand-off in between only moves it to the other state, tried next.
    for (let round = 0; round < 3; round += 1) {
      for (const state of ['waiting', 'claimed'] as const) {
        const result = await this.db.updateTable('help_requests').set({ state: 'cancelled', closed_at: now }).where('id', '=', id).where('state', '=', state).executeTakeFirst();
        if (one(result)) return state;
      }
      const current = await this.db.selectFrom('help_requests').select('state').where('id', '=', id).executeTakeFirst();
      if (current?.state !== 'waiting' && current?.state !== 'claimed') return null;
    }
    return null;
  }

  async handlingTimes(orgId: number, since: number, limit: number): Promise<number[]> {
    const rows = await this.db
      .selectFrom('help_requests')
      .select(sql<number>`closed_at - claimed_at`.as('d'))
      .where('org_id', '=', orgId)
      .where('state', '=', 'closed')
      .where('claimed_at', 'is not', null)
      .where('closed_at', '>=', since)
      .orderBy('closed_at', 'desc')
      .limit(limit)
      .execute();
    return rows.map((row) => Number(row.d));
  }

  async countWaitingFrom(orgId: number, source: { address: string } | { network: string }): Promise<number> {
    const row = await this.db
      .selectFrom('help_requests')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('org_id', '=', orgId)
      .where('state', '=', 'waiting')
      .$if('address' in source, (qb) => qb.where('source_address', '=', 'address' in source ? source.address : ''))
      .$if('network' in source, (qb) => qb.where('source_network', '=', 'network' in source ? source.network : ''))
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  async waitingForExpiry(limit: number): Promise<WaitingRow[]> {
    const rows = await this.db
      .selectFrom('help_requests')
      .select(['id', 'org_id', 'category', 'contact_name', 'created_at', 'away_since', 'wait_alert', 'channel'])
      .where('state', '=', 'waiting')
      .orderBy('created_at')
      .limit(limit)
      .execute();
    return rows.map((row) => ({ id: row.id, orgId: row.org_id, category: row.category, contactName: row.contact_name, createdAt: row.created_at, awaySince: row.away_since, waitAlert: row.wait_alert, channel: row.channel }));
  }

  async markAway(ids: readonly string[], now: number): Promise<void> {
    if (ids.length === 0) return;
    await this.db.updateTable('help_requests').set({ away_since: now }).where('id', 'in', [...ids]).where('state', '=', 'waiting').where('away_since', 'is', null).execute();
  }

  async markBack(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.db.updateTable('help_requests').set({ away_since: null }).where('id', 'in', [...ids]).where('away_since', 'is not', null).execute();
  }

  async expire(id: string, reason: ExpiryReason, cutoffs: ExpiryCutoffs, now: number): Promise<boolean> {
    // Conditional like every state change: of several instances sweeping at once, one ends it; and a
    // request whose app came back in the meantime (away_since cleared) is left alone.
    const result = await this.db
      .updateTable('help_requests')
      .set({ state: 'cancelled', end_reason: 'expired', closed_at: now })
      .where('id', '=', id)
      .where('state', '=', 'waiting')
      .$if(reason === 'max-age', (qb) => qb.where('created_at', '<=', cutoffs.createdBy))
      .$if(reason === 'abandoned', (qb) => qb.where('away_since', '<=', cutoffs.awayBy))
      .executeTakeFirst();
    return one(result);
  }

  async dismiss(id: string, orgId: number, now: number): Promise<boolean> {
    const result = await this.db
      .updateTable('help_requests')
      .set({ state: 'cancelled', end_reason: 'dismissed', closed_at: now })
      .where('id', '=', id)
      .where('org_id', '=', orgId)
      .where('state', '=', 'waiting')
      .executeTakeFirst();
    return one(result);
  }

  async waitingInNetworks(orgId: number, networks: readonly string[]): Promise<string[]> {
    if (networks.length === 0) return [];
    const rows = await this.db.selectFrom('help_requests').select('id').where('org_id', '=', orgId).where('state', '=', 'waiting').where('source_network', 'in', [...networks]).execute();
    return rows.map((row) => row.id);
  }

  async markWaitAlert(id: string, level: AlertLevel): Promise<boolean> {
    // Conditional, like every state change: of several instances sweeping at once, exactly one records (and sends) each level.
    const earlier: AlertLevel[] = level === 'overdue' ? ['approaching'] : [];
    const result = await this.db
      .updateTable('help_requests')
      .set({ wait_alert: level })
      .where('id', '=', id)
      .where('state', '=', 'waiting')
      .where((eb) => (earlier.length > 0 ? eb.or([eb('wait_alert', 'is', null), eb('wait_alert', 'in', earlier)]) : eb('wait_alert', 'is', null)))
      .executeTakeFirst();
    return one(result);
  }
}

const json = (value: unknown) => (value === null ? null : JSON.stringify(value));
