import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../shared/audit';
import { fitPage } from './audit-pages';

const entry = (id: number, note = ''): AuditEntry => ({ id, at: id, type: 'request.closed', actor: 'consultant', consultantId: 1, consultantName: 'Bob', sessionId: null, requestId: null, address: null, detail: { note } });

describe('fitPage', () => {
  it('stops at the entry count, and says whether more matched', () => {
    expect(fitPage([entry(3), entry(2), entry(1)], 2)).toEqual({ entries: [entry(3), entry(2)], more: true });
    expect(fitPage([entry(3), entry(2)], 2)).toEqual({ entries: [entry(3), entry(2)], more: false });
    expect(fitPage([], 2)).toEqual({ entries: [], more: false });
  });

  it('stops early when large entries would overflow the message, but always returns one', () => {
    const big = 'x'.repeat(600);
    const page = fitPage([entry(3, big), entry(2, big), entry(1, big)], 100, 1800);
    expect(page.entries.map((e) => e.id)).toEqual([3, 2]);
    expect(page.more).toBe(true);
    expect(fitPage([entry(1, 'y'.repeat(5000))], 100, 1800).entries).toHaveLength(1);
  });
});
