import { describe, expect, it } from 'vitest';
import { ANONYMOUS_REPORT_BUDGET, createAnonymousReportBudget } from './session-reports';
import { MemoryWindowCounter } from './window-counter';

describe('reports of anonymous sessions', () => {
  it('are budgeted per address across all its sessions, and refill in the next window', async () => {
    let now = 0;
    const fits = createAnonymousReportBudget(new MemoryWindowCounter(), () => now);
    const outcomes: boolean[] = [];
    for (let i = 0; i <= ANONYMOUS_REPORT_BUDGET.perAddress; i++) outcomes.push(await fits('203.0.113.5'));
    expect(outcomes.filter(Boolean)).toHaveLength(ANONYMOUS_REPORT_BUDGET.perAddress);
    expect(outcomes.at(-1)).toBe(false);
    expect(await fits('198.51.100.5')).toBe(true);
    now = ANONYMOUS_REPORT_BUDGET.windowMs;
    expect(await fits('203.0.113.5')).toBe(true);
  });
});
