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
    /** 'email' when it came from the support mailbox (migration 7); null: from the app. */
    channel: 'email' | null;
    email_address: string | null;
    mail_token: string | null;
  };
  mail_messages: {
    id: Generated<number>;
    message_key: string;
    direction: 'in' | 'out';
    request_id: string | null;
    from_address: string | null;
    status: MailStatus;
    reason: string | null;
    text: string | null;
    at: number;
  };
  mail_attachments: { id: Generated<number>; request_id: string; file_name: string; content_type: string; size: number; data: Uint8Array; at: number };
  mail_outbox: {
    id: Generated<number>;
    request_id: string | null;
    message_id: string;
    to_address: string;
    subject: string;
    body: string;
    in_reply_to: string | null;
    reference_ids: string | null;
    automatic: Generated<number>;
    attempts: Generated<number>;
    next_attempt_at: number;
    last_error: string | null;
    sent_at: number | null;
    created_at: number;
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

/** What became of a message in the mailbox: see server/mail/mail-store.ts. */
export type MailStatus = 'processing' | 'request' | 'reply' | 'ignored' | 'kept-aside' | 'sent';

export type Engine = 'sqlite' | 'postgres';
