/**
 * Test helper: a real PostgreSQL 15 on a free loopback port in a throwaway directory, one per
 * test file. PostgreSQL refuses to run as root, so under root (CI) its programs run as the
 * `postgres` user. Missing binaries fail the tests with a clear message: CI installs `postgresql`.
 * Used only by *.test.ts.
 */
import { execFile } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { freePort } from './free-port';

const run = promisify(execFile);
export const POSTGRES_BIN = process.env.POSTGRES_BIN ?? '/usr/lib/postgresql/15/bin';

export interface TestPostgres {
  /** postgres://postgres@127.0.0.1:port/postgres */
  readonly url: string;
  readonly port: number;
  /** A fresh, empty database on this server (so each test starts clean); resolves with its URL. */
  createDatabase(): Promise<string>;
  /** Stops the server (fast shutdown) keeping its data, to simulate an outage. */
  pause(): Promise<void>;
  /** Starts it again on the same port. */
  resume(): Promise<void>;
  stop(): Promise<void>;
}


/** Runs one PostgreSQL program, as the `postgres` user when we are root. */
async function pgProgram(program: string, args: string[]): Promise<void> {
  const file = path.join(POSTGRES_BIN, program);
  const asRoot = process.getuid?.() === 0;
  const [cmd, argv] = asRoot ? ['setpriv', ['--reuid=postgres', '--regid=postgres', '--init-groups', file, ...args]] : [file, args];
  await run(cmd, argv, { timeout: 60_000, cwd: tmpdir() });
}

let counter = 0;

export async function startPostgres(): Promise<TestPostgres> {
  if (!existsSync(path.join(POSTGRES_BIN, 'initdb'))) {
    throw new Error(`PostgreSQL 15 is not installed (no ${POSTGRES_BIN}/initdb): install Debian's postgresql package, or set POSTGRES_BIN`);
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'tandem-pg-'));
  // The postgres user must be able to write here (it also holds the server's socket).
  chmodSync(dir, 0o777);
  const data = path.join(dir, 'pg');
  const port = await freePort();
  await pgProgram('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8', '--locale=C']);
  const ctl = (...args: string[]) => pgProgram('pg_ctl', ['-D', data, ...args]);
  const start = () => ctl('-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`, '-l', path.join(dir, 'pg.log'), '-w', 'start');
  await start();
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  let stopped = false;
  return {
    url,
    port,
    async createDatabase() {
      const name = `t${process.pid}_${(counter += 1)}`;
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${name}`);
      } finally {
        await client.end();
      }
      return `postgres://postgres@127.0.0.1:${port}/${name}`;
    },
    pause: () => ctl('-m', 'fast', '-w', 'stop'),
    resume: start,
    async stop() {
      if (stopped) return;
      stopped = true;
      await ctl('-m', 'immediate', '-w', 'stop').catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
