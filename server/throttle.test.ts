import { describe, expect, it } from 'vitest';
import { delayAfterFailures, MemoryThrottleStore } from './throttle';

describe('throttle policy', () => {
  it('is free for three failures, then doubles from 1 s up to 5 min', () => {
    expect([0, 1, 2, 3, 4, 5, 6].map((failures) => delayAfterFailures(failures))).toEqual([0, 0, 0, 1000, 2000, 4000, 8000]);
    expect(delayAfterFailures(11)).toBe(256_000);
    expect(delayAfterFailures(12)).toBe(300_000);
    expect(delayAfterFailures(10_000)).toBe(300_000);
  });

  it('measures the wait from the last failure and forgets after 15 quiet minutes', async () => {
    const store = new MemoryThrottleStore();
    for (let i = 0; i < 4; i += 1) await store.recordFailure('a', 0);
    expect(await store.check('a', 500)).toEqual({ allowed: false, retryAfterMs: 1500, failures: 4 });
    expect(await store.check('b', 500)).toMatchObject({ allowed: true, retryAfterMs: 0 });
    expect(await store.check('a', 2000)).toMatchObject({ allowed: true, retryAfterMs: 0 });
    await store.recordFailure('a', 14 * 60 * 1000);
    // Not forgotten: the last failure was recent, so the count went on to 5.
    expect(await store.check('a', 14 * 60 * 1000 + 3999)).toMatchObject({ allowed: false, retryAfterMs: 1 });
    await store.recordFailure('a', 29 * 60 * 1000);
    expect(await store.check('a', 29 * 60 * 1000)).toMatchObject({ allowed: true, retryAfterMs: 0 });
  });
});
