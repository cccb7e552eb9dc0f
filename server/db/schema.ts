import type { Generated } from 'kysely';
import type { Role } from '../../shared/accounts';
import type { AuditActor, AuditType } from '../../shared/audit';
import type { Outcome, RequestCategory, RequestState } from '../../shared/queue';
import type { AlertLevel } from '../../shared/wait-targets';

/**
 * The tables as the query layer sees them, for both engines. Times are milliseconds since the
 * epoch (INTEGER in SQLite, BIGINT in PostgreSQL, read back as numbers); booleans are 0/1.
 */
export interface Tables {
  schema_migrations: { version: number; name: string; applied_at: number };
  organisations: { id: Generated<number>; slug: string; name: string; created_at: number };
  consultants: {
    id: Generated<number>;
    org_id: number;
    email: string;
    display_name: string;
    role: Role;
    password_hash: string;
    totp_secret: string | null;
    totp_pending_secret: string | null;
    totp_last_step: number | null;
    disabled: Generated<number>;
    created_at: number;
  };
  auth_sessions: { token_hash: string; consultant_id: number; created_at: number; expires_at: number };
  help_requests: {
    id: string;
    org_id: number;
    category: RequestCategory;
    description: string;
    contact_name: string;
    diagnostics: string | null;
    diagnostics_summary: string | null;
    resume_token_hash: string;
    source_address: string;
    state: RequestState;
    created_at: number;
    claimed_at: number | null;
    claimed_by: number | null;
    assigned_to: number | null;
    closed_at: number | null;
    outcome: Outcome | null;
    note: string | null;
    /** Arrival order among requests of the same millisecond (migration 3). */
    seq: number | null;
    /** With state 'cancelled': 'expired' or 'dismissed' when the server or a consultant ended it (migration 4). */
    end_reason: 'expired' | 'dismissed' | null;
    /** Since when no app watches this waiting request (migration 4). */
    away_since: number | null;
    /** networkPrefix(source_address), set on insert (migration 4; back-filled for open requests). */
    source_network: string | null;
    /** The guided intake's answers as JSON (migration 6). */
    intake: string | null;
    /** The highest target-wait alert sent (migration 6). */
    wait_alert: AlertLevel | null;
  };
  /** An organisation's target wait per category (migration 6); categories not listed use the default. */
  wait_targets: { org_id: number; category: RequestCategory; minutes: number };
  request_details: { id: Generated<number>; request_id: string; text: string; created_at: number };
  audit_log: {
    id: Generated<number>;
    at: number;
    type: AuditType;
    actor: AuditActor;
    org_id: number | null;
    consultant_id: number | null;
    session_id: string | null;
    request_id: string | null;
    address: string | null;
    detail: string;
    /** Unique per record (null before migration 3): a spooled record replayed twice is stored once. */
    record_key: string | null;
  };
}

export type Engine = 'sqlite' | 'postgres';
