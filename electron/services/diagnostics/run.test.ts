import { describe, expect, it } from 'vitest';
import { CHECK_IDS, diagnosticsReportSchema } from '../../../shared/diagnostics';
import { outcome, say, type CheckDefinition } from './check';
import { CHECKS } from './registry';
import { rerunCheck, runDiagnostics } from './run';
import { config, fakeContext } from './test-fixtures';

describe('runDiagnostics', () => {
  it('registers exactly one check per known id', () => {
    expect(CHECKS.map((c) => c.id).sort()).toEqual([...CHECK_IDS].sort());
  });

  it('runs every check against fakes and returns a schema-valid report', async () => {
    const seen: string[] = [];
    const report = await runDiagnostics(config(), fakeContext(), { onResult: (r) => seen.push(r.id) });
    expect(diagnosticsReportSchema.parse(report).results).toHaveLength(CHECK_IDS.length);
    expect(seen.sort()).toEqual([...CHECK_IDS].sort());
    expect(report.results[0]?.id).toBe('network.server');
  });

  it('reports checks not started before the deadline as unknown instead of waiting', async () => {
    let clock = 0;
    const slow: CheckDefinition = {
      id: 'system.cpu',
      category: 'system',
      run: () => {
        clock += 5_000; // Each check "takes" 5 s on the fake clock.
        return Promise.resolve(outcome('ok', say('ok', 'ok'), ''));
      },
    };
    const checks = [slow, { ...slow, id: 'system.memory' as const }, { ...slow, id: 'system.os' as const }];
    const ctx = fakeContext({ now: () => clock, timeouts: { ...fakeContext().timeouts, runMs: 8_000 } });
    const report = await runDiagnostics(config(), ctx, { checks, concurrency: 1 });
    expect(report.results.map((r) => r.status)).toEqual(['ok', 'ok', 'unknown']);
    expect(report.results[2]?.detail).toBe('not started before the run deadline');
  });

  it('re-runs one check by id and refuses unknown ids', async () => {
    expect((await rerunCheck('system.memory', config(), fakeContext())).id).toBe('system.memory');
    await expect(rerunCheck('rm -rf /', config(), fakeContext())).rejects.toThrow('unknown check id');
  });
});
