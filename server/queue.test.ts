import { describe, expect, it } from 'vitest';
import type { RequestCategory } from '../shared/queue';
import type { SignalingServer } from './signaling-server';
import type { TestClient } from './test-client';
import { freshEachTest, seed } from './test-fixtures';

const env = freshEachTest();
let address = 0;

async function setup() {
  await seed(env.db.file, [
    { email: 'bob@acme.example', name: 'Bob' },
    { email: 'carol@acme.example', name: 'Carol' },
    { email: 'dan@acme.example', name: 'Dan' },
  ]);
  return env.h.start({ dbPath: env.db.file, trustProxy: true });
}

/** A user's app (each on its own address) that submitted a request. */
async function user(server: SignalingServer, category: RequestCategory = 'printer') {
  const c = await env.h.client(server, `10.1.0.${(address += 1) % 250}`);
  c.send({ type: 'request.submit', organisation: 'acme', category, description: 'The printer\nsays no.', contactName: 'Uma' });
  const submitted = await c.next('request.submitted');
  return { client: c, ...submitted };
}

/** The next status matching `predicate` (earlier ones are skipped: the queue pushes one per change). */
async function statusWhere(c: TestClient, predicate: (s: { state: string; position: number | null; estimatedWaitMs: number | null; handedOff: boolean }) => boolean) {
  for (;;) {
    const status = await c.next('request.status');
    if (predicate(status)) return status;
  }
}

async function consultant(server: SignalingServer, email: string) {
  const { client } = await env.h.login(server, email);
  client.send({ type: 'queue.subscribe' });
  await client.next('queue.snapshot');
  return client;
}

describe('help requests and the queue', () => {
  it('keeps the guided intake with the request for the consultant, and refuses answers that do not fit its category', async () => {
    const server = await setup();
    const bob = await consultant(server, 'bob@acme.example');
    const c = await env.h.client(server, '10.1.9.1');
    const intake = { answers: [{ question: 'else-works' as const, answer: 'My phone works.' }, { question: 'since' as const, answer: 'today' }] };
    const bad = await c.expectError({ type: 'request.submit', organisation: 'acme', category: 'network', contactName: 'Uma', intake: { answers: [{ question: 'clicked', answer: 'yes' }] } });
    expect(bad).toMatchObject({ code: 'invalid-message' });
    c.send({ type: 'request.submit', organisation: 'acme', category: 'network', contactName: 'Uma', intake });
    const { requestId } = await c.next('request.submitted');
    bob.send({ type: 'queue.detail', requestId });
    expect((await bob.next('queue.request')).request).toMatchObject({ id: requestId, category: 'network', description: '', intake, targetMs: 30 * 60_000 });
  });

  it('moves positions, alerts the user on claim, and the session shows the verified consultant', async () => {
    const server = await setup();
    const bob = await consultant(server, 'bob@acme.example');
    const first = await user(server);
    const second = await user(server, 'network');
    expect(await statusWhere(second.client, (s) => s.position === 2)).toMatchObject({ state: 'waiting', position: 2, estimatedWaitMs: null, handedOff: false });
    let snapshot = await bob.next('queue.snapshot');
    while (snapshot.total < 2) snapshot = await bob.next('queue.snapshot');
    expect(snapshot.items.map((i) => i.category)).toEqual(['printer', 'network']);
    expect(snapshot.items[0]).toMatchObject({ contactName: 'Uma', descriptionPreview: 'The printer\nsays no.', userOnline: true, claimedBy: null, diagnostics: null });

    bob.send({ type: 'queue.claim', requestId: first.requestId });
    const { code } = await bob.next('session.created');
    await bob.next('queue.claimed');
    const claimed = await first.client.next('request.claimed');
    expect(claimed).toMatchObject({ requestId: first.requestId, code, verified: { name: 'Bob', organisation: 'Acme IT', organisationId: 'acme' } });
    expect(await statusWhere(second.client, (s) => s.position === 1)).toMatchObject({ position: 1 });

    // The user still consents in the app: joining with the code shows who is asking, verified.
    first.client.send({ type: 'session.join', code: claimed.code });
    expect(await first.client.next('session.joined')).toEqual({ type: 'session.joined', consultantName: 'Bob', verified: { name: 'Bob', organisation: 'Acme IT', organisationId: 'acme' } });
    await bob.next('peer.joined');
  });

  it('estimates the wait from recent handling times and the consultants online', async () => {
    const server = await setup();
    const bob = await consultant(server, 'bob@acme.example');
    for (const minutes of [4, 10, 6]) {
      const u = await user(server);
      bob.send({ type: 'queue.claim', requestId: u.requestId });
      await bob.next('queue.claimed');
      env.h.clock.advance(minutes * 60_000);
      bob.send({ type: 'queue.close', requestId: u.requestId, outcome: 'resolved' });
      expect(await statusWhere(u.client, (s) => s.state === 'closed')).toMatchObject({ outcome: 'resolved', position: null });
      bob.send({ type: 'session.leave' });
    }
    const d = await user(server);
    const e = await user(server);
    // Median of 4, 6, 10 minutes = 6 minutes; one consultant online.
    expect(await statusWhere(d.client, (s) => s.position === 1 && s.estimatedWaitMs === 6 * 60_000)).toBeTruthy();
    expect(await statusWhere(e.client, (s) => s.position === 2 && s.estimatedWaitMs === 12 * 60_000)).toBeTruthy();
    await consultant(server, 'carol@acme.example');
    expect(await statusWhere(e.client, (s) => s.estimatedWaitMs === 6 * 60_000)).toMatchObject({ position: 2 });
  });

  it('lets exactly one of many concurrent claimers win', async () => {
    const server = await setup();
    await seed(env.db.file, [1, 2, 3, 4, 5].map((n) => ({ email: `c${n}@acme.example`, name: `C${n}` })));
    const claimers = await Promise.all([1, 2, 3, 4, 5].map((n) => env.h.login(server, `c${n}@acme.example`)));
    const u = await user(server);
    for (const { client } of claimers) client.send({ type: 'queue.claim', requestId: u.requestId });
    const outcomes = await Promise.all(
      claimers.map(({ client }) => Promise.race([client.next('queue.claimed').then(() => 'won'), client.next('error').then((e) => e.code)])),
    );
    expect(outcomes.filter((o) => o === 'won')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'already-claimed')).toHaveLength(4);
    expect((await u.client.next('request.claimed')).requestId).toBe(u.requestId);
  });

  it('takes added details, shows the full request, and lets the user cancel', async () => {
    const server = await setup();
    const bob = await consultant(server, 'bob@acme.example');
    const u = await user(server);
    for (let i = 1; i <= 5; i += 1) u.client.send({ type: 'request.add-details', text: `detail ${i}` });
    expect((await u.client.expectError({ type: 'request.add-details', text: 'one too many' })).code).toBe('limit-reached');
    bob.send({ type: 'queue.detail', requestId: u.requestId });
    const { request } = await bob.next('queue.request');
    expect(request).toMatchObject({ description: 'The printer\nsays no.', detailsCount: 5, diagnostics: null });
    expect(request.details.map((d) => d.text)).toEqual(['detail 1', 'detail 2', 'detail 3', 'detail 4', 'detail 5']);
    u.client.send({ type: 'request.cancel' });
    expect(await statusWhere(u.client, (s) => s.state === 'cancelled')).toMatchObject({ position: null });
    for (;;) if ((await bob.next('queue.snapshot')).total === 0) break;
    expect((await u.client.expectError({ type: 'request.cancel' })).code).toBe('invalid-state');
  });

  it('hands a request to a colleague, who alone may claim it', async () => {
    const server = await setup();
    const bob = await consultant(server, 'bob@acme.example');
    const carol = await consultant(server, 'carol@acme.example');
    const dan = await consultant(server, 'dan@acme.example');
    const u = await user(server);
    bob.send({ type: 'queue.claim', requestId: u.requestId });
    await u.client.next('request.claimed');
    bob.send({ type: 'queue.colleagues' });
    const { consultants } = await bob.next('queue.colleagues');
    const carolId = consultants.find((c) => c.name === 'Carol')?.id ?? 0;
    expect(consultants.find((c) => c.name === 'Carol')?.online).toBe(true);
    bob.send({ type: 'queue.handoff', requestId: u.requestId, consultantId: carolId });
    expect((await bob.next('session.ended')).reason).toBe('peer-left');
    expect(await statusWhere(u.client, (s) => s.state === 'waiting' && s.handedOff)).toMatchObject({ position: 1 });
    expect((await dan.expectError({ type: 'queue.claim', requestId: u.requestId })).code).toBe('forbidden');
    carol.send({ type: 'queue.claim', requestId: u.requestId });
    expect((await u.client.next('request.claimed')).verified.name).toBe('Carol');
    expect((await bob.expectError({ type: 'queue.close', requestId: u.requestId, outcome: 'resolved' })).code).toBe('invalid-state');
    // Carol's code lapses unused; claiming her own request again sends the user a fresh one.
    carol.send({ type: 'session.leave' });
    carol.send({ type: 'queue.claim', requestId: u.requestId });
    const fresh = await carol.next('queue.claimed').then(() => u.client.next('request.claimed'));
    expect(fresh.verified.name).toBe('Carol');
  });

  it('refuses the console to sockets that are not logged in, and unknown organisations', async () => {
    const server = await setup();
    const anon = await env.h.client(server);
    expect((await anon.expectError({ type: 'queue.subscribe' })).code).toBe('unauthorized');
    const bad = { type: 'request.submit', organisation: 'nope', category: 'other', description: 'x', contactName: 'Uma' };
    expect((await anon.expectError(bad)).code).toBe('unknown-organisation');
  });

  it('keeps accounts, tokens and requests across a restart; the user reattaches with its resume token', async () => {
    const first = await setup();
    const { token } = await env.h.login(first, 'bob@acme.example');
    const a = await user(first);
    const b = await user(first);
    await first.close();

    const second = await env.h.start({ dbPath: env.db.file, trustProxy: true });
    const bob = await env.h.client(second);
    bob.send({ type: 'auth.resume', token });
    expect((await bob.next('auth.ok')).consultant.name).toBe('Bob');
    const back = await env.h.client(second);
    expect((await back.expectError({ type: 'request.watch', requestId: b.requestId, resumeToken: a.resumeToken })).code).toBe('not-found');
    back.send({ type: 'request.watch', requestId: b.requestId, resumeToken: b.resumeToken });
    expect(await back.next('request.status')).toMatchObject({ requestId: b.requestId, state: 'waiting', position: 2 });
    bob.send({ type: 'queue.subscribe' });
    expect((await bob.next('queue.snapshot')).items.map((i) => [i.id, i.userOnline])).toEqual([
      [a.requestId, false],
      [b.requestId, true],
    ]);
  });
});

describe('verified consultants', () => {
  it('refuses unauthenticated session.create under requireVerifiedConsultants, and binds the code to the account', async () => {
    await seed(env.db.file, [{ email: 'bob@acme.example', name: 'Bob' }]);
    const server = await env.h.start({ dbPath: env.db.file, requireVerifiedConsultants: true });
    const anon = await env.h.client(server);
    expect((await anon.expectError({ type: 'session.create', consultantName: 'Totally Microsoft' })).code).toBe('verification-required');
    const { client: bob } = await env.h.login(server, 'bob@acme.example');
    bob.send({ type: 'session.create', consultantName: 'Someone Else' });
    const { code } = await bob.next('session.created');
    const u = await env.h.client(server);
    u.send({ type: 'session.join', code });
    expect(await u.next('session.joined')).toEqual({ type: 'session.joined', consultantName: 'Bob', verified: { name: 'Bob', organisation: 'Acme IT', organisationId: 'acme' } });
  });
});
