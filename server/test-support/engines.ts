/**
 * Test helper: run the same store tests against both engines. `describe.each(ENGINES)` and, in
 * each test, `await stores.open(engine)` for a fresh, migrated database: a temp SQLite file, or
 * a new database on this file's own PostgreSQL (started on first use, stopped after the file).
 * Used only by *.test.ts.
 */
import { afterAll, afterEach, beforeAll } from 'vitest';
import { openRecords, type Records } from '../db/database';
import type { Engine } from '../db/schema';
import { tempDbPath } from '../test-fixtures';
import { startPostgres, type TestPostgres } from './postgres';

export const ENGINES: readonly Engine[] = ['sqlite', 'postgres'];

export function useEngines() {
  let server: Promise<TestPostgres> | undefined;
  const opened: Records[] = [];
  const cleanups: (() => void)[] = [];
  const postgres = () => (server ??= startPostgres());

  /** A fresh location: a SQLite file path or a postgres:// URL of an empty database. */
  const location = async (engine: Engine): Promise<string> => {
    if (engine === 'postgres') return (await postgres()).createDatabase();
    const db = tempDbPath();
    cleanups.push(db.cleanup);
    return db.file;
  };
  const open = async (engine: Engine, at?: string): Promise<Records> => {
    const records = await openRecords(at ?? (await location(engine)));
    opened.push(records);
    return records;
  };

  // initdb and start take a few seconds (more on a busy machine): once per file, before any test's clock runs.
  beforeAll(async () => {
    await postgres();
  }, 120_000);
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((records) => records.close().catch(() => undefined)));
    for (const cleanup of cleanups.splice(0)) cleanup();
  });
  afterAll(async () => {
    if (server) await (await server).stop();
  });
  return { open, location, postgres };
}
