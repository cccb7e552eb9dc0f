import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../shared/log';
import { createAnonymousAuditPurge } from './anonymous-retention';

describe('retention of anonymous audit entries', () => {
  it('deletes entries older than the retention, at most once an hour', async () => {
    const cutoffs: number[] = [];
    const purge = createAnonymousAuditPurge({ purgeAnonymous: (cutoff) => (cutoffs.push(cutoff), Promise.resolve(0)) }, 1000, silentLogger);
    await purge(10_000);
    await purge(10_000 + 59 * 60_000);
    await purge(10_000 + 60 * 60_000);
    expect(cutoffs).toEqual([9_000, 10_000 + 60 * 60_000 - 1000]);
  });
});
