import { describe, expect, it } from 'vitest';
import { createCode, randomSessionCode, redeemCode, type PairingDeps } from './pairing';
import { MemoryPairingStore } from './pairing-store';
import { MemoryThrottleStore } from './throttle';

function deps(codes: string[] = []): PairingDeps {
  const queue = [...codes];
  return {
    pairing: new MemoryPairingStore(),
    throttle: new MemoryThrottleStore(),
    now: () => 1000,
    codeTtlMs: 60_000,
    randomCode: () => queue.shift() ?? randomSessionCode(),
  };
}

describe('session codes', () => {
  it('draws 9-digit codes, leading zeros included', () => {
    for (let i = 0; i < 200; i += 1) expect(randomSessionCode()).toMatch(/^\d{9}$/);
  });

  it('retries when the lookup digits collide with a stored code', async () => {
    const d = deps(['123400001', '123409999', '555500000']);
    expect((await createCode(d, 'Alice'))?.code).toBe('123400001');
    // Same first five digits as the first code: drawn again.
    expect((await createCode(d, 'Bob'))?.code).toBe('555500000');
  });

  it('gives up (null) when no free lookup is found', async () => {
    const d = deps(Array<string>(30).fill('123400001'));
    await createCode(d, 'Alice');
    expect(await createCode(d, 'Bob')).toBeNull();
  });

  it('claims a code for exactly one of two simultaneous correct joins', async () => {
    const d = deps(['123456789']);
    await createCode(d, 'Alice');
    const outcomes = await Promise.all([redeemCode(d, 'a', '123456789'), redeemCode(d, 'b', '123456789')]);
    expect(outcomes.filter((outcome) => outcome.ok)).toHaveLength(1);
    expect(outcomes.find((outcome) => !outcome.ok)).toMatchObject({ error: 'used-code' });
  });
});

describe('MemoryPairingStore', () => {
  it('hands out copies, never its own records', async () => {
    const store = new MemoryPairingStore();
    const record = { lookup: '1234', secret: '56789', consultantName: 'A', createdAt: 0, expiresAt: 10, used: false, wrongTries: 0 };
    expect(await store.insert(record)).toBe(true);
    expect(await store.insert({ ...record, secret: '00000' })).toBe(false);
    const copy = await store.get('1234');
    (copy as { used: boolean }).used = true;
    expect((await store.get('1234'))?.used).toBe(false);
    expect(await store.recordWrongTry('1234')).toBe(1);
    expect(await store.recordWrongTry('9999')).toBe(0);
    expect(await store.markUsed('1234')).toBe(true);
    expect(await store.markUsed('1234')).toBe(false);
    expect(await store.purgeExpired(9)).toBe(0);
    expect(await store.purgeExpired(10)).toBe(1);
    expect(await store.get('1234')).toBeUndefined();
  });
});
