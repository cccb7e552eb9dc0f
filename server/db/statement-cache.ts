import type Database from 'better-sqlite3';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

/**
 * better-sqlite3 behind Kysely with its prepared statements kept: Kysely asks the driver to
 * prepare every query it runs, and preparing (parsing and planning the SQL) cost more than
 * running the small inserts and lookups of a pairing. The queries come from a fixed set of
 * builders, so a few hundred entries hold them all; past that the oldest is dropped (an
 * IN-list of varying length makes new texts).
 */
const MAX_STATEMENTS = 500;

export function withStatementCache(database: Database.Database): SqliteDatabase {
  const statements = new Map<string, SqliteStatement>();
  return {
    close: () => {
      statements.clear();
      database.close();
    },
    prepare(sql: string): SqliteStatement {
      const cached = statements.get(sql);
      if (cached) return cached;
      const statement = database.prepare(sql);
      if (statements.size >= MAX_STATEMENTS) {
        const oldest = statements.keys().next();
        if (!oldest.done) statements.delete(oldest.value);
      }
      statements.set(sql, statement);
      return statement;
    },
  };
}
