import { describe, expect, it } from 'vitest';
import { tempDbPath } from '../test-fixtures';
import { MEMORY_DB, openDatabase, schemaVersion } from './database';
import type { Migration } from './migrations';

const m = (version: number, sql: string): Migration => ({ version, name: `m${version}`, sql });

describe('database', () => {
  it('applies each migration once, in order, and keeps data across reopening the file', () => {
    const { file, cleanup } = tempDbPath();
    try {
      const first = openDatabase(file, [m(1, 'CREATE TABLE t (v TEXT)')]);
      first.prepare('INSERT INTO t VALUES (?)').run('kept');
      first.close();
      const second = openDatabase(file, [m(1, 'CREATE TABLE t (v TEXT)'), m(2, 'ALTER TABLE t ADD COLUMN w TEXT')]);
      expect(schemaVersion(second)).toBe(2);
      expect(second.prepare('SELECT v, w FROM t').all()).toEqual([{ v: 'kept', w: null }]);
      second.close();
      // A database from a newer server is refused rather than used.
      expect(() => openDatabase(file, [m(1, 'CREATE TABLE t (v TEXT)')])).toThrow(/newer than this server/);
    } finally {
      cleanup();
    }
  });

  it('rolls a failing migration back entirely', () => {
    const db = openDatabase(MEMORY_DB, []);
    expect(() => openDatabase(MEMORY_DB, [m(1, 'CREATE TABLE a (x); CREATE TABLE a (x)')])).toThrow();
    const { file, cleanup } = tempDbPath();
    try {
      expect(() => openDatabase(file, [m(1, 'CREATE TABLE ok (x)'), m(2, 'CREATE TABLE b (x); SELECT * FROM missing')])).toThrow();
      const reopened = openDatabase(file, [m(1, 'CREATE TABLE ok (x)')]);
      expect(schemaVersion(reopened)).toBe(1);
      expect(reopened.prepare("SELECT name FROM sqlite_master WHERE name = 'b'").all()).toEqual([]);
      reopened.close();
    } finally {
      cleanup();
      db.close();
    }
  });

  it('refuses to update or delete audit entries', () => {
    const db = openDatabase(MEMORY_DB);
    db.prepare("INSERT INTO audit_log (at, type, actor, detail) VALUES (1, 'logout', 'consultant', '{}')").run();
    expect(() => db.prepare("UPDATE audit_log SET type = 'x'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
    expect(db.prepare('SELECT COUNT(*) AS n FROM audit_log').get()).toEqual({ n: 1 });
    db.close();
  });

  it('lets exactly one of two connections claim a request', async () => {
    const { file, cleanup } = tempDbPath();
    const { SqliteRequestStore } = await import('../queue/request-store');
    const a = openDatabase(file);
    const b = openDatabase(file);
    try {
      a.exec("INSERT INTO organisations (slug, name, created_at) VALUES ('o', 'O', 0)");
      a.exec("INSERT INTO consultants (org_id, email, display_name, role, password_hash, created_at) VALUES (1, 'a@x', 'A', 'consultant', 'x', 0), (1, 'b@x', 'B', 'consultant', 'x', 0)");
      const store = new SqliteRequestStore(a);
      await store.insert({ id: 'r1', orgId: 1, category: 'other', description: 'd', contactName: 'U', diagnostics: null, diagnosticsSummary: null, resumeTokenHash: 'h', sourceAddress: 'x', createdAt: 0 });
      const results = await Promise.all([store.claim('r1', 1, 1, 5), new SqliteRequestStore(b).claim('r1', 1, 2, 5)]);
      expect(results.sort()).toEqual(['already-claimed', 'claimed']);
    } finally {
      a.close();
      b.close();
      cleanup();
    }
  });
});
