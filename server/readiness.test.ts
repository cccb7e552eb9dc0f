import { describe, expect, it } from 'vitest';
import { checkReadiness } from './readiness';

describe('readiness', () => {
  it('is ready when every check passes; off dependencies never fail it', async () => {
    expect(await checkReadiness([{ name: 'database', check: () => Promise.resolve() }], ['redis'])).toEqual({ ready: true, dependencies: { redis: 'off', database: 'ok' } });
  });

  it('a check that throws or hangs past its time is down', async () => {
    const report = await checkReadiness(
      [
        { name: 'redis', check: () => new Promise<void>(() => undefined) },
        { name: 'database', check: () => Promise.reject(new Error('refused')) },
        { name: 'mail', check: () => Promise.resolve() },
      ],
      [],
      30,
    );
    expect(report).toEqual({ ready: false, dependencies: { redis: 'down', database: 'down', mail: 'ok' } });
  });
});
