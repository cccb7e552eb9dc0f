import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { MIGRATIONS, type Migration } from './migrations';

/**
 * The embedded store: one SQLite file (WAL, foreign keys on). better-sqlite3 is synchronous,
 * so each statement is atomic with respect to this process's event loop, and SQLite's own
 * locking makes single UPDATE … WHERE claims atomic across processes (the admin CLI) too.
 */
export type Db = Database.Database;

export const MEMORY_DB = ':memory:';

export function openDatabase(file: string, migrations: readonly Migration[] = MIGRATIONS): Db {
  if (file !== MEMORY_DB) mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    // Another process (the admin CLI) may hold the write lock briefly.
    db.pragma('busy_timeout = 5000');
    migrate(db, migrations);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

export function schemaVersion(db: Db): number {
  const row = db.prepare<[], { version: number | null }>('SELECT MAX(version) AS version FROM schema_migrations').get();
  return row?.version ?? 0;
}

export function migrate(db: Db, migrations: readonly Migration[]): void {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)');
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) throw new Error(`migration ${index} must have version ${index + 1}`);
  });
  const known = migrations.length;
  for (const migration of migrations) {
    // IMMEDIATE takes the write lock first, so two processes starting together cannot both
    // apply the same migration; the version is re-read under that lock.
    db.transaction(() => {
      if (schemaVersion(db) >= migration.version) return;
      db.exec(migration.sql);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(migration.version, migration.name, Date.now());
    }).immediate();
  }
  const current = schemaVersion(db);
  // A database written by a newer server must not be used (and silently corrupted) by an older one.
  if (current > known) throw new Error(`database schema version ${current} is newer than this server (${known})`);
}
