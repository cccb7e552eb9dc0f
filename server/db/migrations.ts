import { sql, type ColumnDefinitionBuilder, type Kysely } from 'kysely';
import { networkPrefix } from '../source-address';
import type { Engine, Tables } from './schema';

/**
 * Versioned schema migrations for both engines, applied once each, in order, each in its own
 * transaction. Written once with Kysely's schema builder; only what SQL spells differently
 * (generated keys, 64-bit times, triggers) depends on the engine. Versions 1 and 2 produce
 * exactly the SQLite schema the earlier hand-written SQL did, so existing files carry on.
 * Never edit a released migration: add a new one.
 */
export interface Migration {
  readonly version: number;
  readonly name: string;
  up(db: Kysely<Tables>, engine: Engine): Promise<void>;
}

/** A key the database assigns: SQLite's rowid alias (AUTOINCREMENT: never reused), or an identity column. */
const generatedKey = (engine: Engine, neverReused = false) => (c: ColumnDefinitionBuilder) =>
  engine === 'sqlite' ? (neverReused ? c.primaryKey().autoIncrement() : c.primaryKey()) : c.primaryKey().generatedByDefaultAsIdentity();
/** Milliseconds since the epoch do not fit PostgreSQL's 32-bit integer. */
const time = (engine: Engine) => (engine === 'sqlite' ? 'integer' : 'bigint');

async function appendOnly(db: Kysely<Tables>, engine: Engine): Promise<void> {
  // The application has no UPDATE or DELETE path for the audit trail, and the database refuses them too.
  if (engine === 'sqlite') {
    await sql`CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`.execute(db);
    await sql`CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`.execute(db);
    return;
  }
  await sql`CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$`.execute(db);
  await sql`CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()`.execute(db);
  await sql`CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()`.execute(db);
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'accounts, help requests, audit trail',
    async up(db, engine) {
      const t = time(engine);
      await db.schema
        .createTable('organisations')
        .addColumn('id', 'integer', generatedKey(engine))
        .addColumn('slug', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('created_at', t, (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('consultants')
        .addColumn('id', 'integer', generatedKey(engine))
        .addColumn('org_id', 'integer', (c) => c.notNull().references('organisations.id'))
        .addColumn('email', 'text', (c) => c.notNull().unique())
        .addColumn('display_name', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull().check(sql`role IN ('consultant', 'admin')`))
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('totp_secret', 'text')
        .addColumn('totp_pending_secret', 'text')
        .addColumn('totp_last_step', t)
        .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', t, (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('auth_sessions')
        .addColumn('token_hash', 'text', (c) => c.primaryKey())
        .addColumn('consultant_id', 'integer', (c) => c.notNull().references('consultants.id'))
        .addColumn('created_at', t, (c) => c.notNull())
        .addColumn('expires_at', t, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('auth_sessions_expiry').on('auth_sessions').column('expires_at').execute();
      await db.schema
        .createTable('help_requests')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('org_id', 'integer', (c) => c.notNull().references('organisations.id'))
        .addColumn('category', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('contact_name', 'text', (c) => c.notNull())
        .addColumn('diagnostics', 'text')
        .addColumn('diagnostics_summary', 'text')
        .addColumn('resume_token_hash', 'text', (c) => c.notNull())
        .addColumn('source_address', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull().check(sql`state IN ('waiting', 'claimed', 'closed', 'cancelled')`))
        .addColumn('created_at', t, (c) => c.notNull())
        .addColumn('claimed_at', t)
        .addColumn('claimed_by', 'integer', (c) => c.references('consultants.id'))
        .addColumn('assigned_to', 'integer', (c) => c.references('consultants.id'))
        .addColumn('closed_at', t)
        .addColumn('outcome', 'text')
        .addColumn('note', 'text')
        .execute();
      await db.schema.createIndex('help_requests_queue').on('help_requests').columns(['org_id', 'state', 'created_at']).execute();
      await db.schema.createIndex('help_requests_address').on('help_requests').columns(['source_address', 'created_at']).execute();
      await db.schema
        .createTable('request_details')
        .addColumn('id', 'integer', generatedKey(engine))
        .addColumn('request_id', 'text', (c) => c.notNull().references('help_requests.id'))
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('created_at', t, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('request_details_request').on('request_details').column('request_id').execute();
      await db.schema
        .createTable('audit_log')
        .addColumn('id', engine === 'sqlite' ? 'integer' : 'bigint', generatedKey(engine, true))
        .addColumn('at', t, (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('org_id', 'integer')
        .addColumn('consultant_id', 'integer')
        .addColumn('session_id', 'text')
        .addColumn('request_id', 'text')
        .addColumn('address', 'text')
        .addColumn('detail', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('audit_org_at').on('audit_log').columns(['org_id', 'at']).execute();
      await db.schema.createIndex('audit_session').on('audit_log').column('session_id').execute();
      await db.schema.createIndex('audit_consultant').on('audit_log').columns(['consultant_id', 'at']).execute();
      await appendOnly(db, engine);
    },
  },
  {
    version: 2,
    name: 'audit trail pages by organisation, newest first',
    // Admins page by id (ORDER BY id DESC, id < before); with only (org_id, at) every page sorted the organisation's whole trail.
    async up(db) {
      await db.schema.createIndex('audit_org_id').on('audit_log').columns(['org_id', 'id']).execute();
    },
  },
  {
    version: 3,
    name: 'audit record keys (spool replay), request arrival order',
    async up(db, engine) {
      // Adding a column is not an UPDATE: the append-only triggers allow it, and old entries keep a null key.
      await db.schema.alterTable('audit_log').addColumn('record_key', 'text').execute();
      await db.schema.createIndex('audit_record_key').on('audit_log').column('record_key').unique().execute();
      // SQLite ordered same-millisecond requests by rowid, which PostgreSQL has no equivalent of.
      await db.schema.alterTable('help_requests').addColumn('seq', time(engine)).execute();
      if (engine === 'sqlite') await sql`UPDATE help_requests SET seq = rowid`.execute(db);
      await db.schema.createIndex('help_requests_seq').on('help_requests').column('seq').execute();
    },
  },
  {
    version: 4,
    name: 'retention of audit entries that belong to no organisation',
    // Anonymous self-paired sessions write entries no admin ever sees (issue 15, weakness 9);
    // they may be deleted once old (audit-log.ts purgeAnonymous). An organisation's entries stay
    // append-only: the database still refuses to update or delete any of them.
    async up(db, engine) {
      if (engine === 'sqlite') {
        await sql`DROP TRIGGER audit_log_no_delete`.execute(db);
        await sql`CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log WHEN OLD.org_id IS NOT NULL BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`.execute(db);
        await db.schema.createIndex('audit_anonymous_at').on('audit_log').column('at').where(sql.ref('org_id'), 'is', null).execute();
        return;
      }
      await sql`CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF TG_OP = 'DELETE' AND OLD.org_id IS NULL THEN RETURN OLD; END IF;
          RAISE EXCEPTION 'audit_log is append-only';
        END $$`.execute(db);
      await db.schema.createIndex('audit_anonymous_at').on('audit_log').column('at').where(sql.ref('org_id'), 'is', null).execute();
    },
  },
  {
    version: 5,
    name: 'help request expiry, dismissal and source networks',
    async up(db, engine) {
      // Expired and dismissed requests keep state 'cancelled' with their end_reason beside it: SQLite
      // cannot widen the state CHECK without rebuilding the table, which request_details' foreign key
      // makes unsafe inside this migration's transaction (and better-sqlite3 forbids editing the schema).
      await db.schema.alterTable('help_requests').addColumn('end_reason', 'text').execute();
      // Since when the person's app has not been watching this waiting request (null: watching, or not yet noticed).
      await db.schema.alterTable('help_requests').addColumn('away_since', time(engine)).execute();
      // The /24 or /48 the request came from (source-address.ts's networkPrefix), for the per-network limit.
      await db.schema.alterTable('help_requests').addColumn('source_network', 'text').execute();
      const open = await db.selectFrom('help_requests').select(['id', 'source_address']).where('state', 'in', ['waiting', 'claimed']).execute();
      for (const row of open) await db.updateTable('help_requests').set({ source_network: networkPrefix(row.source_address) }).where('id', '=', row.id).execute();
      await db.schema.createIndex('help_requests_network').on('help_requests').columns(['org_id', 'state', 'source_network']).execute();
      await db.schema.createIndex('help_requests_state').on('help_requests').columns(['state', 'created_at']).execute();
    },
  },
  {
    version: 6,
    name: 'guided intake answers, target waits per category and their alerts',
    async up(db) {
      // The intake's answers as JSON (shared/intake.ts's intakeSchema), null for requests sent without it.
      await db.schema.alterTable('help_requests').addColumn('intake', 'text').execute();
      // The highest target-wait alert already sent for this request ('approaching', 'overdue'): one conditional UPDATE per level, so it fires once across instances.
      await db.schema.alterTable('help_requests').addColumn('wait_alert', 'text').execute();
      await db.schema
        .createTable('wait_targets')
        .addColumn('org_id', 'integer', (c) => c.notNull().references('organisations.id'))
        .addColumn('category', 'text', (c) => c.notNull())
        .addColumn('minutes', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('wait_targets_pk', ['org_id', 'category'])
        .execute();
    },
  },
  {
    version: 7,
    name: 'requests by e-mail: the thread, attachments, the outbox',
    async up(db, engine) {
      const t = time(engine);
      // 'email' for requests that came from the support mailbox (null: from the app), the address
      // the answers go to, and the short token that finds the request again from a subject or address.
      await db.schema.alterTable('help_requests').addColumn('channel', 'text').execute();
      await db.schema.alterTable('help_requests').addColumn('email_address', 'text').execute();
      await db.schema.alterTable('help_requests').addColumn('mail_token', 'text').execute();
      await db.schema.createIndex('help_requests_mail_token').on('help_requests').column('mail_token').unique().execute();
      // Every message in or out of the mailbox. message_key is unique: inserting it is how exactly one
      // instance of a cluster claims an incoming message (status 'processing' until it is dealt with).
      await db.schema
        .createTable('mail_messages')
        .addColumn('id', 'integer', generatedKey(engine))
        .addColumn('message_key', 'text', (c) => c.notNull().unique())
        .addColumn('direction', 'text', (c) => c.notNull().check(sql`direction IN ('in', 'out')`))
        .addColumn('request_id', 'text', (c) => c.references('help_requests.id'))
        .addColumn('from_address', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('reason', 'text')
        .addColumn('text', 'text')
        .addColumn('at', t, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('mail_messages_request').on('mail_messages').columns(['request_id', 'at']).execute();
      await db.schema.createIndex('mail_messages_sender').on('mail_messages').columns(['from_address', 'at']).execute();
      await db.schema
        .createTable('mail_attachments')
        .addColumn('id', 'integer', generatedKey(engine))
        .addColumn('request_id', 'text', (c) => c.notNull().references('help_requests.id'))
        .addColumn('file_name', 'text', (c) => c.notNull())
        .addColumn('content_type', 'text', (c) => c.notNull())
        .addColumn('size', 'integer', (c) => c.notNull())
        // Kept as bytes only: never written to disk under its own name, never opened or run by the server.
        .addColumn('data', engine === 'sqlite' ? 'blob' : 'bytea', (c) => c.notNull())
        .addColumn('at', t, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('mail_attachments_request').on('mail_attachments').column('request_id').execute();
      // What Tandem sends, kept until the SMTP server took it: an unreachable server loses nothing.
      await db.schema
        .createTable('mail_outbox')
        .addColumn('id', 'integer', generatedKey(engine))
        .addColumn('request_id', 'text', (c) => c.references('help_requests.id'))
        .addColumn('message_id', 'text', (c) => c.notNull().unique())
        .addColumn('to_address', 'text', (c) => c.notNull())
        .addColumn('subject', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('in_reply_to', 'text')
        .addColumn('reference_ids', 'text')
        // 1 for messages Tandem writes by itself (acknowledgements): sent with Auto-Submitted so that robots do not answer.
        .addColumn('automatic', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('next_attempt_at', t, (c) => c.notNull())
        .addColumn('last_error', 'text')
        .addColumn('sent_at', t)
        .addColumn('created_at', t, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('mail_outbox_due').on('mail_outbox').columns(['sent_at', 'next_attempt_at']).execute();
    },
  },
];
