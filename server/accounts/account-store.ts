import type { Role } from '../../shared/accounts';
import type { Db } from '../db/database';

/** Organisations, consultants and login sessions. Async so a networked database can replace SQLite. */
export interface Organisation {
  id: number;
  slug: string;
  name: string;
}

export interface ConsultantRecord {
  id: number;
  orgId: number;
  email: string;
  name: string;
  role: Role;
  passwordHash: string;
  totpSecret: string | null;
  totpPendingSecret: string | null;
  disabled: boolean;
}

export interface NewConsultant {
  orgId: number;
  email: string;
  name: string;
  role: Role;
  passwordHash: string;
}

export interface AccountStore {
  createOrganisation(slug: string, name: string, now: number): Promise<Organisation>;
  organisationBySlug(slug: string): Promise<Organisation | undefined>;
  organisationById(id: number): Promise<Organisation | undefined>;
  listOrganisations(): Promise<Organisation[]>;
  createConsultant(consultant: NewConsultant, now: number): Promise<ConsultantRecord>;
  consultantByEmail(email: string): Promise<ConsultantRecord | undefined>;
  consultantById(id: number): Promise<ConsultantRecord | undefined>;
  listConsultants(orgId: number): Promise<ConsultantRecord[]>;
  /** Keeps a new key until it is confirmed; false when two-step sign-in is on already (checked in the same statement). */
  setTotpPending(id: number, secret: string): Promise<boolean>;
  /** Moves the pending secret into place; false if there was none, or a key is active already. */
  activateTotp(id: number, step: number): Promise<boolean>;
  /** Turns two-step sign-in off (a lost phone): the consultant enrols again at their next sign-in. */
  resetTotp(id: number): Promise<boolean>;
  /** Records `step` as used: true only if it is later than every step used before (atomic: replay protection). */
  useTotpStep(id: number, step: number): Promise<boolean>;
  createAuthSession(tokenHash: string, consultantId: number, now: number, expiresAt: number): Promise<void>;
  /** The consultant behind a live (unexpired) token. */
  authSession(tokenHash: string, now: number): Promise<{ consultantId: number; expiresAt: number } | undefined>;
  deleteAuthSession(tokenHash: string): Promise<void>;
  /** Signs the consultant out everywhere, except the sign-in `keep` (a token hash) if given. */
  deleteAuthSessionsOf(consultantId: number, keep?: string): Promise<void>;
  purgeAuthSessions(now: number): Promise<void>;
}

interface ConsultantRow {
  id: number;
  org_id: number;
  email: string;
  display_name: string;
  role: Role;
  password_hash: string;
  totp_secret: string | null;
  totp_pending_secret: string | null;
  disabled: number;
}

const toConsultant = (row: ConsultantRow): ConsultantRecord => ({
  id: row.id,
  orgId: row.org_id,
  email: row.email,
  name: row.display_name,
  role: row.role,
  passwordHash: row.password_hash,
  totpSecret: row.totp_secret,
  totpPendingSecret: row.totp_pending_secret,
  disabled: row.disabled !== 0,
});

export class SqliteAccountStore implements AccountStore {
  constructor(private readonly db: Db) {}

  createOrganisation(slug: string, name: string, now: number): Promise<Organisation> {
    const result = this.db.prepare('INSERT INTO organisations (slug, name, created_at) VALUES (?, ?, ?)').run(slug, name, now);
    return Promise.resolve({ id: Number(result.lastInsertRowid), slug, name });
  }

  organisationBySlug(slug: string): Promise<Organisation | undefined> {
    return Promise.resolve(this.db.prepare<[string], Organisation>('SELECT id, slug, name FROM organisations WHERE slug = ?').get(slug));
  }

  organisationById(id: number): Promise<Organisation | undefined> {
    return Promise.resolve(this.db.prepare<[number], Organisation>('SELECT id, slug, name FROM organisations WHERE id = ?').get(id));
  }

  listOrganisations(): Promise<Organisation[]> {
    return Promise.resolve(this.db.prepare<[], Organisation>('SELECT id, slug, name FROM organisations ORDER BY name').all());
  }

  async createConsultant(c: NewConsultant, now: number): Promise<ConsultantRecord> {
    const result = this.db
      .prepare('INSERT INTO consultants (org_id, email, display_name, role, password_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(c.orgId, c.email, c.name, c.role, c.passwordHash, now);
    const created = await this.consultantById(Number(result.lastInsertRowid));
    if (!created) throw new Error('consultant vanished after insert');
    return created;
  }

  consultantByEmail(email: string): Promise<ConsultantRecord | undefined> {
    const row = this.db.prepare<[string], ConsultantRow>('SELECT * FROM consultants WHERE email = ?').get(email);
    return Promise.resolve(row && toConsultant(row));
  }

  consultantById(id: number): Promise<ConsultantRecord | undefined> {
    const row = this.db.prepare<[number], ConsultantRow>('SELECT * FROM consultants WHERE id = ?').get(id);
    return Promise.resolve(row && toConsultant(row));
  }

  listConsultants(orgId: number): Promise<ConsultantRecord[]> {
    return Promise.resolve(this.db.prepare<[number], ConsultantRow>('SELECT * FROM consultants WHERE org_id = ? ORDER BY display_name').all(orgId).map(toConsultant));
  }

  setTotpPending(id: number, secret: string): Promise<boolean> {
    const result = this.db.prepare('UPDATE consultants SET totp_pending_secret = ? WHERE id = ? AND totp_secret IS NULL').run(secret, id);
    return Promise.resolve(result.changes === 1);
  }

  activateTotp(id: number, step: number): Promise<boolean> {
    const result = this.db
      .prepare('UPDATE consultants SET totp_secret = totp_pending_secret, totp_pending_secret = NULL, totp_last_step = ? WHERE id = ? AND totp_pending_secret IS NOT NULL AND totp_secret IS NULL')
      .run(step, id);
    return Promise.resolve(result.changes === 1);
  }

  resetTotp(id: number): Promise<boolean> {
    const result = this.db.prepare('UPDATE consultants SET totp_secret = NULL, totp_pending_secret = NULL WHERE id = ?').run(id);
    return Promise.resolve(result.changes === 1);
  }

  useTotpStep(id: number, step: number): Promise<boolean> {
    const result = this.db.prepare('UPDATE consultants SET totp_last_step = ? WHERE id = ? AND (totp_last_step IS NULL OR totp_last_step < ?)').run(step, id, step);
    return Promise.resolve(result.changes === 1);
  }

  createAuthSession(tokenHash: string, consultantId: number, now: number, expiresAt: number): Promise<void> {
    this.db.prepare('INSERT INTO auth_sessions (token_hash, consultant_id, created_at, expires_at) VALUES (?, ?, ?, ?)').run(tokenHash, consultantId, now, expiresAt);
    return Promise.resolve();
  }

  authSession(tokenHash: string, now: number): Promise<{ consultantId: number; expiresAt: number } | undefined> {
    return Promise.resolve(
      this.db
        .prepare<[string, number], { consultantId: number; expiresAt: number }>('SELECT consultant_id AS consultantId, expires_at AS expiresAt FROM auth_sessions WHERE token_hash = ? AND expires_at > ?')
        .get(tokenHash, now),
    );
  }

  deleteAuthSession(tokenHash: string): Promise<void> {
    this.db.prepare('DELETE FROM auth_sessions WHERE token_hash = ?').run(tokenHash);
    return Promise.resolve();
  }

  deleteAuthSessionsOf(consultantId: number, keep?: string): Promise<void> {
    this.db.prepare('DELETE FROM auth_sessions WHERE consultant_id = ? AND token_hash IS NOT ?').run(consultantId, keep ?? null);
    return Promise.resolve();
  }

  purgeAuthSessions(now: number): Promise<void> {
    this.db.prepare('DELETE FROM auth_sessions WHERE expires_at <= ?').run(now);
    return Promise.resolve();
  }
}
