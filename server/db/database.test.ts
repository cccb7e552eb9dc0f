import Database from 'better-sqlite3';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { DbAccountStore } from '../accounts/account-store';
import { DbAuditLog } from '../audit/audit-log';
import { DbRequestStore, type NewRequest } from '../queue/request-store';
import { tempDbPath } from '../test-fixtures';
import { ENGINES, useEngines } from '../test-support/engines';
import { MEMORY_DB, openRecords, schemaVersion } from './database';
import { LEGACY_SQLITE_V2 } from './legacy-sqlite.test-data';
import { MIGRATIONS, type Migration } from './migrations';

const engines = useEngines();
const m = (version: number, statements: string[]): Migration => ({
  version,
  name: `m${version}`,
  async up(db) {
    for (const statement of statements) await sql.raw(statement).execute(db);
  },
});
const request = (id: string, orgId = 1): NewRequest => ({ id, orgId, category: 'other', description: 'd', contactName: 'U', diagnostics: null, diagnosticsSummary: null, resumeTokenHash: 'h', sourceAddress: 'x', createdAt: 0 });

describe.each(ENGINES)('database on %s', { timeout: 30_000 }, (engine) => {
  it('applies each migration once, in order, and keeps data across reopening', async () => {
    const at = await engines.location(engine);
    const v1 = await openRecords(at, [m(1, ['CREATE TABLE t (v TEXT)'])]);
    await sql`INSERT INTO t VALUES ('kept')`.execute(v1.db);
    await v1.close();
    const v2 = await openRecords(at, [m(1, ['CREATE TABLE t (v TEXT)']), m(2, ['ALTER TABLE t ADD COLUMN w TEXT'])]);
    expect(await schemaVersion(v2.db)).toBe(2);
    expect((await sql`SELECT v, w FROM t`.execute(v2.db)).rows).toEqual([{ v: 'kept', w: null }]);
    await v2.close();
    // A database from a newer server is refused rather than used.
    await expect(openRecords(at, [m(1, ['CREATE TABLE t (v TEXT)'])])).rejects.toThrow(/newer than this server/);
  });

  it('rolls a failing migration back entirely', async () => {
    const at = await engines.location(engine);
    await expect(openRecords(at, [m(1, ['CREATE TABLE ok (x TEXT)']), m(2, ['CREATE TABLE b (x TEXT)', 'SELECT * FROM missing'])])).rejects.toThrow();
    const reopened = await openRecords(at, [m(1, ['CREATE TABLE ok (x TEXT)'])]);
    try {
      expect(await schemaVersion(reopened.db)).toBe(1);
      expect((await sql`SELECT * FROM ok`.execute(reopened.db)).rows).toEqual([]);
      await expect(sql`SELECT * FROM b`.execute(reopened.db)).rejects.toThrow();
    } finally {
      await reopened.close();
    }
  });

  it('refuses to update, delete or truncate audit entries, even by raw SQL', async () => {
    const records = await engines.open(engine);
    await new DbAuditLog(records).append({ type: 'logout', actor: 'consultant', orgId: 7 }, 1);
    await expect(sql`UPDATE audit_log SET type = 'x'`.execute(records.db)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM audit_log`.execute(records.db)).rejects.toThrow(/append-only/);
    if (engine === 'postgres') await expect(sql`TRUNCATE audit_log`.execute(records.db)).rejects.toThrow(/append-only/);
    expect(await new DbAuditLog(records).query(0, {}, 10)).toEqual([]);
    expect(Number((await sql<{ n: number }>`SELECT COUNT(*) AS n FROM audit_log`.execute(records.db)).rows[0]?.n)).toBe(1);
  });

  it('deletes old entries of no organisation (anonymous sessions) and nothing of any organisation', async () => {
    const records = await engines.open(engine);
    const audit = new DbAuditLog(records);
    await audit.append({ type: 'session.created', actor: 'consultant' }, 1_000);
    await audit.append({ type: 'session.created', actor: 'consultant' }, 5_000);
    await audit.append({ type: 'session.created', actor: 'consultant', orgId: 3 }, 1_000);
    expect(await audit.purgeAnonymous(2_000)).toBe(1);
    const left = await sql<{ at: number | string; org_id: number | null }>`SELECT at, org_id FROM audit_log ORDER BY id`.execute(records.db);
    expect(left.rows.map((row) => [Number(row.at), row.org_id])).toEqual([
      [5_000, null],
      [1_000, 3],
    ]);
    // However old, an organisation's entry cannot be deleted, not even by raw SQL.
    await expect(sql`DELETE FROM audit_log WHERE org_id = 3`.execute(records.db)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM audit_log`.execute(records.db)).rejects.toThrow(/append-only/);
    expect(await audit.purgeAnonymous(10_000)).toBe(1);
    expect(await audit.query(3, {}, 10)).toHaveLength(1);
  });

  it('lets exactly one of two connections (pools) claim a request', async () => {
    const at = await engines.location(engine);
    const a = await engines.open(engine, at);
    const b = await engines.open(engine, at);
    const accounts = new DbAccountStore(a);
    const org = await accounts.createOrganisation('o', 'O', 0);
    const people = await Promise.all(['a@x', 'b@x'].map((email) => accounts.createConsultant({ orgId: org.id, email, name: email, role: 'consultant', passwordHash: 'x' }, 0)));
    for (let round = 0; round < 10; round++) {
      await new DbRequestStore(a).insert(request(`r${round}`, org.id));
      const results = await Promise.all([new DbRequestStore(a).claim(`r${round}`, org.id, people[0]?.id ?? 0, 5), new DbRequestStore(b).claim(`r${round}`, org.id, people[1]?.id ?? 0, 5)]);
      expect(results.sort()).toEqual(['already-claimed', 'claimed']);
    }
  });
});

describe('SQLite files from earlier versions', { timeout: 30_000 }, () => {
  it('migrate forward with their accounts, requests and audit trail intact', async () => {
    const { file, cleanup } = tempDbPath();
    try {
      // Exactly what the previous server (hand-written SQL, versions 1–2) left on disk.
      const old = new Database(file);
      old.pragma('journal_mode = WAL');
      old.exec(LEGACY_SQLITE_V2);
      old.exec(`
        INSERT INTO organisations (slug, name, created_at) VALUES ('acme', 'Acme IT', 1);
        INSERT INTO consultants (org_id, email, display_name, role, password_hash, totp_secret, totp_last_step, created_at) VALUES (1, 'bob@acme.example', 'Bob', 'consultant', 'hash', 'SECRET', 7, 2);
        INSERT INTO help_requests (id, org_id, category, description, contact_name, resume_token_hash, source_address, state, created_at) VALUES ('r2', 1, 'other', 'second', 'U', 'h', 'x', 'waiting', 5), ('r1', 1, 'other', 'first', 'U', 'h', 'x', 'waiting', 5);
        INSERT INTO audit_log (at, type, actor, org_id, consultant_id, detail) VALUES (3, 'login', 'consultant', 1, 1, '{"ok":true}');
      `);
      old.close();

      const records = await openRecords(file);
      try {
        expect(await schemaVersion(records.db)).toBe(MIGRATIONS.length);
        const accounts = new DbAccountStore(records);
        expect(await accounts.consultantByEmail('bob@acme.example')).toMatchObject({ name: 'Bob', totpSecret: 'SECRET', orgId: 1 });
        expect(await accounts.useTotpStep(1, 7)).toBe(false);
        const requests = new DbRequestStore(records);
        // Same-millisecond requests keep their arrival order.
        expect((await requests.open(1)).map((r) => r.description)).toEqual(['second', 'first']);
        await requests.insert({ ...request('r3'), createdAt: 5 });
        expect((await requests.open(1)).map((r) => r.id)).toEqual(['r2', 'r1', 'r3']);
        const audit = new DbAuditLog(records);
        await audit.append({ type: 'logout', actor: 'consultant', orgId: 1, consultantId: 1 }, 4);
        expect((await audit.query(1, {}, 10)).map((e) => [e.id, e.type, e.consultantName, e.detail])).toEqual([
          [2, 'logout', 'Bob', {}],
          [1, 'login', 'Bob', { ok: true }],
        ]);
        await expect(sql`DELETE FROM audit_log`.execute(records.db)).rejects.toThrow(/append-only/);
      } finally {
        await records.close();
      }
    } finally {
      cleanup();
    }
  });

  it('open in memory for throwaway servers', async () => {
    const records = await openRecords(MEMORY_DB);
    await records.ping();
    await records.close();
  });
});

describe('PostgreSQL that is unreachable', () => {
  it('fails at start with the host named and the password kept out', async () => {
    const free = await import('../test-support/free-port').then((p) => p.freePort());
    const error = await openRecords(`postgres://tandem:s3cret-pw@127.0.0.1:${free}/tandem`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(new RegExp(`^PostgreSQL 127\\.0\\.0\\.1:${free}/tandem is unreachable: ECONNREFUSED`));
    expect((error as Error).message).not.toContain('s3cret-pw');
  });
});
