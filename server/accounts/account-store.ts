import type { Role } from '../../shared/accounts';
import type { Selectable } from 'kysely';
import type { Records } from '../db/database';
import type { Tables } from '../db/schema';

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

const toConsultant = (row: Selectable<Tables['consultants']>): ConsultantRecord => ({
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

/** One conditional statement changed exactly one row. */
const one = (result: { numUpdatedRows: bigint } | undefined) => result?.numUpdatedRows === 1n;

/** The accounts in SQLite or PostgreSQL (one set of queries for both). */
export class DbAccountStore implements AccountStore {
  private readonly db: Records['db'];

  constructor(records: Pick<Records, 'db'>) {
    this.db = records.db;
  }

  async createOrganisation(slug: string, name: string, now: number): Promise<Organisation> {
    const { id } = await this.db.insertInto('organisations').values({ slug, name, created_at: now }).returning('id').executeTakeFirstOrThrow();
    return { id, slug, name };
  }

  organisationBySlug(slug: string): Promise<Organisation | undefined> {
    return this.db.selectFrom('organisations').select(['id', 'slug', 'name']).where('slug', '=', slug).executeTakeFirst();
  }

  organisationById(id: number): Promise<Organisation | undefined> {
    return this.db.selectFrom('organisations').select(['id', 'slug', 'name']).where('id', '=', id).executeTakeFirst();
  }

  listOrganisations(): Promise<Organisation[]> {
    return this.db.selectFrom('organisations').select(['id', 'slug', 'name']).orderBy('name').orderBy('id').execute();
  }

  async createConsultant(c: NewConsultant, now: number): Promise<ConsultantRecord> {
    const row = await this.db
      .insertInto('consultants')
      .values({ org_id: c.orgId, email: c.email, display_name: c.name, role: c.role, password_hash: c.passwordHash, created_at: now })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toConsultant(row);
  }

  async consultantByEmail(email: string): Promise<ConsultantRecord | undefined> {
    const row = await this.db.selectFrom('consultants').selectAll().where('email', '=', email).executeTakeFirst();
    return row && toConsultant(row);
  }

  async consultantById(id: number): Promise<ConsultantRecord | undefined> {
    const row = await this.db.selectFrom('consultants').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toConsultant(row);
  }

  async listConsultants(orgId: number): Promise<ConsultantRecord[]> {
    const rows = await this.db.selectFrom('consultants').selectAll().where('org_id', '=', orgId).orderBy('display_name').orderBy('id').execute();
    return rows.map(toConsultant);
  }

  async setTotpPending(id: number, secret: string): Promise<boolean> {
    return one(await this.db.updateTable('consultants').set({ totp_pending_secret: secret }).where('id', '=', id).where('totp_secret', 'is', null).executeTakeFirst());
  }

  async activateTotp(id: number, step: number): Promise<boolean> {
    const result = await this.db
      .updateTable('consultants')
      .set((eb) => ({ totp_secret: eb.ref('totp_pending_secret'), totp_pending_secret: null, totp_last_step: step }))
      .where('id', '=', id)
      .where('totp_pending_secret', 'is not', null)
      .where('totp_secret', 'is', null)
      .executeTakeFirst();
    return one(result);
  }

  async resetTotp(id: number): Promise<boolean> {
    return one(await this.db.updateTable('consultants').set({ totp_secret: null, totp_pending_secret: null }).where('id', '=', id).executeTakeFirst());
  }

  async useTotpStep(id: number, step: number): Promise<boolean> {
    const result = await this.db
      .updateTable('consultants')
      .set({ totp_last_step: step })
      .where('id', '=', id)
      .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
      .executeTakeFirst();
    return one(result);
  }

  async createAuthSession(tokenHash: string, consultantId: number, now: number, expiresAt: number): Promise<void> {
    await this.db.insertInto('auth_sessions').values({ token_hash: tokenHash, consultant_id: consultantId, created_at: now, expires_at: expiresAt }).execute();
  }

  authSession(tokenHash: string, now: number): Promise<{ consultantId: number; expiresAt: number } | undefined> {
    return this.db
      .selectFrom('auth_sessions')
      .select(['consultant_id as consultantId', 'expires_at as expiresAt'])
      .where('token_hash', '=', tokenHash)
      .where('expires_at', '>', now)
      .executeTakeFirst();
  }

  async deleteAuthSession(tokenHash: string): Promise<void> {
    await this.db.deleteFrom('auth_sessions').where('token_hash', '=', tokenHash).execute();
  }

  async deleteAuthSessionsOf(consultantId: number, keep?: string): Promise<void> {
    await this.db
      .deleteFrom('auth_sessions')
      .where('consultant_id', '=', consultantId)
      .$if(keep !== undefined, (qb) => qb.where('token_hash', '<>', keep ?? ''))
      .execute();
  }

  async purgeAuthSessions(now: number): Promise<void> {
    await this.db.deleteFrom('auth_sessions').where('expires_at', '<=', now).execute();
  }
}
