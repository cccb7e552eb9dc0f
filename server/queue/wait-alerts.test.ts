import { describe, expect, it } from 'vitest';
import { withDefaults } from '../../shared/wait-targets';
import type { WaitingRow } from './request-store';
import { planWaitAlerts } from './wait-alerts';

const MINUTE = 60_000;
const row = (id: string, orgId: number, createdAt: number, extra: Partial<WaitingRow> = {}): WaitingRow => ({ id, orgId, category: 'printer', contactName: 'Uma', createdAt, awaySince: null, waitAlert: null, channel: null, ...extra });

describe('planWaitAlerts (injected clock)', () => {
  const targets = (orgId: number) => withDefaults(orgId === 1 ? [{ category: 'printer', minutes: 10 }] : []);

  it('alerts at 80 % of the organisation’s target for the category and again past it, each level once', () => {
    const start = 1_000_000;
    const plan = (now: number, waitAlert: WaitingRow['waitAlert'] = null) => planWaitAlerts([row('a', 1, start, { waitAlert })], targets, now).map((d) => [d.request.id, d.level, d.targetMs]);
    expect(plan(start + 7 * MINUTE)).toEqual([]);
    expect(plan(start + 8 * MINUTE)).toEqual([['a', 'approaching', 10 * MINUTE]]);
    expect(plan(start + 9 * MINUTE, 'approaching')).toEqual([]);
    expect(plan(start + 10 * MINUTE, 'approaching')).toEqual([['a', 'overdue', 10 * MINUTE]]);
    expect(plan(start + 60 * MINUTE, 'overdue')).toEqual([]);
  });

  it('uses each organisation’s own targets and category', () => {
    const now = 24 * MINUTE;
    const due = planWaitAlerts([row('acme', 1, 0), row('other', 2, 0), row('net', 1, 0, { category: 'network' })], targets, now);
    // Acme's printer target is 10 minutes; the other organisation and Acme's network keep the 30-minute default (80 % = 24).
    expect(due.map((d) => [d.request.id, d.level])).toEqual([
      ['acme', 'overdue'],
      ['other', 'approaching'],
      ['net', 'approaching'],
    ]);
  });
});
