import { describe, expect, it } from 'vitest';
import { checkResultSchema } from '../../../shared/diagnostics';
import { outcome, runCheck, say, type CheckDefinition } from './check';
import { config, fakeContext } from './test-fixtures';

const check = (run: CheckDefinition['run'], timeoutMs?: number): CheckDefinition => ({ id: 'system.cpu', category: 'system', run, ...(timeoutMs ? { timeoutMs } : {}) });

describe('runCheck', () => {
  it('turns a check that never settles into unknown "timed out" and aborts its signal', async () => {
    let signal: AbortSignal | undefined;
    const result = await runCheck(
      check((ctx) => {
        signal = ctx.signal;
        return new Promise(() => {});
      }, 20),
      config(),
      fakeContext(),
    );
    expect(result).toMatchObject({ status: 'unknown', detail: 'timed out after 20 ms' });
    expect(signal?.aborted).toBe(true);
  });

  it('turns an exception into unknown with the reason', async () => {
    const result = await runCheck(check(() => Promise.reject(new Error('boom'))), config(), fakeContext());
    expect(result).toMatchObject({ status: 'unknown', detail: 'check failed: boom' });
  });

  it('turns a synchronous throw into unknown too', async () => {
    const result = await runCheck(
      check(() => {
        throw new Error('sync');
      }),
      config(),
      fakeContext(),
    );
    expect(result.status).toBe('unknown');
  });

  it('never exceeds the run budget given by the caller', async () => {
    const result = await runCheck(check(() => new Promise(() => {}), 60_000), config(), fakeContext(), 10);
    expect(result.detail).toBe('timed out after 10 ms');
  });

  it('bounds detail and drops oversized data, keeping the result valid', async () => {
    const result = await runCheck(check(() => Promise.resolve(outcome('ok', say('fine', 'bien'), 'd'.repeat(10_000), { big: 'x'.repeat(10_000) }))), config(), fakeContext());
    expect(checkResultSchema.parse(result).data).toBeUndefined();
    expect(result.detail.length).toBeLessThanOrEqual(2000);
    expect(result.detail).toMatch(/^\(data omitted/);
  });
});
