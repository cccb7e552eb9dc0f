import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, PostgresDialect, sql, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { Logger } from '../../shared/log';
import { MIGRATIONS, type Migration } from './migrations';
import { withStatementCache } from './statement-cache';
import type { Engine, Tables } from './schema';

/**
 * The records (accounts, help requests, audit trail) behind one typed query layer: an embedded
 * SQLite file, or PostgreSQL when the location is a postgres:// URL. Stores write each query
 * once against `db`; single conditional statements (UPDATE … WHERE state = …) are atomic on both.
 */
export type Db = Kysely<Tables>;

export interface Records {
  readonly db: Db;
  readonly engine: Engine;
  /** Where the records are, without any password: for logs and errors. */
  readonly where: string;
  /** Resolves when the database answers a query (readiness). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export const MEMORY_DB = ':memory:';

export const isPostgresUrl = (location: string) => /^postgres(ql)?:\/\//i.test(location);

/** Opens a SQLite file (or ':memory:') or a postgres:// URL, and migrates it to the current schema. */
export async function openRecords(location: string, migrations: readonly Migration[] = MIGRATIONS, log?: Logger): Promise<Records> {
  const records = isPostgresUrl(location) ? await openPostgres(location, log) : openSqlite(location);
  try {
    await migrate(records, migrations);
    return records;
  } catch (error) {
    await records.close();
    throw error;
  }
}

function openSqlite(file: string): Records {
  if (file !== MEMORY_DB) mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const database = new Database(file);
  try {
    database.pragma('journal_mode = WAL');
    database.pragma('foreign_keys = ON');
    // Another process (the admin CLI) may hold the write lock briefly.
    database.pragma('busy_timeout = 5000');
  } catch (error) {
    database.close();
    throw error;
  }
  const db = new Kysely<Tables>({ dialect: new SqliteDialect({ database: withStatementCache(database) }) });
  return { db, engine: 'sqlite', where: file === MEMORY_DB ? 'SQLite in memory' : `SQLite ${file}`, ping: () => sql`SELECT 1`.execute(db).then(() => undefined), close: () => db.destroy() };
}

const INT8_OID = 20;
/** Times, counts and audit ids are BIGINT: read them as numbers (all stay far below 2^53). */
const parseInt8 = (value: string) => Number(value);
const types: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary'): unknown => (oid === INT8_OID ? parseInt8 : pg.types.getTypeParser(oid, format ?? 'text'))) as typeof pg.types.getTypeParser,
};

/** host:port/database of a postgres:// URL; never its password. */
export function postgresWhere(url: string): string {
  try {
    const u = new URL(url);
    return `PostgreSQL ${u.hostname || 'localhost'}:${u.port || '5432'}${u.pathname.length > 1 ? u.pathname : ''}`;
  } catch {
    return 'PostgreSQL (unparsable DATABASE_URL)';
  }
}

async function openPostgres(url: string, log?: Logger): Promise<Records> {
  const where = postgresWhere(url);
  const pool = new pg.Pool({ connectionString: url, max: 10, connectionTimeoutMillis: 5000, types });
  // An idle connection dropped by a restarting server must not crash the process; the pool replaces it.
  pool.on('error', (error) => log?.warn('records.connection-lost', { where, error: error.message }));
  try {
    const client = await pool.connect();
    client.release();
  } catch (error) {
    await pool.end().catch(() => undefined);
    const password = safePassword(url);
    const reason = error instanceof Error ? ((error as NodeJS.ErrnoException).code ?? error.message) : String(error);
    // The driver's message names host and user, but make sure a password can never be echoed.
    throw new Error(`${where} is unreachable: ${password ? reason.split(password).join('***') : reason}`);
  }
  const db = new Kysely<Tables>({ dialect: new PostgresDialect({ pool }) });
  return { db, engine: 'postgres', where, ping: () => sql`SELECT 1`.execute(db).then(() => undefined), close: () => db.destroy() };
}

function safePassword(url: string): string {
  try {
    return decodeURIComponent(new URL(url).password);
  } catch {
    return '';
  }
}

export async function schemaVersion(db: Db): Promise<number> {
  const row = await db.selectFrom('schema_migrations').select((eb) => eb.fn.max('version').as('version')).executeTakeFirst();
  return Number(row?.version ?? 0);
}

/** Any number to identify the migration lock among PostgreSQL advisory locks. */
const MIGRATION_LOCK = 7_358_311;

export async function migrate(records: Records, migrations: readonly Migration[]): Promise<void> {
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) throw new Error(`migration ${index} must have version ${index + 1}`);
  });
  const { engine } = records;
  for (const migration of migrations) {
    // Each migration runs under the database's write lock (BEGIN IMMEDIATE, or an advisory lock), so
    // two servers starting together cannot both apply it; the version is re-read under that lock.
    await records.db.connection().execute(async (conn) => {
      await (engine === 'sqlite' ? sql`BEGIN IMMEDIATE` : sql`BEGIN`).execute(conn);
      try {
        if (engine === 'postgres') await sql`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})`.execute(conn);
        await sql`CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)`.execute(conn);
        if ((await schemaVersion(conn)) < migration.version) {
          await migration.up(conn, engine);
          await conn.insertInto('schema_migrations').values({ version: migration.version, name: migration.name, applied_at: Date.now() }).execute();
        }
        await sql`COMMIT`.execute(conn);
      } catch (error) {
        await sql`ROLLBACK`.execute(conn).catch(() => undefined);
        throw error;
      }
    });
  }
  const current = await schemaVersion(records.db);
  // A database written by a newer server must not be used (and silently corrupted) by an older one.
  if (current > migrations.length) throw new Error(`database schema version ${current} is newer than this server (${migrations.length})`);
}
