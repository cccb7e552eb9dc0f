import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../shared/log';
import { DbAccountStore } from '../accounts/account-store';
import { DbAuditLog } from '../audit/audit-log';
import { manualClock } from '../test-client';
import { ENGINES, useEngines } from '../test-support/engines';
import { createQueueExpiry, planExpiry } from './queue-expiry';
import { DEFAULT_QUEUE_POLICY, networkGroupOf } from './queue-policy';
import { DbRequestStore, type HelpRequest } from './request-store';

const policy = { abandonGraceMs: 120_000, maxAgeMs: 4 * 3600_000, expirySweepMs: 30_000 };
const engines = useEngines();

describe('planExpiry', () => {
  const now = 10 * 3600_000;
  const watched = new Set(['w']);
  const plan = (awaySince: number | null, createdAt: number, id = 'x') => planExpiry([{ id, orgId: 1, createdAt, awaySince }], (_org, rid) => watched.has(rid), now, policy);

  it('notes an unwatched request as away first, and ends it only once its grace has passed', () => {
    expect(plan(null, now - 1000)).toEqual({ expire: [], away: ['x'], back: [] });
    expect(plan(now - 119_999, now - 200_000).expire).toEqual([]);
    expect(plan(now - 120_000, now - 200_000).expire).toEqual([{ id: 'x', orgId: 1, reason: 'abandoned' }]);
  });

  it('keeps a watched request (clearing its away mark) until the maximum age, then ends it anyway', () => {
    expect(plan(now - 999_999, now - 1000, 'w')).toEqual({ expire: [], away: [], back: ['w'] });
    expect(plan(null, now - policy.maxAgeMs, 'w').expire).toEqual([{ id: 'w', orgId: 1, reason: 'max-age' }]);
  });
});

describe('networkGroupOf', () => {
  it('gives one label per network and organisation, unrelated across organisations and keys', () => {
    const key = new Uint8Array(32).fill(7);
    expect(networkGroupOf(key, 1, '203.0.113.0/24')).toMatch(/^[0-9A-F]{6}$/);
    expect(networkGroupOf(key, 1, '203.0.113.0/24')).toBe(networkGroupOf(key, 1, '203.0.113.0/24'));
    expect(networkGroupOf(key, 1, '203.0.113.0/24')).not.toBe(networkGroupOf(key, 2, '203.0.113.0/24'));
    expect(networkGroupOf(key, 1, '203.0.113.0/24')).not.toBe(networkGroupOf(new Uint8Array(32), 1, '203.0.113.0/24'));
  });

  it('has sane defaults: an address and a network get only a share of the queue', () => {
    expect(DEFAULT_QUEUE_POLICY.maxWaitingPerAddress).toBeLessThan(DEFAULT_QUEUE_POLICY.maxWaitingPerNetwork);
    expect(DEFAULT_QUEUE_POLICY.maxWaitingPerNetwork * 10).toBeLessThanOrEqual(DEFAULT_QUEUE_POLICY.maxWaiting);
  });
});

describe.each(ENGINES)('the expiry sweep on the records (%s)', { timeout: 60_000 }, (engine) => {
  /** Requests nobody watches: as after a restart, or when the instance holding their sockets died (no disconnect ever ran). */
  async function setup() {
    const records = await engines.open(engine);
    const org = await new DbAccountStore(records).createOrganisation('acme', 'Acme IT', 0);
    const requests = new DbRequestStore(records);
    const audit = new DbAuditLog(records);
    const clock = manualClock();
    const statuses: HelpRequest[] = [];
    const watched = new Set<string>();
    const live = { watchedRequests: () => Promise.resolve(new Set(watched)), sendStatus: (r: HelpRequest) => Promise.resolve(void statuses.push(r)), broadcast: () => Promise.resolve() };
    const expiry = createQueueExpiry({ requests, live, audit, now: clock.now, log: silentLogger, policy });
    const insert = (id: string) =>
      requests.insert({ id, orgId: org.id, category: 'other', description: 'd', contactName: 'Uma', diagnostics: null, diagnosticsSummary: null, resumeTokenHash: 'h', sourceAddress: '10.0.0.1', createdAt: clock.now() });
    return { requests, audit, clock, expiry, insert, watched, statuses, orgId: org.id };
  }

  it('notices unwatched requests on its own and ends them after the grace, once, audited; a watched one stays', async () => {
    const s = await setup();
    await s.insert('gone');
    await s.insert('here');
    s.watched.add('here');
    await s.expiry.sweep();
    expect((await s.requests.get('gone'))?.awaySince).toBe(s.clock.now());
    // A sweep is coarse: asked again within its interval, it does nothing.
    s.clock.advance(policy.abandonGraceMs);
    await s.expiry.sweep();
    expect((await s.requests.get('gone'))?.state).toBe('expired');
    expect((await s.requests.get('here'))?.state).toBe('waiting');
    expect(s.statuses.map((r) => [r.id, r.state])).toEqual([['gone', 'expired']]);
    expect(await s.requests.countWaiting(s.orgId)).toBe(1);
    // Another instance sweeping the same records later ends nothing twice.
    const other = createQueueExpiry({ requests: s.requests, live: { watchedRequests: () => Promise.resolve(new Set()), sendStatus: () => Promise.resolve(), broadcast: () => Promise.resolve() }, audit: s.audit, now: s.clock.now, log: silentLogger, policy });
    await other.sweep();
    const trail = await s.audit.query(s.orgId, { type: 'request.expired' }, 10);
    expect(trail.map((e) => [e.requestId, e.detail.reason, e.actor])).toEqual([['gone', 'abandoned', 'server']]);
  });

  it('does not end a request whose app came back between the sweep reading presence and ending it', async () => {
    const s = await setup();
    await s.insert('r');
    await s.requests.markAway(['r'], s.clock.now());
    s.clock.advance(policy.abandonGraceMs);
    await s.requests.markBack(['r']);
    const ended = await s.requests.expire('r', 'abandoned', { createdBy: s.clock.now() - policy.maxAgeMs, awayBy: s.clock.now() - policy.abandonGraceMs }, s.clock.now());
    expect(ended).toBe(false);
    expect((await s.requests.get('r'))?.state).toBe('waiting');
  });
});
