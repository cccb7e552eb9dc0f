import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { DbAccountStore } from './accounts/account-store';
import { verifyPassword } from './accounts/password';
import { DbAuditLog } from './audit/audit-log';
import { openRecords } from './db/database';
import { harness, PASSWORD, seed, tempDbPath } from './test-fixtures';
import { useEngines } from './test-support/engines';

const run = promisify(execFile);
const engines = useEngines();
let db = tempDbPath();
afterEach(() => {
  db.cleanup();
  db = tempDbPath();
});

/** Runs the real CLI the way `npm run server:admin --` does, on a temp database. */
function cli(args: string[], password?: string, databaseUrl?: string) {
  const env = { ...process.env, DB_PATH: db.file, TANDEM_PASSWORD: password, DATABASE_URL: databaseUrl };
  if (databaseUrl === undefined) delete env.DATABASE_URL;
  if (password === undefined) delete env.TANDEM_PASSWORD;
  return run(process.execPath, ['--import', 'tsx', 'server/admin-cli.ts', ...args], { env, timeout: 30_000 });
}

describe('admin CLI', { timeout: 60_000 }, () => {
  it('creates an organisation and its first admin, with the password from the environment', async () => {
    expect((await cli(['create-org', 'Acme IT'])).stdout).toBe('Created organisation "Acme IT" (slug acme-it).\n');
    const created = await cli(['create-admin', '--org', 'acme-it', '--email', 'Ada@Acme.example', '--name', 'Ada Admin'], 'a long enough password');
    expect(created.stdout).toBe('Created admin Ada Admin <ada@acme.example> in "Acme IT".\n');
    await expect(cli(['create-consultant', '--org', 'acme-it', '--email', 'bob@acme.example', '--name', 'Bob'], 'short')).rejects.toMatchObject({
      stderr: 'The password must have at least 12 characters.\n',
    });

    const handle = await openRecords(db.file);
    try {
      const admin = await new DbAccountStore(handle).consultantByEmail('ada@acme.example');
      expect(admin).toMatchObject({ name: 'Ada Admin', role: 'admin', totpSecret: null });
      expect(await verifyPassword('a long enough password', admin?.passwordHash ?? '')).toBe(true);
      const trail = await new DbAuditLog(handle).query(1, {}, 10);
      expect(trail.map((e) => [e.type, e.actor])).toEqual([
        ['account.created', 'admin-cli'],
        ['organisation.created', 'admin-cli'],
      ]);
    } finally {
      await handle.close();
    }
  });

  it('refuses unknown organisations and duplicate accounts', async () => {
    await cli(['create-org', 'Acme IT', '--slug', 'acme']);
    await expect(cli(['create-admin', '--org', 'nope', '--email', 'a@b.c', '--name', 'A'], 'a long enough password')).rejects.toMatchObject({ stderr: 'No organisation with slug "nope".\n' });
    await cli(['create-consultant', '--org', 'acme', '--email', 'a@b.c', '--name', 'A'], 'a long enough password');
    await expect(cli(['create-admin', '--org', 'acme', '--email', 'A@b.c', '--name', 'A'], 'a long enough password')).rejects.toMatchObject({ stderr: 'An account for a@b.c exists already.\n' });
    await expect(cli(['reset-totp', '--email', 'nobody@b.c'])).rejects.toMatchObject({ stderr: 'No account for nobody@b.c.\n' });
  });

  it('turns a consultant’s two-step sign-in off after a lost phone, and records it', async () => {
    await cli(['create-org', 'Acme IT', '--slug', 'acme']);
    await cli(['create-consultant', '--org', 'acme', '--email', 'bob@acme.example', '--name', 'Bob'], 'a long enough password');
    const handle = await openRecords(db.file);
    try {
      const accounts = new DbAccountStore(handle);
      const bob = await accounts.consultantByEmail('bob@acme.example');
      await accounts.setTotpPending(bob?.id ?? 0, 'A'.repeat(32));
      await accounts.activateTotp(bob?.id ?? 0, 1);
      expect((await accounts.consultantByEmail('bob@acme.example'))?.totpSecret).toBe('A'.repeat(32));
      await accounts.createAuthSession('h'.repeat(43), bob?.id ?? 0, Date.now(), Date.now() + 60_000);
      expect((await cli(['reset-totp', '--email', 'bob@acme.example'])).stdout).toBe(
        'Two-step sign-in is off for Bob <bob@acme.example>, who is signed out everywhere; they can turn it on again after signing in.\n',
      );
      expect((await accounts.consultantByEmail('bob@acme.example'))?.totpSecret).toBeNull();
      expect(await accounts.authSession('h'.repeat(43), Date.now())).toBeUndefined();
      expect((await new DbAuditLog(handle).query(1, { type: 'totp.reset' }, 10)).map((e) => [e.actor, e.consultantId])).toEqual([['admin-cli', bob?.id]]);
    } finally {
      await handle.close();
    }
  });

  it('unlock: a running server starts the account’s sign-in delays from zero, and the trail shows it', async () => {
    await seed(db.file, [{ email: 'bob@acme.example', name: 'Bob' }]);
    const h = harness();
    try {
      const server = await h.start({ dbPath: db.file, trustProxy: true });
      const login = async (from: string, password: string) => (await h.client(server, from)).expectError({ type: 'auth.login', email: 'bob@acme.example', password });
      for (let i = 1; i <= 5; i += 1) await login(`10.0.0.${i}`, 'wrong');
      // On guard from the failures elsewhere: Bob (no second factor) cannot sign in with his password alone.
      expect((await login('192.0.2.1', PASSWORD)).code).toBe('totp-required');
      await expect(cli(['unlock', 'nobody@acme.example'])).rejects.toMatchObject({ stderr: 'No account for nobody@acme.example.\n' });
      expect((await cli(['unlock', 'bob@acme.example'])).stdout).toBe('Sign-in delays for Bob <bob@acme.example> start again from zero. Delays on the addresses that failed stay.\n');
      const bob = await h.client(server, '192.0.2.1');
      bob.send({ type: 'auth.login', email: 'bob@acme.example', password: PASSWORD });
      await bob.next('auth.ok');
      const handle = await openRecords(db.file);
      try {
        expect((await new DbAuditLog(handle).query(1, { type: 'account.unlocked' }, 10)).map((e) => [e.actor, e.consultantId])).toEqual([['admin-cli', 1]]);
      } finally {
        await handle.close();
      }
    } finally {
      await h.teardown();
    }
  });

  it('works on PostgreSQL when DATABASE_URL is set, like the server', async () => {
    const url = await (await engines.postgres()).createDatabase();
    await cli(['create-org', 'Acme IT', '--slug', 'acme'], undefined, url);
    await cli(['create-admin', '--org', 'acme', '--email', 'ada@acme.example', '--name', 'Ada'], 'a long enough password', url);
    expect((await cli(['list-orgs'], undefined, url)).stdout).toBe('acme\tAcme IT\n');
    // Nothing went to the SQLite file.
    expect((await cli(['list-orgs'])).stdout).toBe('(no organisations)\n');
    const records = await engines.open('postgres', url);
    expect((await new DbAuditLog(records).query(1, {}, 10)).map((e) => e.type)).toEqual(['account.created', 'organisation.created']);
  });
});
