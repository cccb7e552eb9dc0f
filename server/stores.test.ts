import { describe, expect, it } from 'vitest';
import { DbAccountStore } from './accounts/account-store';
import { DbAuditLog } from './audit/audit-log';
import type { Records } from './db/database';
import { DbRequestStore, type NewRequest } from './queue/request-store';
import { DbWaitTargetStore } from './queue/wait-target-store';
import { DEFAULT_WAIT_TARGETS } from '../shared/wait-targets';
import { recordSessionReport, type ReportSink } from './session-reports';
import { ENGINES, useEngines } from './test-support/engines';
import type { Connection } from './connection';

/** The store contracts, run once per engine: the same queries must behave the same on SQLite and PostgreSQL. */
const engines = useEngines();

async function world(records: Records) {
  const accounts = new DbAccountStore(records);
  const org = await accounts.createOrganisation('acme', 'Acme IT', 1);
  const other = await accounts.createOrganisation('other', 'Other Org', 1);
  const make = (email: string, name: string, orgId = org.id) => accounts.createConsultant({ orgId, email, name, role: 'consultant', passwordHash: 'hash' }, 2);
  const bob = await make('bob@acme.example', 'Bob');
  const cleo = await make('cleo@acme.example', 'Cleo');
  const eve = await make('eve@other.example', 'Eve', other.id);
  return { accounts, org, other, bob, cleo, eve, requests: new DbRequestStore(records), audit: new DbAuditLog(records) };
}

const request = (id: string, orgId: number, createdAt: number, extra: Partial<NewRequest> = {}): NewRequest => ({
  id,
  orgId,
  category: 'other',
  description: `about ${id}`,
  contactName: 'Una User',
  diagnostics: null,
  diagnosticsSummary: null,
  resumeTokenHash: `hash-${id}`,
  sourceAddress: '10.0.0.1',
  createdAt,
  ...extra,
});

describe.each(ENGINES)('stores on %s', { timeout: 30_000 }, (engine) => {
  it('keeps the intake with the request, records each wait alert once, and keeps target waits per organisation', async () => {
    const records = await engines.open(engine);
    const { org, other, requests } = await world(records);
    const intake = { answers: [{ question: 'since' as const, answer: 'today' }, { question: 'tried' as const, answer: 'Restarted it.' }] };
    await requests.insert(request('r1', org.id, 1000, { category: 'network', intake, description: '' }));
    await requests.insert(request('r2', org.id, 1000));
    expect((await requests.get('r1'))?.intake).toEqual(intake);
    expect((await requests.get('r2'))?.intake).toBeNull();

    // Several instances sweeping at once: exactly one records (and so sends) the alert.
    expect(await Promise.all([1, 2, 3].map(() => requests.markWaitAlert('r1', 'approaching')))).toEqual(expect.arrayContaining([true, false, false]));
    expect((await Promise.all([1, 2, 3].map(() => requests.markWaitAlert('r1', 'approaching')))).filter(Boolean)).toEqual([]);
    expect(await requests.markWaitAlert('r1', 'overdue')).toBe(true);
    expect(await requests.markWaitAlert('r1', 'overdue')).toBe(false);
    expect(await requests.markWaitAlert('r1', 'approaching')).toBe(false);
    // Straight past the target: the overdue alert alone.
    expect(await requests.markWaitAlert('r2', 'overdue')).toBe(true);
    expect((await requests.waitingForExpiry(10)).map((r) => [r.id, r.waitAlert])).toEqual([
      ['r1', 'overdue'],
      ['r2', 'overdue'],
    ]);

    const targets = new DbWaitTargetStore(records);
    expect(await targets.get(org.id)).toEqual(DEFAULT_WAIT_TARGETS);
    const mine = DEFAULT_WAIT_TARGETS.map((t) => (t.category === 'printer' ? { ...t, minutes: 5 } : t));
    await targets.set(org.id, mine);
    await targets.set(org.id, mine);
    expect(await targets.get(org.id)).toEqual(mine);
    expect(await targets.get(other.id)).toEqual(DEFAULT_WAIT_TARGETS);
  });

  it('keeps organisations, consultants and sign-ins', async () => {
    const { accounts, org, bob, cleo } = await world(await engines.open(engine));
    expect(await accounts.organisationBySlug('acme')).toEqual(org);
    expect(await accounts.organisationById(org.id)).toEqual(org);
    expect(await accounts.organisationBySlug('nope')).toBeUndefined();
    expect((await accounts.listOrganisations()).map((o) => o.name)).toEqual(['Acme IT', 'Other Org']);
    expect(bob).toMatchObject({ orgId: org.id, email: 'bob@acme.example', name: 'Bob', role: 'consultant', passwordHash: 'hash', totpSecret: null, disabled: false });
    expect(await accounts.consultantByEmail('bob@acme.example')).toEqual(bob);
    expect(await accounts.consultantById(cleo.id)).toEqual(cleo);
    expect((await accounts.listConsultants(org.id)).map((c) => c.name)).toEqual(['Bob', 'Cleo']);
    await expect(accounts.createConsultant({ orgId: org.id, email: 'bob@acme.example', name: 'Bob 2', role: 'admin', passwordHash: 'x' }, 3)).rejects.toThrow();

    const now = 1_700_000_000_000;
    await accounts.createAuthSession('t1', bob.id, now, now + 1000);
    await accounts.createAuthSession('t2', bob.id, now, now + 5000);
    await accounts.createAuthSession('t3', cleo.id, now, now + 5000);
    expect(await accounts.authSession('t1', now)).toEqual({ consultantId: bob.id, expiresAt: now + 1000 });
    expect(await accounts.authSession('t1', now + 1000)).toBeUndefined();
    await accounts.purgeAuthSessions(now + 1000);
    await accounts.deleteAuthSessionsOf(bob.id, 't2');
    expect(await accounts.authSession('t2', now)).toBeDefined();
    await accounts.deleteAuthSessionsOf(bob.id);
    expect(await accounts.authSession('t2', now)).toBeUndefined();
    await accounts.deleteAuthSession('t3');
    expect(await accounts.authSession('t3', now)).toBeUndefined();
  });

  it('enrols, uses and resets TOTP secrets with replay protection', async () => {
    const { accounts, bob } = await world(await engines.open(engine));
    expect(await accounts.activateTotp(bob.id, 10)).toBe(false);
    expect(await accounts.setTotpPending(bob.id, 'PENDING')).toBe(true);
    expect(await accounts.setTotpPending(bob.id, 'PENDING2')).toBe(true);
    expect(await accounts.activateTotp(bob.id, 10)).toBe(true);
    expect(await accounts.consultantById(bob.id)).toMatchObject({ totpSecret: 'PENDING2', totpPendingSecret: null });
    expect(await accounts.setTotpPending(bob.id, 'OTHER')).toBe(false);
    expect(await accounts.activateTotp(bob.id, 11)).toBe(false);
    expect(await accounts.useTotpStep(bob.id, 10)).toBe(false);
    // A step later than every used one is accepted once, concurrently too.
    expect((await Promise.all([accounts.useTotpStep(bob.id, 12), accounts.useTotpStep(bob.id, 12)])).sort()).toEqual([false, true]);
    expect(await accounts.useTotpStep(bob.id, 11)).toBe(false);
    expect(await accounts.resetTotp(bob.id)).toBe(true);
    expect(await accounts.consultantById(bob.id)).toMatchObject({ totpSecret: null, totpPendingSecret: null });
    expect(await accounts.resetTotp(999_999)).toBe(false);
  });

  it('queues help requests in arrival order, with details, counts and diagnostics', async () => {
    const { org, other, requests } = await world(await engines.open(engine));
    const summary = { os: 'Linux', warnings: 1 };
    await requests.insert(request('b', org.id, 100, { diagnosticsSummary: summary as never, diagnostics: { collectedAt: 1 } as never }));
    await requests.insert(request('a', org.id, 100));
    await requests.insert(request('c', org.id, 50, { sourceAddress: '10.0.0.2' }));
    await requests.insert(request('z', other.id, 10));
    expect((await requests.open(org.id)).map((r) => r.id)).toEqual(['c', 'b', 'a']);
    expect(await requests.get('b')).toMatchObject({ orgId: org.id, state: 'waiting', diagnosticsSummary: summary, detailsCount: 0, claimedBy: null, createdAt: 100 });
    expect(await requests.diagnostics('b')).toEqual({ collectedAt: 1 });
    expect(await requests.diagnostics('a')).toBeNull();
    expect(await requests.get('nope')).toBeUndefined();
    expect(await requests.countWaiting(org.id)).toBe(3);
    expect(await requests.countFromAddressSince('10.0.0.1', 60)).toBe(2);
    expect(await requests.countFromAddressSince('10.0.0.1', 101)).toBe(0);

    expect(await requests.addDetail('a', 'first', 200, 2)).toBe(true);
    expect((await Promise.all([requests.addDetail('a', 'second', 201, 2), requests.addDetail('a', 'third', 202, 2)])).sort()).toEqual([false, true]);
    expect((await requests.details('a')).length).toBe(2);
    expect((await requests.details('a'))[0]).toEqual({ text: 'first', at: 200 });
    expect((await requests.get('a'))?.detailsCount).toBe(2);
    expect(await requests.addDetail('nope', 'x', 1, 5)).toBe(false);
  });

  it('claims atomically, hands off, closes and cancels', async () => {
    const { org, other, bob, cleo, eve, requests } = await world(await engines.open(engine));
    await requests.insert(request('r1', org.id, 100));
    await requests.insert(request('r2', org.id, 200));
    expect(await requests.claim('r1', other.id, eve.id, 300)).toBe('not-found');
    expect((await Promise.all([requests.claim('r1', org.id, bob.id, 300), requests.claim('r1', org.id, cleo.id, 300)])).sort()).toEqual(['already-claimed', 'claimed']);
    const claimed = await requests.get('r1');
    expect(claimed).toMatchObject({ state: 'claimed', claimedAt: 300 });
    const holder = claimed?.claimedBy ?? 0;
    const otherOne = holder === bob.id ? cleo.id : bob.id;
    // Claimed requests follow the waiting ones.
    expect((await requests.open(org.id)).map((r) => r.id)).toEqual(['r2', 'r1']);

    expect(await requests.handOff('r1', otherOne, null)).toBe(false);
    expect(await requests.handOff('r1', holder, otherOne)).toBe(true);
    expect(await requests.get('r1')).toMatchObject({ state: 'waiting', claimedBy: null, assignedTo: otherOne });
    expect(await requests.claim('r1', org.id, holder, 400)).toBe('not-assignee');
    expect(await requests.claim('r1', org.id, otherOne, 400)).toBe('claimed');

    expect(await requests.close('r1', org.id, holder, 'resolved', null, 1000)).toBe(false);
    expect(await requests.close('r1', org.id, otherOne, 'resolved', 'fixed', 1000)).toBe(true);
    expect(await requests.get('r1')).toMatchObject({ state: 'closed', outcome: 'resolved', closedAt: 1000 });
    expect(await requests.claim('r1', org.id, bob.id, 1100)).toBe('invalid-state');
    expect(await requests.addDetail('r1', 'late', 1100, 5)).toBe(false);
    expect(await requests.handlingTimes(org.id, 0, 10)).toEqual([600]);
    expect(await requests.handlingTimes(org.id, 1001, 10)).toEqual([]);

    expect(await requests.claim('r2', org.id, bob.id, 500)).toBe('claimed');
    expect(await requests.close('r2', org.id, null, 'unresolved', null, 700)).toBe(true);
    expect(await requests.handlingTimes(org.id, 0, 1)).toEqual([600]);

    await requests.insert(request('r3', org.id, 800));
    await requests.insert(request('r4', org.id, 800));
    await requests.claim('r4', org.id, bob.id, 900);
    expect(await requests.cancel('r3', 950)).toBe('waiting');
    expect(await requests.cancel('r4', 950)).toBe('claimed');
    expect(await requests.cancel('r4', 960)).toBeNull();
    expect(await requests.cancel('nope', 960)).toBeNull();
    expect(await requests.get('r3')).toMatchObject({ state: 'cancelled', closedAt: 950 });
    expect(await requests.countWaiting(org.id)).toBe(0);
  });

  it('records session reports and audit entries, queried per organisation with filters, newest first', async () => {
    const { org, other, bob, audit } = await world(await engines.open(engine));
    const session = '8a3c5d0e-6a4b-4c1d-9e2f-0a1b2c3d4e5f';
    await audit.append({ type: 'login.succeeded', actor: 'consultant', orgId: org.id, consultantId: bob.id, address: '10.0.0.1' }, 1_700_000_000_000);
    await audit.append({ type: 'session.created', actor: 'consultant', orgId: org.id, consultantId: bob.id, sessionId: session, detail: { code: 'x' } }, 1_700_000_000_100);
    await audit.append({ type: 'login.succeeded', actor: 'consultant', orgId: other.id }, 1_700_000_000_200);
    // A session report goes through the same trail (the hub adds the session's organisation).
    const sent: unknown[] = [];
    const conn = { send: (m: unknown) => sent.push(m), sendError: (code: string) => sent.push({ code }) } as unknown as Connection;
    let count = 0;
    const sink: ReportSink = {
      count: (limit) => Promise.resolve((count += 1) <= limit),
      append: (entry) => audit.append({ ...entry, orgId: org.id, consultantId: bob.id, sessionId: session }, 1_700_000_000_300),
    };
    await recordSessionReport(conn, 'user', { type: 'consent.given', scope: 'view' }, sink);
    await recordSessionReport(conn, 'consultant', { type: 'consent.given', scope: 'view' }, sink);
    expect(sent).toEqual([{ type: 'audit.recorded', eventType: 'consent.given' }, { code: 'forbidden' }]);

    const all = await audit.query(org.id, {}, 100);
    expect(all.map((e) => e.type)).toEqual(['consent.given', 'session.created', 'login.succeeded']);
    expect(all[0]).toMatchObject({ actor: 'user', consultantId: bob.id, consultantName: 'Bob', sessionId: session, detail: { scope: 'view' }, at: 1_700_000_000_300 });
    expect(all[2]).toMatchObject({ address: '10.0.0.1', detail: {} });
    expect((await audit.query(org.id, { session }, 100)).length).toBe(2);
    expect((await audit.query(org.id, { type: 'login.succeeded' }, 100)).length).toBe(1);
    expect((await audit.query(org.id, { consultant: bob.id, from: 1_700_000_000_050, to: 1_700_000_000_150 }, 100)).map((e) => e.type)).toEqual(['session.created']);
    expect((await audit.query(org.id, { consultant: 2 ** 40 }, 100)).length).toBe(0);
    expect((await audit.query(org.id, { before: all[0]?.id ?? 0, limit: 1 }, 100)).map((e) => e.type)).toEqual(['session.created']);
    expect((await audit.query(org.id, {}, 2)).length).toBe(2);
    expect((await audit.query(other.id, {}, 100)).length).toBe(1);
    // The same record key is stored once.
    await audit.append({ type: 'logout', actor: 'consultant', orgId: other.id }, 5, 'key-1');
    await audit.append({ type: 'logout', actor: 'consultant', orgId: other.id }, 5, 'key-1');
    expect((await audit.query(other.id, { type: 'logout' }, 100)).length).toBe(1);
  });
});
