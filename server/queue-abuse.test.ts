import { describe, expect, it } from 'vitest';
import { DbAccountStore } from './accounts/account-store';
import { DbAuditLog } from './audit/audit-log';
import { openRecords } from './db/database';
import type { Engine } from './db/schema';
import type { QueuePolicy } from './queue/queue-policy';
import type { SignalingServer } from './signaling-server';
import type { TestClient } from './test-client';
import { freshEachTest, seed } from './test-fixtures';
import { ENGINES, useEngines } from './test-support/engines';

/**
 * Issue 15, weakness 5, reproduced at a bounded size on both engines: the help queue cannot be
 * filled with fakes from one network, abandoned requests expire, and consultants dismiss a
 * flood together (own organisation only, audited).
 */
const env = freshEachTest();
const engines = useEngines();

async function serverOn(engine: Engine, queuePolicy: Partial<QueuePolicy> = {}) {
  const location = await engines.location(engine);
  await seed(location, [{ email: 'bob@acme.example', name: 'Bob' }]);
  await seed(location, [{ email: 'gil@globex.example', name: 'Gil' }], { slug: 'globex', name: 'Globex' });
  const at = engine === 'postgres' ? { databaseUrl: location } : { dbPath: location };
  const start = () => env.h.start({ ...at, trustProxy: true, queuePolicy });
  return { location, start, server: await start() };
}

async function submit(server: SignalingServer, from: string) {
  const client = await env.h.client(server, from);
  client.send({ type: 'request.submit', organisation: 'acme', category: 'other', description: 'Help', contactName: 'Uma' });
  const answer = await client.nextMatching((m) => m.type === 'request.submitted' || m.type === 'error', 'submitted or error');
  return { client, answer };
}

async function watching(server: SignalingServer, email: string) {
  const { client } = await env.h.login(server, email);
  client.send({ type: 'queue.subscribe' });
  await client.next('queue.snapshot');
  return client;
}

async function snapshotWhere(c: TestClient, predicate: (s: { total: number; items: { id: string; userOnline: boolean; networkGroup: string }[] }) => boolean) {
  for (;;) {
    const snapshot = await c.next('queue.snapshot');
    if (predicate(snapshot)) return snapshot;
  }
}

async function stateOf(c: TestClient, state: string) {
  return c.nextMatching((m) => m.type === 'request.status' && m.state === state, `status ${state}`);
}

async function auditOf(location: string, type: 'request.dismissed' | 'request.expired', slug = 'acme') {
  const records = await openRecords(location);
  try {
    const org = await new DbAccountStore(records).organisationBySlug(slug);
    return await new DbAuditLog(records).query(org?.id ?? 0, { type }, 1000);
  } finally {
    await records.close();
  }
}

describe.each(ENGINES)('the help queue under a flood of fakes (%s)', { timeout: 60_000 }, (engine) => {
  it('20 addresses of one /24 × 5 requests cannot fill the queue; a person from another network still gets in', async () => {
    const { server } = await serverOn(engine, { maxWaiting: 30 });
    const outcomes: string[] = [];
    for (let host = 1; host <= 20; host += 1) {
      for (let n = 0; n < 5; n += 1) {
        const { answer } = await submit(server, `203.0.113.${host}`);
        outcomes.push(answer.type === 'error' ? answer.code : 'accepted');
      }
    }
    // The network's share (20 by default) is taken; everything beyond gets the calm refusal.
    expect(outcomes.filter((o) => o === 'accepted')).toHaveLength(20);
    expect(outcomes.filter((o) => o === 'too-many-waiting')).toHaveLength(80);
    const real = await submit(server, '198.51.100.7');
    expect(real.answer.type).toBe('request.submitted');
  });

  it('limits waiting requests per address, with a message that tells nothing about the counting', async () => {
    const { server } = await serverOn(engine, { maxWaitingPerAddress: 2 });
    const answers = [];
    for (let n = 0; n < 3; n += 1) answers.push((await submit(server, '192.0.2.9')).answer);
    expect(answers.map((a) => a.type)).toEqual(['request.submitted', 'request.submitted', 'error']);
    expect(answers[2]).toMatchObject({ code: 'too-many-waiting', message: expect.not.stringMatching(/\d|address|\/24/) as unknown });
  });

  it('counts and inserts as one step: ten submissions at once from one address leave exactly its share', async () => {
    const { server } = await serverOn(engine, { maxWaitingPerAddress: 3 });
    const clients = await Promise.all(Array.from({ length: 10 }, () => env.h.client(server, '192.0.2.44')));
    clients.forEach((client) => client.send({ type: 'request.submit', organisation: 'acme', category: 'other', description: 'Help', contactName: 'Uma' }));
    const answers = await Promise.all(clients.map((client) => client.nextMatching((m) => m.type === 'request.submitted' || m.type === 'error', 'submitted or error')));
    expect(answers.filter((a) => a.type === 'request.submitted')).toHaveLength(3);
  });

  it('ends a request whose app left and did not come back, and one that waited past the maximum age', async () => {
    const { server, location } = await serverOn(engine);
    const bob = await watching(server, 'bob@acme.example');
    const gone = await submit(server, '10.3.0.1');
    const stays = await submit(server, '10.4.0.1');
    if (gone.answer.type !== 'request.submitted' || stays.answer.type !== 'request.submitted') throw new Error('not submitted');
    const goneId = gone.answer.requestId;
    await gone.client.close();
    await snapshotWhere(bob, (s) => s.items.some((i) => i.id === goneId && !i.userOnline));

    env.h.clock.advance(3 * 60_000);
    // The connected person keeps their place; the one who left is gone from the list.
    const after = await snapshotWhere(bob, (s) => s.total === 1);
    expect(after.items.map((i) => i.id)).toEqual([stays.answer.requestId]);
    const back = await env.h.client(server, '10.3.0.1');
    back.send({ type: 'request.watch', requestId: goneId, resumeToken: gone.answer.resumeToken });
    expect(await back.next('request.status')).toMatchObject({ requestId: goneId, state: 'expired', position: null });
    // The place is free again: the same address may ask anew.
    expect((await submit(server, '10.3.0.1')).answer.type).toBe('request.submitted');

    env.h.clock.advance(4 * 60 * 60_000);
    expect(await stateOf(stays.client, 'expired')).toMatchObject({ requestId: stays.answer.requestId });
    await snapshotWhere(bob, (s) => s.total === 0);
    const reasons = (await auditOf(location, 'request.expired')).map((e) => [e.requestId, e.detail.reason]);
    expect(reasons).toContainEqual([goneId, 'abandoned']);
    expect(reasons).toContainEqual([stays.answer.requestId, 'max-age']);
  });

  it('expires a request from before a restart whose person does not come back, and keeps one who does', async () => {
    const first = await serverOn(engine);
    const gone = await submit(first.server, '10.6.0.1');
    const returning = await submit(first.server, '10.7.0.1');
    if (gone.answer.type !== 'request.submitted' || returning.answer.type !== 'request.submitted') throw new Error('not submitted');
    await first.server.close();

    const second = await first.start();
    const bob = await watching(second, 'bob@acme.example');
    const back = await env.h.client(second, '10.7.0.1');
    back.send({ type: 'request.watch', requestId: returning.answer.requestId, resumeToken: returning.answer.resumeToken });
    await back.next('request.status');
    env.h.clock.advance(3 * 60_000);
    const after = await snapshotWhere(bob, (s) => s.total === 1);
    expect(after.items.map((i) => i.id)).toEqual([returning.answer.requestId]);
  });

  it('lets a consultant dismiss a flood from one network at once, in their own organisation only, audited', async () => {
    const { server, location } = await serverOn(engine);
    const bob = await watching(server, 'bob@acme.example');
    const fakes = [await submit(server, '203.0.113.10'), await submit(server, '203.0.113.11'), await submit(server, '203.0.113.12')];
    const real = await submit(server, '198.51.100.20');
    const ids = fakes.map((f) => (f.answer.type === 'request.submitted' ? f.answer.requestId : ''));
    const realId = real.answer.type === 'request.submitted' ? real.answer.requestId : '';
    const snapshot = await snapshotWhere(bob, (s) => s.total === 4);
    const groups = new Map(snapshot.items.map((i) => [i.id, i.networkGroup]));
    // One opaque label for the flood's network, another for the person's; no address anywhere.
    expect(new Set(ids.map((id) => groups.get(id))).size).toBe(1);
    expect(groups.get(realId)).not.toBe(groups.get(ids[0] ?? ''));
    expect(JSON.stringify(snapshot)).not.toMatch(/203\.0\.113|198\.51\.100/);

    // A consultant of another organisation cannot touch acme's requests, even by id.
    const { client: gil } = await env.h.login(server, 'gil@globex.example');
    gil.send({ type: 'queue.dismiss', requestIds: [realId, ids[0] ?? ''], sameNetwork: true, reason: 'abuse' });
    expect(await gil.next('queue.dismissed')).toMatchObject({ count: 0 });
    // Only the reason the console offers is accepted; the message is checked before anything happens.
    const unknownReason: Record<string, unknown> = { type: 'queue.dismiss', requestIds: [realId], reason: 'because' };
    expect((await bob.expectError(unknownReason)).code).toBe('invalid-message');
    const anon = await env.h.client(server);
    expect((await anon.expectError({ type: 'queue.dismiss', requestIds: [realId], reason: 'abuse' })).code).toBe('unauthorized');

    bob.send({ type: 'queue.dismiss', requestIds: [ids[0] ?? ''], sameNetwork: true, reason: 'abuse' });
    expect(await bob.next('queue.dismissed')).toMatchObject({ count: 3 });
    for (const fake of fakes) await stateOf(fake.client, 'dismissed');
    const left = await snapshotWhere(bob, (s) => s.total === 1);
    expect(left.items.map((i) => i.id)).toEqual([realId]);

    const trail = await auditOf(location, 'request.dismissed');
    expect(trail.map((e) => e.requestId).sort()).toEqual([...ids].sort());
    expect(trail.every((e) => e.detail.reason === 'abuse' && e.consultantName === 'Bob' && e.address?.startsWith('203.0.113.'))).toBe(true);
    expect(await auditOf(location, 'request.dismissed', 'globex')).toEqual([]);
  });
});
