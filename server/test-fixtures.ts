/** Test helper: servers on temp SQLite files with an organisation and accounts. Used only by *.test.ts and the hostile-load bench (bench/hostile.bench.ts). */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import { silentLogger } from '../shared/log';
import type { Role } from '../shared/accounts';
import { DbAccountStore } from './accounts/account-store';
import { hashPassword } from './accounts/password';
import { openRecords } from './db/database';
import { startSignalingServer, type SignalingServer, type SignalingServerOptions } from './signaling-server';
import { manualClock, TestClient } from './test-client';

export const PASSWORD = 'correct horse battery staple';

export interface Account {
  id: number;
  email: string;
  name: string;
  role: Role;
}

export function tempDbPath(): { file: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'tandem-db-'));
  return { file: path.join(dir, 'tandem.sqlite'), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Seeds an organisation (slug `acme`, name "Acme IT") and accounts directly in the database (a SQLite file or a postgres:// URL). */
export async function seed(file: string, people: { email: string; name: string; role?: Role }[], org = { slug: 'acme', name: 'Acme IT' }): Promise<Account[]> {
  const records = await openRecords(file);
  try {
    const accounts = new DbAccountStore(records);
    const organisation = (await accounts.organisationBySlug(org.slug)) ?? (await accounts.createOrganisation(org.slug, org.name, Date.now()));
    const passwordHash = await hashPassword(PASSWORD);
    const created: Account[] = [];
    for (const p of people) {
      const c = await accounts.createConsultant({ orgId: organisation.id, email: p.email, name: p.name, role: p.role ?? 'consultant', passwordHash }, Date.now());
      created.push({ id: c.id, email: c.email, name: c.name, role: c.role });
    }
    return created;
  } finally {
    await records.close();
  }
}

/** A server on `file` with a manual clock; everything is closed by `teardown`. */
export function harness() {
  const servers: SignalingServer[] = [];
  const clients: TestClient[] = [];
  const clock = manualClock();
  const start = async (options: SignalingServerOptions) => {
    const server = await startSignalingServer({ host: '127.0.0.1', port: 0, logger: silentLogger, now: clock.now, sweepIntervalMs: 50, ...options });
    servers.push(server);
    return server;
  };
  /** `from` sets X-Forwarded-For (for servers started with trustProxy) to simulate another address. */
  const client = async (server: SignalingServer, from?: string) => {
    const connected = await TestClient.ready(server.wsUrl, from === undefined ? undefined : { 'x-forwarded-for': from });
    clients.push(connected);
    return connected;
  };
  const login = async (server: SignalingServer, email: string, totp?: string) => {
    const c = await client(server);
    c.send(totp === undefined ? { type: 'auth.login', email, password: PASSWORD } : { type: 'auth.login', email, password: PASSWORD, totp });
    const ok = await c.next('auth.ok');
    return { client: c, token: ok.token ?? '', consultant: ok.consultant };
  };
  const teardown = async () => {
    await Promise.all(clients.splice(0).map((c) => c.close()));
    await Promise.all(servers.splice(0).map((s) => s.close()));
  };
  return { clock, start, client, login, teardown, servers };
}

/**
 * A fresh harness and database file for each test of the calling file, torn down after it:
 * read `env.h` and `env.db` inside tests (they change between tests).
 */
export function freshEachTest(): { readonly h: ReturnType<typeof harness>; readonly db: ReturnType<typeof tempDbPath> } {
  let h = harness();
  let db = tempDbPath();
  afterEach(async () => {
    await h.teardown();
    db.cleanup();
    h = harness();
    db = tempDbPath();
  });
  return {
    get h() {
      return h;
    },
    get db() {
      return db;
    },
  };
}
