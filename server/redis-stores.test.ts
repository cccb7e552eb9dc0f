import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCode, MAX_WRONG_TRIES, redeemCode, type PairingDeps } from './pairing';
import { RedisPairingStore } from './redis-pairing-store';
import { createCreateBudget } from './create-budget';
import { createGuessBudget } from './guess-budget';
import { RedisThrottleStore } from './redis-throttle-store';
import { NETWORK_THROTTLE_POLICY } from './throttle';
import { RedisWindowCounter } from './window-counter';
import { startRedis } from './test-support/redis';
import { manualClock } from './test-client';

/** The Redis stores against a real redis-server, each "instance" on its own connection. */
let redis: Awaited<ReturnType<typeof startRedis>>;
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await redis.stop();
});

const clock = manualClock();
let prefix = '';
function instances(count: number): PairingDeps[] {
  prefix = `p${Math.random().toString(36).slice(2)}:`;
  return Array.from({ length: count }, () => {
    const connection = redis.connect();
    return { pairing: new RedisPairingStore(connection, { prefix, retentionMs: 60_000, now: clock.now }), throttle: new RedisThrottleStore(connection, `${prefix}throttle:`), now: clock.now, codeTtlMs: 60_000 };
  });
}

describe('RedisPairingStore', () => {
  it('a code created on A is redeemed on B, once', async () => {
    const [a, b] = instances(2);
    if (!a || !b) throw new Error('two instances');
    const created = await createCode(a, 'Alice');
    if (!created) throw new Error('no code');
    expect(await b.pairing.insert({ lookup: created.lookup, secret: 'x', consultantName: 'Eve', createdAt: 0, expiresAt: 1, used: false, wrongTries: 0 })).toBe(false);
    expect(await redeemCode(b, '1.1.1.1', created.code)).toEqual({ ok: true, lookup: created.lookup, consultantName: 'Alice' });
    expect(await redeemCode(a, '1.1.1.2', created.code)).toMatchObject({ ok: false, error: 'used-code' });
  });

  it('counts wrong tries atomically across instances', async () => {
    const [a, b] = instances(2);
    if (!a || !b) throw new Error('two instances');
    const created = await createCode(a, 'Alice');
    if (!created) throw new Error('no code');
    const counts = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 === 0 ? a : b).pairing.recordWrongTry(created.lookup)));
    expect(counts.sort((x, y) => x - y)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(await a.pairing.recordWrongTry('0000')).toBe(0);
    expect(MAX_WRONG_TRIES).toBe(5);
  });

  it('of simultaneous claims on A and B exactly one wins', async () => {
    const [a, b] = instances(2);
    if (!a || !b) throw new Error('two instances');
    const created = await createCode(a, 'Alice');
    if (!created) throw new Error('no code');
    const claims = await Promise.all(Array.from({ length: 8 }, (_, i) => (i % 2 === 0 ? a : b).pairing.markUsed(created.lookup)));
    expect(claims.filter(Boolean)).toHaveLength(1);
  });

  it('a code at the wrong-try limit cannot be claimed, even before it is deleted', async () => {
    const [a, b] = instances(2);
    if (!a || !b) throw new Error('two instances');
    const created = await createCode(a, 'Alice');
    if (!created) throw new Error('no code');
    for (let i = 0; i < MAX_WRONG_TRIES; i += 1) await a.pairing.recordWrongTry(created.lookup);
    expect(await b.pairing.markUsed(created.lookup)).toBe(false);
  });

  it('keeps a record until its retention after expiry, as an expiring key', async () => {
    const [a] = instances(1);
    if (!a) throw new Error('one instance');
    const created = await createCode(a, 'Alice');
    if (!created) throw new Error('no code');
    const pttl = await redis.connect().pttl(`${prefix}pair:${created.lookup}`);
    expect(pttl).toBeGreaterThan(110_000);
    expect(pttl).toBeLessThanOrEqual(120_000);
  });
});

describe('RedisThrottleStore', () => {
  it('counts one address’s failures across instances and forgets after the quiet period', async () => {
    const [a, b] = instances(2);
    if (!a || !b) throw new Error('two instances');
    for (const store of [a, b, a, b]) await store.throttle.recordFailure('9.9.9.9', 0);
    expect(await a.throttle.check('9.9.9.9', 500)).toEqual({ allowed: false, retryAfterMs: 1500, failures: 4 });
    expect(await b.throttle.check('9.9.9.9', 500)).toEqual({ allowed: false, retryAfterMs: 1500, failures: 4 });
    expect(await b.throttle.check('9.9.9.8', 500)).toMatchObject({ allowed: true, retryAfterMs: 0 });
    await a.throttle.recordFailure('9.9.9.9', 15 * 60 * 1000);
    // Quiet for 15 minutes: the count started again at one.
    expect(await b.throttle.check('9.9.9.9', 15 * 60 * 1000)).toMatchObject({ allowed: true, retryAfterMs: 0 });
  });
});

describe('RedisWindowCounter', () => {
  it('counts across instances, per window, and its keys expire by themselves', async () => {
    const namespace = `w${Math.random().toString(36).slice(2)}:`;
    const a = new RedisWindowCounter(redis.connect(), namespace);
    const b = new RedisWindowCounter(redis.connect(), namespace);
    expect(await a.add('k', 1000, 10_500)).toEqual({ count: 1, resetAt: 11_000 });
    expect(await b.add('k', 1000, 10_900)).toEqual({ count: 2, resetAt: 11_000 });
    expect(await a.addAll(['k', 'j'], 1000, 10_950)).toEqual([
      { count: 3, resetAt: 11_000 },
      { count: 1, resetAt: 11_000 },
    ]);
    expect(await b.add('k', 1000, 11_000)).toEqual({ count: 1, resetAt: 12_000 });
    const connection = redis.connect();
    const keys = await connection.keys(`${namespace}*`);
    expect(keys).toHaveLength(3);
    for (const key of keys) expect(await connection.pttl(key)).toBeGreaterThan(0);
  });

  it('shares the create budget of one account between instances', async () => {
    const namespace = `c${Math.random().toString(36).slice(2)}:`;
    const policy = { perWindow: 1, perAccount: 2, windowMs: 60_000 };
    const [a, b] = [createCreateBudget(policy, new RedisWindowCounter(redis.connect(), namespace)), createCreateBudget(policy, new RedisWindowCounter(redis.connect(), namespace))];
    const outcomes = [];
    for (const budget of [a, b, a, b]) outcomes.push((await budget.take({ address: '203.0.113.7', accountId: '42' }, 0)).allowed);
    expect(outcomes).toEqual([true, true, false, false]);
  });

  it('spends the guess budget for every instance when the wrong guesses are spread over them', async () => {
    const [a, b] = instances(2);
    if (!a || !b) throw new Error('two instances');
    const namespace = `g${Math.random().toString(36).slice(2)}:`;
    const brakes = [a, b].map((instance) => {
      const guessBudget = createGuessBudget({ perSecond: 3 }, new RedisWindowCounter(redis.connect(), namespace));
      const networkThrottle = new RedisThrottleStore(redis.connect(), `${prefix}net:`, NETWORK_THROTTLE_POLICY);
      return { ...instance, guessBudget, networkThrottle };
    });
    const [onA, onB] = brakes;
    if (!onA || !onB) throw new Error('two instances');
    await redeemCode(onA, '10.1.0.1', '000000001');
    await redeemCode(onB, '10.2.0.1', '000000002');
    await redeemCode(onA, '10.3.0.1', '000000003');
    // A has seen the third wrong guess (spent); B learns it with its next failure.
    await redeemCode(onB, '10.4.0.1', '000000004');
    expect(await redeemCode(onA, '10.1.0.1', '000000005')).toMatchObject({ error: 'too-many-attempts', by: 'server' });
    expect(await redeemCode(onB, '10.2.0.1', '000000006')).toMatchObject({ error: 'too-many-attempts', by: 'server' });
  });
});
