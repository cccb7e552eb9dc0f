import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { test } from '@playwright/test';
import { DbAccountStore } from '../server/accounts/account-store';
import { newTotpSecret, totpAt, totpStep } from '../server/accounts/totp';
import { openRecords } from '../server/db/database';
import { randomSessionCode } from '../server/pairing';
import { PASSWORD, seed } from '../server/test-fixtures';
import { loadAverage } from './proc';
import { distribution, recordMetrics, single } from './record';
import { LoadClient } from './server/load';
import { startServerProcess } from './server/server-process';

/**
 * The attacks of issue 15 (an outsider against the real server, every default limit on), at a
 * size one machine can generate. The load generator speaks from many addresses through
 * X-Forwarded-For, which this server believes from loopback only for this run.
 */
const ATTACK_ADDRESSES = 2000;

/** The i-th attacker address, four per /24: a spread botnet, not one network. */
const botAddress = (i: number) => `10.${Math.floor(i / 1000) + 1}.${Math.floor(i / 4) % 250}.${(i % 4) + 1}`;

async function openFrom(url: string, addresses: readonly string[], batch = 200): Promise<LoadClient[]> {
  const clients: LoadClient[] = [];
  for (let i = 0; i < addresses.length; i += batch) {
    const opened = await Promise.allSettled(addresses.slice(i, i + batch).map((from) => LoadClient.open(url, 10_000, from)));
    for (const result of opened) if (result.status === 'fulfilled') clients.push(result.value);
  }
  return clients;
}

/** Admins with two-step sign-in on (as a guarded account needs: other people's failures put it on guard); their secrets. */
async function withTotp(dbPath: string, ids: readonly number[]): Promise<string[]> {
  const records = await openRecords(dbPath);
  try {
    const accounts = new DbAccountStore(records);
    const secrets: string[] = [];
    for (const id of ids) {
      const secret = newTotpSecret();
      await accounts.setTotpPending(id, secret);
      await accounts.activateTotp(id, totpStep(Date.now()) - 2);
      secrets.push(secret);
    }
    return secrets;
  } finally {
    await records.close();
  }
}

async function createCode(client: LoadClient): Promise<string | null> {
  client.send({ type: 'session.create', consultantName: 'Bench' });
  const reply = await client.reply(['session.created', 'error']);
  return reply?.type === 'session.created' ? reply.code : null;
}

test('hostile load: codes taken, half-sent messages, distributed guessing, sign-in under attack', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'tandem-hostile-'));
  const dbPath = path.join(dir, 'records.db');
  const [, ...admins] = await seed(dbPath, [
    { email: 'real@acme.example', name: 'Real Consultant' },
    ...[1, 2, 3].map((i) => ({ email: `admin${i}@acme.example`, name: `Admin ${i}`, role: 'admin' as const })),
  ]);
  const adminSecrets = await withTotp(dbPath, admins.map((admin) => admin.id));
  const server = await startServerProcess({ hostile: true, dbPath });
  const url = `ws://127.0.0.1:${server.port}/ws`;
  const open: LoadClient[] = [];
  try {
    // ---- 1. Half-sent messages (first: RSS is compared before the other attacks have grown the heap): 1,000 sockets (5 addresses × 200, the per-address cap) each start a 60 kB message and never finish it.
    const rssBefore = await server.rss();
    const holders = await openFrom(url, Array.from({ length: 1000 }, (_, i) => `172.16.${i % 5}.1`));
    open.push(...holders);
    for (const holder of holders) holder.socket.send(Buffer.alloc(60_000, 0x20), { fin: false, binary: false });
    await sleep(2000);
    const rssHolding = await server.rss();
    const holdingAt2s = holders.filter((holder) => holder.socket.readyState === holder.socket.OPEN).length;
    // The server drops a message not finished within 10 s (WS_MESSAGE_TIMEOUT_MS).
    await sleep(10_000);
    const stillOpen = holders.filter((holder) => holder.socket.readyState === holder.socket.OPEN).length;
    holders.forEach((client) => client.close());
    open.length = 0;

    // ---- 2. Taking every code: each attacker address keeps as many codes as it may (sockets stay open).
    const takers = await openFrom(url, Array.from({ length: 500 }, (_, i) => botAddress(i)).flatMap((address) => Array<string>(80).fill(address)).slice(0, 8000));
    open.push(...takers);
    const taken = (await Promise.all(takers.map(createCode))).filter((code) => code !== null).length;
    // The real consultant signs in on each socket (one waiting code per socket) and creates 20 codes.
    let realCreated = 0;
    for (let i = 0; i < 20; i++) {
      const consultant = (await openFrom(url, ['192.0.2.10']))[0];
      if (!consultant) continue;
      consultant.send({ type: 'auth.login', email: 'real@acme.example', password: PASSWORD });
      if ((await consultant.reply(['auth.ok', 'error']))?.type === 'auth.ok' && (await createCode(consultant)) !== null) realCreated += 1;
      consultant.close();
    }
    takers.forEach((client) => client.close());
    open.length = 0;
    await sleep(1000);

    // ---- 3. Distributed guessing against 20 real waiting codes, from 2,000 addresses for 15 s.
    const waiting: LoadClient[] = [];
    const realCodes: string[] = [];
    for (let i = 0; i < 20; i++) {
      const owner = (await openFrom(url, [`192.0.2.${100 + i}`]))[0];
      const code = owner && (await createCode(owner));
      if (owner && code) {
        waiting.push(owner);
        realCodes.push(code);
      }
    }
    open.push(...waiting);
    let revokedCount = 0;
    for (const owner of waiting) void owner.reply(['session.ended'], 120_000).then((ended) => void (ended?.type === 'session.ended' && ended.reason === 'code-revoked' && (revokedCount += 1)));
    const guessers = await openFrom(url, Array.from({ length: ATTACK_ADDRESSES }, (_, i) => botAddress(i)));
    open.push(...guessers);
    const counts: Record<string, number> = {};
    const attackMs = 15_000;
    const started = performance.now();
    const guessing = guessers.map(async (guesser) => {
      while (performance.now() - started < attackMs) {
        guesser.send({ type: 'session.join', code: randomSessionCode() });
        const reply = await guesser.reply(['error', 'session.joined'], 5000);
        const outcome = reply === null ? 'no-answer' : reply.type === 'error' ? reply.code : 'joined';
        counts[outcome] = (counts[outcome] ?? 0) + 1;
        if (outcome === 'too-many-attempts' && reply?.type === 'error') await sleep(Math.min(reply.retryAfterMs ?? 1000, 2000));
      }
    });
    // Real users join five of the codes while the attack runs, each typing it for the first time.
    await sleep(5000);
    const joinLatencies: number[] = [];
    let realJoins = 0;
    for (const code of realCodes.slice(0, 5)) {
      const user = (await openFrom(url, [`198.51.100.${realJoins + 1 + joinLatencies.length}`]))[0];
      if (!user) continue;
      const at = performance.now();
      user.send({ type: 'session.join', code });
      const reply = await user.reply(['session.joined', 'error']);
      joinLatencies.push(performance.now() - at);
      if (reply?.type === 'session.joined') realJoins += 1;
      user.close();
    }
    await Promise.all(guessing);
    const attackSeconds = (performance.now() - started) / 1000;
    const evaluated = (counts['wrong-code'] ?? 0) + (counts['expired-code'] ?? 0) + (counts['used-code'] ?? 0) + (counts.joined ?? 0);
    // A revocation is announced at once; a second lets the last ones arrive.
    await sleep(1000);
    guessers.forEach((client) => client.close());
    waiting.forEach((client) => client.close());
    open.length = 0;
    await sleep(1000);

    // ---- 4. Sign-in under a password-guessing flood: 300 addresses × 3 wrong passwords at the admins at once, and their real sign-ins.
    const flooders = await openFrom(url, Array.from({ length: 300 }, (_, i) => `10.200.${Math.floor(i / 4)}.${(i % 4) + 1}`));
    open.push(...flooders);
    const flood = flooders.map(async (flooder, index) => {
      for (let i = 0; i < 3; i++) {
        flooder.send({ type: 'auth.login', email: `admin${(index % 3) + 1}@acme.example`, password: `wrong ${i}` });
        await flooder.reply(['auth.ok', 'error'], 60_000);
      }
    });
    await sleep(200);
    const signInLatencies: number[] = [];
    const signInRefusals: string[] = [];
    for (const [i, secret] of adminSecrets.entries()) {
      const real = (await openFrom(url, [`203.0.113.${i + 1}`]))[0];
      if (!real) continue;
      const at = performance.now();
      // As the person would: "the server is busy, try again in a moment" → they click again after the wait it gives.
      for (let attempt = 0; attempt < 30; attempt++) {
        real.send({ type: 'auth.login', email: `admin${i + 1}@acme.example`, password: PASSWORD, totp: totpAt(secret, Date.now()) });
        const reply = await real.reply(['auth.ok', 'error'], 60_000);
        if (reply?.type === 'auth.ok') {
          signInLatencies.push(performance.now() - at);
          break;
        }
        signInRefusals.push(reply?.type === 'error' ? reply.code : 'no-answer');
        if (reply?.type !== 'error' || reply.code !== 'busy') break;
        await sleep(reply.retryAfterMs ?? 1000);
      }
      real.close();
    }
    await Promise.all(flood);
    flooders.forEach((client) => client.close());
    open.length = 0;
    const signIn = distribution('signin', 'ms', signInLatencies);

    await recordMetrics('hostile', [
      single('hostile_real_creates_ok', 'codes', realCreated, 20, {
        details: { method: '8,000 sockets from 500 addresses (4 per /24) each create a code and keep it; then a signed-in consultant creates 20 codes', attackerCodesTaken: taken, attackerAttempts: takers.length, machineLoad1m: loadAverage() },
      }),
      single('hostile_half_sent_rss_mb', 'MB', (rssHolding - rssBefore) / 2 ** 20, holders.length, {
        details: { method: '1,000 sockets (5 addresses × 200) each send the first 60 kB fragment of a message and never finish it; server RSS after gc(), 2 s later; sockets left open 12 s later', rssBeforeMb: Math.round(rssBefore / 2 ** 20), rssHoldingMb: Math.round(rssHolding / 2 ** 20), openAfter2s: holdingAt2s, stillOpenAfter12s: stillOpen },
      }),
      single('hostile_guesses_evaluated_per_min', 'guesses/min', (evaluated / attackSeconds) * 60, evaluated, {
        details: { method: `${guessers.length} addresses (4 per /24) guess random codes as fast as answers come for 15 s; evaluated = answers other than too-many-attempts`, outcomes: counts, seconds: Math.round(attackSeconds * 10) / 10 },
      }),
      single('hostile_guesses_per_address', 'guesses', evaluated / Math.max(1, guessers.length), guessers.length, {
        details: { method: 'evaluated guesses / attacking addresses over the same 15 s (one address got about 6 in 15 s before the brakes)' },
      }),
      single('hostile_real_codes_revoked', 'codes', revokedCount, realCodes.length, {
        details: { method: '20 real waiting codes during the distributed guessing; revoked = their consultant told code-revoked', realJoinsDuringAttack: realJoins, realJoinAttempts: Math.min(5, realCodes.length), realJoinMs: joinLatencies.map(Math.round) },
      }),
      single('hostile_real_joins_ok', 'joins', realJoins, Math.min(5, realCodes.length), { details: { method: 'real users, fresh addresses, join 5 real codes while the distributed guessing runs', realJoinMs: joinLatencies.map(Math.round) } }),
      single('hostile_signin_ms', 'ms', signIn.p50 ?? Number.NaN, signInLatencies.length, {
        p50: signIn.p50, p95: signIn.p95, p99: signIn.p99,
        details: { method: '300 addresses × 3 wrong passwords at 3 admins at once; meanwhile each admin signs in (password and code) from a fresh network, one after another, trying again after the wait a busy answer gives; first send → auth.ok', samplesMs: signInLatencies.map(Math.round), refused: signInRefusals },
      }),
    ]);
  } finally {
    open.forEach((client) => client.close());
    await server.stop();
    await rm(dir, { recursive: true, force: true });
  }
});
