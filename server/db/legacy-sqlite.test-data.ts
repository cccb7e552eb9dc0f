/** Test data: the schema SQLite files got from the server before Kysely (migrations 1 and 2, applied by the old runner). */
export const LEGACY_SQLITE_V2 = `
  CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL);

      CREATE TABLE organisations (
        id INTEGER PRIMARY KEY,
        slug TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        created_at INTEGER NOT NULL
      );
      CREATE TABLE consultants (
        id INTEGER PRIMARY KEY,
        org_id INTEGER NOT NULL REFERENCES organisations(id),
        email TEXT NOT NULL UNIQUE,
        display_name TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('consultant', 'admin')),
        password_hash TEXT NOT NULL,
        totp_secret TEXT,
        totp_pending_secret TEXT,
        totp_last_step INTEGER,
        disabled INTEGER NOT NULL DEFAULT 0,
        created_at INTEGER NOT NULL
      );
      CREATE TABLE auth_sessions (
        token_hash TEXT PRIMARY KEY,
        consultant_id INTEGER NOT NULL REFERENCES consultants(id),
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL
      );
      CREATE INDEX auth_sessions_expiry ON auth_sessions(expires_at);
      CREATE TABLE help_requests (
        id TEXT PRIMARY KEY,
        org_id INTEGER NOT NULL REFERENCES organisations(id),
        category TEXT NOT NULL,
        description TEXT NOT NULL,
        contact_name TEXT NOT NULL,
        diagnostics TEXT,
        diagnostics_summary TEXT,
        resume_token_hash TEXT NOT NULL,
        source_address TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('waiting', 'claimed', 'closed', 'cancelled')),
        created_at INTEGER NOT NULL,
        claimed_at INTEGER,
        claimed_by INTEGER REFERENCES consultants(id),
        assigned_to INTEGER REFERENCES consultants(id),
        closed_at INTEGER,
        outcome TEXT,
        note TEXT
      );
      CREATE INDEX help_requests_queue ON help_requests(org_id, state, created_at);
      CREATE INDEX help_requests_address ON help_requests(source_address, created_at);
      CREATE TABLE request_details (
        id INTEGER PRIMARY KEY,
        request_id TEXT NOT NULL REFERENCES help_requests(id),
        text TEXT NOT NULL,
        created_at INTEGER NOT NULL
      );
      CREATE INDEX request_details_request ON request_details(request_id);
      CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at INTEGER NOT NULL,
        type TEXT NOT NULL,
        actor TEXT NOT NULL,
        org_id INTEGER,
        consultant_id INTEGER,
        session_id TEXT,
        request_id TEXT,
        address TEXT,
        detail TEXT NOT NULL
      );
      CREATE INDEX audit_org_at ON audit_log(org_id, at);
      CREATE INDEX audit_session ON audit_log(session_id);
      CREATE INDEX audit_consultant ON audit_log(consultant_id, at);
      -- Append-only: the application has no UPDATE or DELETE path, and the database refuses both.
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;

      CREATE INDEX audit_org_id ON audit_log(org_id, id);
  INSERT INTO schema_migrations (version, name, applied_at) VALUES (1, 'accounts, help requests, audit trail', 0), (2, 'audit trail pages by organisation, newest first', 0);
`;
