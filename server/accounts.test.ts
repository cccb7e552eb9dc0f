import { describe, expect, it } from 'vitest';
import { DbAccountStore } from './accounts/account-store';
import { newTotpSecret, totpAt, totpStep, TOTP_STEP_MS } from './accounts/totp';
import { openRecords } from './db/database';
import { freshEachTest, PASSWORD, seed } from './test-fixtures';

const env = freshEachTest();

async function setup() {
  await seed(env.db.file, [
    { email: 'ada@acme.example', name: 'Ada Admin', role: 'admin' },
    { email: 'bob@acme.example', name: 'Bob' },
  ]);
  return env.h.start({ dbPath: env.db.file });
}

describe('password login', () => {
  it('logs in, resumes with the token on another socket, and logout revokes it everywhere', async () => {
    const server = await setup();
    const { token, consultant } = await env.h.login(server, 'Ada@Acme.example ');
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(consultant).toEqual({ id: 1, name: 'Ada Admin', email: 'ada@acme.example', role: 'admin', organisation: { slug: 'acme', name: 'Acme IT' }, totpEnabled: false });
    const second = await env.h.client(server);
    second.send({ type: 'auth.resume', token });
    expect((await second.next('auth.ok')).token).toBeUndefined();
    second.send({ type: 'auth.logout' });
    await second.next('auth.logged-out');
    const third = await env.h.client(server);
    expect((await third.expectError({ type: 'auth.resume', token })).code).toBe('unauthorized');
  });

  it('answers unknown accounts and wrong passwords alike', async () => {
    const server = await setup();
    const c = await env.h.client(server);
    const unknown = await c.expectError({ type: 'auth.login', email: 'nobody@acme.example', password: PASSWORD });
    const wrong = await c.expectError({ type: 'auth.login', email: 'bob@acme.example', password: 'nope' });
    expect(unknown).toEqual(wrong);
    expect(wrong.code).toBe('invalid-credentials');
  });

  it('expires tokens', async () => {
    const server = await env.h.start({ dbPath: env.db.file, authTokenTtlMs: 60_000 });
    await seed(env.db.file, [{ email: 'bob@acme.example', name: 'Bob' }]);
    const { token } = await env.h.login(server, 'bob@acme.example');
    env.h.clock.advance(60_000);
    const c = await env.h.client(server);
    expect((await c.expectError({ type: 'auth.resume', token })).code).toBe('unauthorized');
  });
});

describe('login throttling', () => {
  it('puts the account on guard after failures from many addresses, without refusing a clean address its sign-in', async () => {
    await seed(env.db.file, [{ email: 'bob@acme.example', name: 'Bob' }]);
    const server = await env.h.start({ dbPath: env.db.file, trustProxy: true });
    let n = 0;
    const attempt = async () => (await env.h.client(server, `10.0.0.${(n += 1)}`)).expectError({ type: 'auth.login', email: 'bob@acme.example', password: 'wrong' });
    for (let i = 0; i < 3; i += 1) expect((await attempt()).code).toBe('invalid-credentials');
    // On guard: a fresh address is asked for password and code together, and nothing is checked without the code.
    expect((await attempt()).code).toBe('totp-required');
    // Bob has no second factor: on guard, even his right password does not sign in until the account-wide delay passes.
    const c = await env.h.client(server, '10.0.1.1');
    expect((await c.expectError({ type: 'auth.login', email: 'bob@acme.example', password: PASSWORD, totp: '000000' })).code).toBe('invalid-credentials');
    env.h.clock.advance(1000);
    c.send({ type: 'auth.login', email: 'bob@acme.example', password: PASSWORD });
    await c.next('auth.ok');
  });

  it('grows the delay per address across accounts', async () => {
    const server = await setup();
    const c = await env.h.client(server);
    for (let i = 0; i < 3; i += 1) expect((await c.expectError({ type: 'auth.login', email: `x${i}@acme.example`, password: 'wrong' })).code).toBe('invalid-credentials');
    expect(await c.expectError({ type: 'auth.login', email: 'ada@acme.example', password: PASSWORD })).toMatchObject({ code: 'too-many-attempts', retryAfterMs: 1000 });
  });

  it('counts a burst of parallel attempts one by one', async () => {
    const server = await setup();
    const c = await env.h.client(server);
    for (let i = 0; i < 6; i += 1) c.send({ type: 'auth.login', email: 'bob@acme.example', password: 'wrong' });
    const codes = [];
    for (let i = 0; i < 6; i += 1) codes.push((await c.next('error')).code);
    expect(codes).toEqual(['invalid-credentials', 'invalid-credentials', 'invalid-credentials', 'too-many-attempts', 'too-many-attempts', 'too-many-attempts']);
  });
});

describe('TOTP second factor', () => {
  async function enrolled() {
    const server = await setup();
    const { client } = await env.h.login(server, 'bob@acme.example');
    // Another sign-in of the same account, made with the password alone before the second factor, watching the queue.
    const { client: earlier } = await env.h.login(server, 'bob@acme.example');
    for (const watcher of [client, earlier]) {
      watcher.send({ type: 'queue.subscribe' });
      await watcher.next('queue.snapshot');
    }
    // The password is asked again: a sign-in token alone cannot put an authenticator on the account.
    expect(await client.expectError({ type: 'totp.enrol', password: 'not the password', ref: 7 })).toMatchObject({ code: 'invalid-credentials', replyTo: 'totp.enrol', ref: 7 });
    client.send({ type: 'totp.enrol', password: PASSWORD, ref: 8 });
    const { secret, uri, ref } = await client.next('totp.enrolment');
    expect(ref).toBe(8);
    expect(uri).toBe(`otpauth://totp/Tandem%20Acme%20IT:bob%40acme.example?secret=${secret}&issuer=Tandem+Acme+IT&algorithm=SHA1&digits=6&period=30`);
    // Not active until confirmed: a wrong code is refused and login still needs no code.
    expect((await client.expectError({ type: 'totp.confirm', code: '000000' === totpAt(secret, env.h.clock.now()) ? '111111' : '000000' })).code).toBe('invalid-totp');
    await env.h.login(server, 'bob@acme.example');
    client.send({ type: 'totp.confirm', code: totpAt(secret, env.h.clock.now()) });
    await client.next('totp.enabled');
    // Once on, nobody swaps the authenticator from the app (the operator's reset-totp does), and
    // the sign-in made with the password alone is over; this one goes on.
    expect(await client.expectError({ type: 'totp.enrol', password: PASSWORD })).toMatchObject({ code: 'forbidden', replyTo: 'totp.enrol' });
    // The queue goes on to this sign-in only: the earlier one is cut off at once, not at its next message.
    const user = await env.h.client(server);
    user.send({ type: 'request.submit', organisation: 'acme', category: 'software', description: 'private matter', contactName: 'Uma' });
    // (Earlier snapshots, from the subscriptions above, may still be queued.)
    let snapshot = await client.next('queue.snapshot');
    while (snapshot.items.length === 0) snapshot = await client.next('queue.snapshot');
    expect(snapshot.items[0]?.descriptionPreview).toBe('private matter');
    expect((await earlier.expectError({ type: 'queue.colleagues' })).code).toBe('unauthorized');
    expect(earlier.pending().some((m) => m.type === 'queue.snapshot' && m.items.length > 0)).toBe(false);
    // Past the quiet period that forgets the wrong password and code above (they count like failed sign-ins).
    env.h.clock.advance(16 * 60_000);
    return { server, secret };
  }

  it('requires a code once enabled and accepts a valid one', async () => {
    const { server, secret } = await enrolled();
    const c = await env.h.client(server);
    expect((await c.expectError({ type: 'auth.login', email: 'bob@acme.example', password: PASSWORD })).code).toBe('totp-required');
    const { consultant } = await env.h.login(server, 'bob@acme.example', totpAt(secret, env.h.clock.now()));
    expect(consultant.totpEnabled).toBe(true);
  });

  it('refuses a wrong code and a replayed one', async () => {
    const { server, secret } = await enrolled();
    const code = totpAt(secret, env.h.clock.now());
    const wrong = code === '123456' ? '654321' : '123456';
    const c = await env.h.client(server);
    expect((await c.expectError({ type: 'auth.login', email: 'bob@acme.example', password: PASSWORD, totp: wrong })).code).toBe('invalid-totp');
    await env.h.login(server, 'bob@acme.example', code);
    expect((await c.expectError({ type: 'auth.login', email: 'bob@acme.example', password: PASSWORD, totp: code })).code).toBe('invalid-totp');
  });

  it('throttles wrong passwords when enrolling like wrong passwords at sign-in', async () => {
    const server = await setup();
    const { client } = await env.h.login(server, 'bob@acme.example');
    let last = await client.expectError({ type: 'totp.enrol', password: 'guess 0' });
    for (let i = 1; i < 8 && last.code === 'invalid-credentials'; i++) last = await client.expectError({ type: 'totp.enrol', password: `guess ${i}` });
    expect(last).toMatchObject({ code: 'too-many-attempts', replyTo: 'totp.enrol' });
    expect(last.retryAfterMs).toBeGreaterThan(0);
    // The right password too must wait: the throttle is checked before the password; codes share it.
    expect((await client.expectError({ type: 'totp.enrol', password: PASSWORD })).code).toBe('too-many-attempts');
    expect(await client.expectError({ type: 'totp.confirm', code: '123456' })).toMatchObject({ code: 'too-many-attempts', replyTo: 'totp.confirm' });
  });

  it('accepts one step either side and nothing further', async () => {
    const { server, secret } = await enrolled();
    const c = await env.h.client(server);
    const at = (offset: number) => totpAt(secret, env.h.clock.now() + offset * TOTP_STEP_MS);
    expect((await c.expectError({ type: 'auth.login', email: 'bob@acme.example', password: PASSWORD, totp: at(-2) })).code).toBe('invalid-totp');
    expect((await c.expectError({ type: 'auth.login', email: 'bob@acme.example', password: PASSWORD, totp: at(2) })).code).toBe('invalid-totp');
    env.h.clock.advance(10 * 60_000); // past the throttle delays those failures caused
    await env.h.login(server, 'bob@acme.example', at(-1));
    await env.h.login(server, 'bob@acme.example', at(1));
    // Steps only move forward: the current step's code, older than the one just used, is refused.
    expect((await c.expectError({ type: 'auth.login', email: 'bob@acme.example', password: PASSWORD, totp: at(0) })).code).toBe('invalid-totp');
  });
});

describe('bounded password checks (issue 15, weakness 6)', () => {
  it('refuses attackers beyond the bound at once and serves a real sign-in from another network while they wait', async () => {
    await seed(env.db.file, [{ email: 'bob@acme.example', name: 'Bob' }]);
    // One check runs, two may wait, one of those per /24: the flood's network cannot take both.
    const server = await env.h.start({ dbPath: env.db.file, trustProxy: true, passwordGate: { concurrency: 1, maxWaiting: 2, perPrefixWaiting: 1 } });
    const attackers = await Promise.all(Array.from({ length: 10 }, (_, i) => env.h.client(server, `10.9.9.${i + 1}`)));
    // Sent back to back: they all arrive well within the first scrypt (tens of milliseconds).
    attackers.forEach((a, i) => a.send({ type: 'auth.login', email: `x${i}@acme.example`, password: 'wrong' }));
    const replies: string[] = [];
    let realSent: Promise<unknown> | undefined;
    const real = await env.h.client(server, '192.0.2.10');
    await Promise.all(
      attackers.map(async (a) => {
        replies.push((await a.next('error')).code);
        // As soon as every refusal is in, the real consultant signs in while the two admitted attackers still hold the gate.
        if (replies.filter((code) => code === 'busy').length === attackers.length - 2 && !realSent) {
          expect(replies).not.toContain('invalid-credentials');
          real.send({ type: 'auth.login', email: 'bob@acme.example', password: PASSWORD });
          realSent = real.next('auth.ok');
        }
      }),
    );
    expect(replies.filter((code) => code === 'invalid-credentials')).toHaveLength(2);
    expect(realSent).toBeDefined();
    expect(await realSent).toMatchObject({ consultant: { email: 'bob@acme.example' } });
  });
});

describe('nobody can lock an admin out (issue 15, weakness 4)', () => {
  /** Turns the second factor on directly in the database, with a step already used (as after enrolment). */
  async function withTotp(file: string, id: number, at: number): Promise<string> {
    const records = await openRecords(file);
    try {
      const accounts = new DbAccountStore(records);
      const secret = newTotpSecret();
      await accounts.setTotpPending(id, secret);
      await accounts.activateTotp(id, totpStep(at) - 2);
      return secret;
    } finally {
      await records.close();
    }
  }

  it('lets the admin with a valid code in at once while a flood from many networks fills the password gate', async () => {
    const [ada] = await seed(env.db.file, [{ email: 'ada@acme.example', name: 'Ada Admin', role: 'admin' }]);
    const secret = await withTotp(env.db.file, ada?.id ?? 0, env.h.clock.now());
    const server = await env.h.start({ dbPath: env.db.file, trustProxy: true, passwordGate: { concurrency: 1, maxWaiting: 2, perPrefixWaiting: 1 } });
    // One network each: the per-network bound does not help here, every waiting place is taken.
    const attackers = await Promise.all(Array.from({ length: 12 }, (_, i) => env.h.client(server, `10.${i + 1}.0.1`)));
    attackers.forEach((a) => a.send({ type: 'auth.login', email: 'ada@acme.example', password: 'wrong' }));
    const refusals = attackers.map((a) => a.next('error').then((error) => error.code));
    const owner = await env.h.client(server, '192.0.2.11');
    // Sent while the first wrong password is still being hashed: every waiting place is taken.
    owner.send({ type: 'auth.login', email: 'ada@acme.example', password: PASSWORD, totp: totpAt(secret, env.h.clock.now()) });
    expect(await owner.next('auth.ok')).toMatchObject({ consultant: { email: 'ada@acme.example' } });
    expect((await Promise.all(refusals)).filter((code) => code === 'busy').length).toBeGreaterThanOrEqual(9);
  });

  it('after 12 wrong passwords from 12 addresses, the admin signs in from a fresh address with password and code', async () => {
    const [ada] = await seed(env.db.file, [{ email: 'ada@acme.example', name: 'Ada Admin', role: 'admin' }]);
    const secret = await withTotp(env.db.file, ada?.id ?? 0, env.h.clock.now());
    const server = await env.h.start({ dbPath: env.db.file, trustProxy: true });
    const codes: string[] = [];
    for (let i = 1; i <= 12; i += 1) codes.push((await (await env.h.client(server, `10.0.0.${i}`)).expectError({ type: 'auth.login', email: 'ada@acme.example', password: 'wrong' })).code);
    // The first failures are checked; once on guard, a password alone is not even checked.
    expect(codes.slice(0, 3)).toEqual(['invalid-credentials', 'invalid-credentials', 'invalid-credentials']);
    expect(new Set(codes.slice(3))).toEqual(new Set(['totp-required']));
    // While on guard, the right password with a made-up code: refused like any wrong guess, so it learns nothing.
    const guess = await env.h.client(server, '10.0.0.13');
    expect((await guess.expectError({ type: 'auth.login', email: 'ada@acme.example', password: PASSWORD, totp: totpAt(secret, env.h.clock.now()) === '000000' ? '111111' : '000000' })).code).toBe('invalid-credentials');
    // Ada, from an address with no failures: password, then code, as usual.
    const real = await env.h.client(server, '192.0.2.10');
    expect((await real.expectError({ type: 'auth.login', email: 'ada@acme.example', password: PASSWORD })).code).toBe('totp-required');
    real.send({ type: 'auth.login', email: 'ada@acme.example', password: PASSWORD, totp: totpAt(secret, env.h.clock.now()) });
    // She is told: the three checked wrong passwords and the wrong code (the unchecked attempts were not failures).
    expect(await real.next('auth.ok')).toMatchObject({ consultant: { email: 'ada@acme.example' }, failedElsewhere: 4 });
    // Counted since her last visit only: the next sign-in has nothing to report.
    env.h.clock.advance(TOTP_STEP_MS);
    const again = await env.h.client(server, '192.0.2.10');
    again.send({ type: 'auth.login', email: 'ada@acme.example', password: PASSWORD, totp: totpAt(secret, env.h.clock.now()) });
    expect((await again.next('auth.ok')).failedElsewhere).toBeUndefined();
  });

  it('still refuses an address, or an address on one account, that keeps failing', async () => {
    const [ada] = await seed(env.db.file, [{ email: 'ada@acme.example', name: 'Ada Admin', role: 'admin' }]);
    const secret = await withTotp(env.db.file, ada?.id ?? 0, env.h.clock.now());
    const server = await env.h.start({ dbPath: env.db.file, trustProxy: true });
    const attacker = await env.h.client(server, '10.0.0.1');
    for (let i = 0; i < 3; i += 1) expect((await attacker.expectError({ type: 'auth.login', email: 'ada@acme.example', password: 'wrong' })).code).toBe('invalid-credentials');
    // Even with the right password and code, the address that failed waits.
    expect((await attacker.expectError({ type: 'auth.login', email: 'ada@acme.example', password: PASSWORD, totp: totpAt(secret, env.h.clock.now()) })).code).toBe('too-many-attempts');
  });
});
