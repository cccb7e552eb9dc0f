import { describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../../shared/log';
import { MAX_REPORT_HISTORY, type SessionReport } from '../../shared/report';
import { createMemoryReportHistoryBackend, createReportHistory } from './report-history';

function report(n: number, patch: Partial<SessionReport> = {}): SessionReport {
  return {
    id: `report-${n}`,
    role: 'user',
    startedAt: n * 1000,
    endedAt: n * 1000 + 500,
    peerName: 'Camille',
    endReason: 'you-ended',
    category: null,
    notes: '',
    diagnostics: null,
    controlPeriods: [],
    repairs: [],
    files: [],
    messages: 0,
    ...patch,
  };
}

describe('report history', () => {
  it('lists saved reports newest first', () => {
    const history = createReportHistory(createMemoryReportHistoryBackend(), silentLogger);
    history.save(report(1));
    history.save(report(2));
    expect(history.list().map((entry) => entry.id)).toEqual(['report-2', 'report-1']);
  });

  it(`keeps at most ${MAX_REPORT_HISTORY}, dropping the oldest`, () => {
    const backend = createMemoryReportHistoryBackend();
    const history = createReportHistory(backend, silentLogger);
    for (let n = 1; n <= MAX_REPORT_HISTORY + 3; n++) history.save(report(n));
    const ids = history.list().map((entry) => entry.id);
    expect(ids).toHaveLength(MAX_REPORT_HISTORY);
    expect(ids[0]).toBe(`report-${MAX_REPORT_HISTORY + 3}`);
    expect(ids).not.toContain('report-3');
    expect(ids).toContain('report-4');
    expect(backend.stored).toHaveLength(MAX_REPORT_HISTORY);
  });

  it('saving the same report again replaces it instead of duplicating it', () => {
    const history = createReportHistory(createMemoryReportHistoryBackend(), silentLogger);
    history.save(report(1));
    history.save(report(2));
    history.save(report(1, { notes: 'updated' }));
    expect(history.list().map((entry) => [entry.id, entry.notes])).toEqual([
      ['report-1', 'updated'],
      ['report-2', ''],
    ]);
  });

  it('drops stored entries that no longer validate, and the next save cleans them out', () => {
    const warn = vi.fn();
    const backend = createMemoryReportHistoryBackend([report(3), { id: 'x', role: 'hacker' }, 'junk', null, report(1, { peerName: 'x'.repeat(500) }), report(2)]);
    const history = createReportHistory(backend, { ...silentLogger, warn });
    expect(history.list().map((entry) => entry.id)).toEqual(['report-3', 'report-2']);
    expect(warn).toHaveBeenCalledWith('reports.dropped-invalid', { count: 4 });
    history.save(report(4));
    expect(backend.stored).toEqual([report(4), report(3), report(2)]);
  });

  it.each([undefined, null, 'not a list', { reports: [] }, 42])('treats a stored %j as an empty history', (stored) => {
    const history = createReportHistory(createMemoryReportHistoryBackend(stored), silentLogger);
    expect(history.list()).toEqual([]);
    history.save(report(1));
    expect(history.list()).toHaveLength(1);
  });

  it('never throws when the store cannot be read', () => {
    const history = createReportHistory(
      {
        read: () => {
          throw new Error('EACCES');
        },
        write: () => undefined,
      },
      silentLogger,
    );
    expect(history.list()).toEqual([]);
  });
});
