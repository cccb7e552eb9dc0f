import { randomUUID } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_WAIT_TARGETS } from '../shared/wait-targets';
import { AUDIT_PAGE_MAX, AUDIT_TYPES, type AppAuditEvent, type AuditEntry, type AuditFilter } from '../shared/audit';
import { MAX_MESSAGE_BYTES } from '../shared/signaling';
import { DbAuditLog } from './audit/audit-log';
import { openRecords } from './db/database';
import { totpAt } from './accounts/totp';
import type { SignalingServer } from './signaling-server';
import type { TestClient } from './test-client';
import { freshEachTest, PASSWORD, seed } from './test-fixtures';

const env = freshEachTest();

async function get(server: SignalingServer, path: string, token?: string) {
  return fetch(`${server.httpUrl}${path}`, { headers: token === undefined ? {} : { authorization: `Bearer ${token}` } });
}

describe('audit trail', () => {
  it('records every kind of event, and admins query and export it', async () => {
    await seed(env.db.file, [
      { email: 'ada@acme.example', name: 'Ada', role: 'admin' },
      { email: 'bob@acme.example', name: '=SUM(1+1)' },
    ]);
    const server = await env.h.start({ dbPath: env.db.file });
    const { token: adminToken, client: ada } = await env.h.login(server, 'ada@acme.example');
    ada.send({ type: 'queue.set-targets', targets: DEFAULT_WAIT_TARGETS });
    await ada.next('queue.targets');
    const anon = await env.h.client(server);
    await anon.expectError({ type: 'auth.login', email: 'bob@acme.example', password: 'wrong' });
    const { client: bob, consultant } = await env.h.login(server, 'bob@acme.example');
    bob.send({ type: 'totp.enrol', password: PASSWORD });
    const { secret } = await bob.next('totp.enrolment');
    bob.send({ type: 'totp.confirm', code: totpAt(secret, env.h.clock.now()) });
    await bob.next('totp.enabled');

    // A request cancelled by its user, one handed off, one claimed and closed after a full session.
    const submit = async () => {
      const u = await env.h.client(server);
      u.send({ type: 'request.submit', organisation: 'acme', category: 'software', description: 'help', contactName: 'Uma' });
      return { u, id: (await u.next('request.submitted')).requestId };
    };
    const cancelled = await submit();
    cancelled.u.send({ type: 'request.cancel' });
    await cancelled.u.next('request.status');
    const handed = await submit();
    bob.send({ type: 'queue.claim', requestId: handed.id });
    await bob.next('session.created');
    await bob.next('queue.claimed');
    bob.send({ type: 'queue.handoff', requestId: handed.id, consultantId: 1 });
    await bob.next('session.ended');
    const { u: user, id } = await submit();
    bob.send({ type: 'queue.claim', requestId: id });
    const { sessionId } = await bob.next('session.created');
    const { code } = await user.next('request.claimed');
    user.send({ type: 'session.join', code });
    await user.next('session.joined');
    const report = async (from: typeof user, event: AppAuditEvent) => {
      from.send({ type: 'audit.report', event });
      await from.next('audit.recorded');
    };
    await report(user, { type: 'consent.given', scope: 'view' });
    expect((await bob.expectError({ type: 'audit.report', event: { type: 'consent.given' } })).code).toBe('forbidden');
    await report(bob, { type: 'control.started' });
    await report(bob, { type: 'control.ended', durationMs: 5000 });
    await report(user, { type: 'repair.run', repairId: 'dns.flush', status: 'succeeded' });
    await report(bob, { type: 'file.sent', name: '=HYPERLINK("x").txt', bytes: 12 });
    // Recording: the user's yes or no, the consultant's recorder; neither side may speak for the other.
    const recordingId = randomUUID();
    await report(user, { type: 'recording.refused', reason: 'declined' });
    await report(user, { type: 'consent.given', scope: 'recording' });
    await report(bob, { type: 'recording.started', recordingId });
    expect((await user.expectError({ type: 'audit.report', event: { type: 'recording.started', recordingId } })).code).toBe('forbidden');
    expect((await bob.expectError({ type: 'audit.report', event: { type: 'recording.refused', reason: 'not-allowed' } })).code).toBe('forbidden');
    await report(bob, { type: 'recording.stopped', recordingId, by: 'user', durationMs: 4000, bytes: 120_000 });
    await report(user, { type: 'consent.revoked' });
    user.send({ type: 'session.leave' });
    await bob.next('session.ended');
    // After the session, what the consultant's app does with the recording it keeps.
    for (const action of ['played', 'exported', 'deleted'] as const) {
      bob.send({ type: 'recording.audit', action, recordingId, sessionId: sessionId ?? null, ...(action === 'deleted' ? { reason: 'retention' as const } : {}) });
      expect((await bob.next('audit.recorded')).eventType).toBe(`recording.${action}`);
    }
    expect((await bob.expectError({ type: 'recording.audit', action: 'played', recordingId: 'not-a-uuid', sessionId: sessionId ?? null })).code).toBe('invalid-message');
    bob.send({ type: 'queue.close', requestId: id, outcome: 'resolved', note: 'fixed' });
    await user.next('request.status');
    // A verified direct session the user reports as suspicious: for the helper, a plain decline.
    bob.send({ type: 'session.create', consultantName: 'Typed Name' });
    const direct = await bob.next('session.created');
    const wary = await env.h.client(server);
    wary.send({ type: 'session.join', code: direct.code });
    await wary.next('session.joined');
    wary.send({ type: 'session.report-suspicious' });
    await wary.next('session.reported');
    expect((await bob.next('session.ended')).reason).toBe('declined');
    expect((await wary.expectError({ type: 'session.report-suspicious' })).code).toBe('not-in-session');
    // A user whose computer restarts during a repair, back on a new socket; the old secret is refused after that.
    bob.send({ type: 'session.create', consultantName: 'Typed Name' });
    const rebooting = await bob.next('session.created');
    const restarting = await env.h.client(server);
    restarting.send({ type: 'session.join', code: rebooting.code });
    const { token } = await restarting.next('session.resume-token');
    restarting.send({ type: 'session.away', reason: 'restart', forMs: 60_000 });
    await restarting.close();
    await bob.next('peer.away');
    const rebooted = await env.h.client(server);
    rebooted.send({ type: 'session.resume', token });
    await rebooted.next('session.resumed');
    expect((await (await env.h.client(server)).expectError({ type: 'session.resume', token })).code).toBe('resume-refused');
    rebooted.send({ type: 'session.leave' });
    expect((await bob.next('session.ended')).reason).toBe('peer-left');
    // A request dismissed as abuse, and one that waited past the maximum age.
    const fake = await submit();
    bob.send({ type: 'queue.dismiss', requestIds: [fake.id], reason: 'abuse' });
    await bob.next('queue.dismissed');
    const patient = await submit();
    env.h.clock.advance(5 * 60 * 60 * 1000);
    await patient.u.nextMatching((m) => m.type === 'request.status' && m.state === 'expired', 'expired status');
    bob.send({ type: 'auth.logout' });
    await bob.next('auth.logged-out');

    expect((await get(server, '/api/audit')).status).toBe(401);
    const entries = async (query: string) => ((await (await get(server, `/api/audit${query}`, adminToken)).json()) as { entries: AuditEntry[] }).entries;
    const all = await entries('');
    const seeded = new Set(['organisation.created', 'account.created', 'totp.reset', 'account.unlocked']); // written by the admin CLI (see admin-cli.test.ts)
    // Written by the support mailbox, which this server has not configured (server/mail/mail-service.test.ts checks them).
    for (const type of ['mail.received', 'mail.sent', 'mail.ignored', 'mail.kept-aside']) seeded.add(type);
    expect(new Set(all.map((e) => e.type))).toEqual(new Set(AUDIT_TYPES.filter((t) => !seeded.has(t))));

    const session = await entries(`?session=${sessionId}`);
    expect(session.map((e) => e.type).reverse()).toEqual([
      'session.created', 'request.claimed', 'session.joined', 'consent.given', 'control.started', 'control.ended', 'repair.run', 'file.sent',
      'recording.refused', 'consent.given', 'recording.started', 'recording.stopped', 'consent.revoked', 'session.ended', 'recording.played', 'recording.exported', 'recording.deleted',
    ]);
    expect(session.find((e) => e.type === 'recording.deleted')).toMatchObject({ actor: 'consultant', consultantId: consultant.id, detail: { recordingId, reason: 'retention' } });
    expect(session.find((e) => e.type === 'recording.stopped')).toMatchObject({ actor: 'consultant', detail: { recordingId, by: 'user', durationMs: 4000 } });
    expect(session.findLast((e) => e.type === 'consent.given')).toMatchObject({ actor: 'user', consultantId: consultant.id, requestId: id, detail: { scope: 'view' } });
    expect((await entries('?type=login.failed')).map((e) => e.detail)).toEqual([{ reason: 'password' }]);
    expect((await entries(`?consultant=${consultant.id}&type=request.claimed`))).toHaveLength(2);
    expect(await entries(`?from=${env.h.clock.now() + 1}`)).toEqual([]);
    expect((await get(server, '/api/audit?bogus=1', adminToken)).status).toBe(400);
    expect((await get(server, '/api/audit?type=session.deleted', adminToken)).status).toBe(400);
    const [reported, ...otherReports] = await entries('?type=contact.reported');
    expect(otherReports).toEqual([]);
    expect(reported).toMatchObject({ actor: 'user', sessionId: direct.sessionId, consultantId: consultant.id, detail: { consultantName: '=SUM(1+1)', verified: true } });
    // The story of that session, from its creation to the report and the end.
    expect((await entries(`?session=${direct.sessionId}`)).map((e) => e.type).reverse()).toEqual(['session.created', 'session.joined', 'contact.reported', 'session.ended']);

    const csv = await get(server, `/api/audit.csv?session=${sessionId}`, adminToken);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const lines = (await csv.text()).split('\r\n');
    expect(lines[0]).toBe('id,time,type,actor,consultant_id,consultant_name,session_id,request_id,address,detail');
    // The display name starts with '=': exported as text, never as a formula.
    expect(lines[1]).toContain(`,'=SUM(1+1),${sessionId},`);
    expect(lines.find((l) => l.includes('file.sent'))).toContain('"{""name"":""=HYPERLINK(\\""x\\"").txt"",""bytes"":12}"');
  });

  it('refuses the audit API to consultants who are not admins', async () => {
    await seed(env.db.file, [{ email: 'bob@acme.example', name: 'Bob' }]);
    const server = await env.h.start({ dbPath: env.db.file });
    const { token } = await env.h.login(server, 'bob@acme.example');
    expect((await get(server, '/api/audit', token)).status).toBe(403);
    expect((await get(server, '/api/audit.csv', 'x'.repeat(43))).status).toBe(401);
    expect(await (await get(server, '/api/organisations')).json()).toEqual({ organisations: [{ slug: 'acme', name: 'Acme IT' }], total: 1 });
  });

  it('pages the trail over an admin’s socket, newest first, and refuses everyone else', async () => {
    const [, bobAccount] = await seed(env.db.file, [
      { email: 'ada@acme.example', name: 'Ada', role: 'admin' },
      { email: 'bob@acme.example', name: 'Bob' },
    ]);
    await seed(env.db.file, [{ email: 'eve@other.example', name: 'Eve', role: 'admin' }], { slug: 'other', name: 'Other Org' });
    // 150 entries for Acme written straight into the file, as earlier sessions would have.
    const file = await openRecords(env.db.file);
    const log = new DbAuditLog(file);
    for (let i = 0; i < 150; i++) await log.append({ type: 'session.created', actor: 'consultant', orgId: 1, consultantId: bobAccount?.id ?? null, detail: { n: i } }, 1_000 + i);
    const acmeSession = randomUUID();
    // The largest entries an app can cause: file names of 255 three-byte characters.
    const longName = '€'.repeat(255);
    for (let i = 0; i < AUDIT_PAGE_MAX; i++) await log.append({ type: 'file.sent', actor: 'user', orgId: 1, sessionId: acmeSession, detail: { name: longName, bytes: i } }, 2_000 + i);
    await file.close();
    const server = await env.h.start({ dbPath: env.db.file });

    const anon = await env.h.client(server);
    expect(await anon.expectError({ type: 'audit.query', filter: {} })).toMatchObject({ code: 'unauthorized', replyTo: 'audit.query' });
    const { client: bob } = await env.h.login(server, 'bob@acme.example');
    expect(await bob.expectError({ type: 'audit.query', filter: {} })).toMatchObject({ code: 'forbidden', replyTo: 'audit.query' });

    const { client: ada } = await env.h.login(server, 'ada@acme.example');
    const page = async (filter: AuditFilter) => {
      ada.send({ type: 'audit.query', filter, ref: 42 });
      const answer = await ada.next('audit.page');
      expect(answer.ref).toBe(42);
      // Every answer fits in one message, however large its entries.
      expect(Buffer.byteLength(JSON.stringify(answer))).toBeLessThan(MAX_MESSAGE_BYTES);
      return answer;
    };
    const large = await page({ type: 'file.sent' });
    expect(large.entries.length).toBeGreaterThan(10);
    expect(large.entries.length).toBeLessThan(AUDIT_PAGE_MAX);
    expect(large.more).toBe(true);
    const rest = await page({ type: 'file.sent', before: large.entries.at(-1)?.id });
    expect(large.entries.length + rest.entries.length).toBeLessThanOrEqual(AUDIT_PAGE_MAX);
    const first = await page({ type: 'session.created' });
    expect(first.entries).toHaveLength(AUDIT_PAGE_MAX);
    expect(first.more).toBe(true);
    expect(first.entries[0]?.detail).toEqual({ n: 149 });
    const second = await page({ type: 'session.created', before: first.entries.at(-1)?.id });
    expect(second.entries.map((e) => e.detail.n)).toEqual(Array.from({ length: 50 }, (_, i) => 49 - i));
    expect(second.more).toBe(false);
    expect((await page({ from: 1_100, to: 1_101 })).entries.map((e) => e.at)).toEqual([1_101, 1_100]);
    // Logins are in the trail too; another organisation's admin sees none of Acme's entries.
    expect((await page({ type: 'login.succeeded' })).entries.map((e) => e.consultantName)).toEqual(['Ada', 'Bob']);
    const { client: eve } = await env.h.login(server, 'eve@other.example');
    for (const filter of [{ type: 'session.created' }, { session: acmeSession }, { consultant: bobAccount?.id ?? 0 }, {}] satisfies AuditFilter[]) {
      eve.send({ type: 'audit.query', filter });
      const seen = await eve.next('audit.page');
      // Eve's own sign-in is all she may see.
      expect(seen.entries.every((e) => e.type === 'login.succeeded' && e.consultantName === 'Eve'), JSON.stringify(filter)).toBe(true);
    }
    // A malformed filter is refused by the schema before any handler runs.
    const hostile: Record<string, unknown> = { type: 'audit.query', filter: { type: 'drop table' } };
    expect(await ada.expectError(hostile)).toMatchObject({ code: 'invalid-message' });
  });

  it('alerts the organisation’s admins watching the queue when a user reports a contact (never the reported one), and ends the request', async () => {
    await seed(env.db.file, [
      { email: 'ada@acme.example', name: 'Ada', role: 'admin' },
      { email: 'ann@acme.example', name: 'Ann', role: 'admin' },
      { email: 'bob@acme.example', name: 'Bob' },
    ]);
    await seed(env.db.file, [{ email: 'eve@other.example', name: 'Eve', role: 'admin' }], { slug: 'other', name: 'Other Org' });
    const server = await env.h.start({ dbPath: env.db.file });
    const emails = ['ada@acme.example', 'ann@acme.example', 'bob@acme.example', 'eve@other.example'];
    const watchers = await Promise.all(emails.map(async (email) => (await env.h.login(server, email)).client));
    for (const watcher of watchers) {
      watcher.send({ type: 'queue.subscribe' });
      await watcher.next('queue.snapshot');
    }
    const [ada, ann, bob, eve] = watchers as [TestClient, TestClient, TestClient, TestClient];
    /** Nothing of `type` reached `client` before a round trip on its own socket. */
    const noneOf = async (client: TestClient, type: 'queue.alert') => {
      client.send({ type: 'queue.colleagues' });
      await client.next('queue.colleagues');
      return !client.pending().some((m) => m.type === type);
    };

    // Bob takes a help request; its user reports him.
    const user = await env.h.client(server);
    user.send({ type: 'request.submit', organisation: 'acme', category: 'software', description: 'help', contactName: 'Uma' });
    const { requestId } = await user.next('request.submitted');
    bob.send({ type: 'queue.claim', requestId });
    const { sessionId } = await bob.next('session.created');
    const { code } = await user.next('request.claimed');
    user.send({ type: 'session.join', code });
    await user.next('session.joined');
    user.send({ type: 'session.report-suspicious' });
    await user.next('session.reported');
    for (const admin of [ada, ann]) expect(await admin.next('queue.alert')).toEqual({ type: 'queue.alert', kind: 'contact-reported', at: env.h.clock.now(), consultantName: 'Bob', sessionId });
    expect((await bob.next('session.ended')).reason).toBe('declined');
    expect(await noneOf(bob, 'queue.alert')).toBe(true);
    expect(await noneOf(eve, 'queue.alert')).toBe(true);
    // The request ends with the report: nobody else picks it up as if nothing happened.
    await vi.waitFor(() => expect(user.pending().some((m) => m.type === 'request.status' && m.state === 'cancelled')).toBe(true));

    // An admin reported is not alerted about it; the other admin is.
    ada.send({ type: 'session.create', consultantName: 'Ada' });
    const direct = await ada.next('session.created');
    const wary = await env.h.client(server);
    wary.send({ type: 'session.join', code: direct.code });
    await wary.next('session.joined');
    wary.send({ type: 'session.report-suspicious' });
    expect((await ann.next('queue.alert')).sessionId).toBe(direct.sessionId);
    await ada.next('session.ended');
    expect(await noneOf(ada, 'queue.alert')).toBe(true);
  });

  it('lists organisations to anyone over the socket, and names the message each error answers', async () => {
    await seed(env.db.file, []);
    await seed(env.db.file, [], { slug: 'beta', name: 'Beta Support' });
    const server = await env.h.start({ dbPath: env.db.file });
    const anon = await env.h.client(server);
    anon.send({ type: 'organisations.list', ref: 3 });
    expect(await anon.next('organisations')).toEqual({
      type: 'organisations',
      organisations: [{ slug: 'acme', name: 'Acme IT' }, { slug: 'beta', name: 'Beta Support' }],
      total: 2,
      ref: 3,
    });
    expect(await anon.expectError({ type: 'totp.enrol', password: PASSWORD })).toMatchObject({ code: 'unauthorized', replyTo: 'totp.enrol' });
    // An unparsable frame is no message: its error names none.
    anon.sendRaw('not json');
    expect((await anon.next('error')).replyTo).toBeUndefined();
  });
});
