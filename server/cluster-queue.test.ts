import { describe, expect, it } from 'vitest';
import { queueClusterFixture } from './test-support/queue-cluster';

/**
 * The help queue on two instances that share one database and one real redis-server: what
 * happens on one reaches the sockets of the other (queue updates, the claim, alerts).
 */
const { env, twoInstances: startTwo, watchingConsultant } = queueClusterFixture();
const twoInstances = () =>
  startTwo([
    { email: 'bob@acme.example', name: 'Bob' },
    { email: 'carol@acme.example', name: 'Carol' },
    { email: 'ada@acme.example', name: 'Ada', role: 'admin' },
  ]);

describe('the queue across instances (real redis-server)', () => {
  it('a request submitted on B reaches a consultant on A, the claim on A reaches the user on B, and B cannot claim it again', async () => {
    const [a, b] = await twoInstances();
    const bob = await watchingConsultant(a, 'bob@acme.example');
    const carol = await watchingConsultant(b, 'carol@acme.example');
    const user = await env.h.client(b, '10.2.0.1');
    user.send({ type: 'request.submit', organisation: 'acme', category: 'printer', description: 'It jams.', contactName: 'Uma' });
    const { requestId, resumeToken } = await user.next('request.submitted');
    let snapshot = await bob.next('queue.snapshot');
    while (snapshot.total < 1) snapshot = await bob.next('queue.snapshot');
    expect(snapshot.items[0]).toMatchObject({ id: requestId, contactName: 'Uma' });

    bob.send({ type: 'queue.claim', requestId });
    const { code } = await bob.next('session.created');
    await bob.next('queue.claimed');
    expect(await user.next('request.claimed')).toMatchObject({ requestId, code, verified: { name: 'Bob' } });
    expect((await carol.expectError({ type: 'queue.claim', requestId })).code).toBe('already-claimed');

    // The user's app reconnects to the other instance: the pending code is still there for it.
    const again = await env.h.client(a, '10.2.0.1');
    again.send({ type: 'request.watch', requestId, resumeToken });
    expect((await again.next('request.claimed')).code).toBe(code);

    // The code created on A is joined from B; the pair relays across instances.
    user.send({ type: 'session.join', code });
    await user.next('session.joined');
    await bob.next('peer.joined');
    bob.send({ type: 'signal', data: { type: 'offer', sdp: 'v=0' } });
    expect((await user.next('signal')).data).toEqual({ type: 'offer', sdp: 'v=0' });
  });

  it('a waiting request whose app is connected to B does not expire on A; one whose app left B does', async () => {
    const [a, b] = await twoInstances();
    const bob = await watchingConsultant(a, 'bob@acme.example');
    const submit = async (from: string) => {
      const user = await env.h.client(b, from);
      user.send({ type: 'request.submit', organisation: 'acme', category: 'printer', description: 'It jams.', contactName: 'Uma' });
      return { user, ...(await user.next('request.submitted')) };
    };
    const staying = await submit('10.2.1.1');
    const leaving = await submit('10.2.2.1');
    await leaving.user.close();
    let snapshot = await bob.next('queue.snapshot');
    while (!snapshot.items.some((i) => i.id === leaving.requestId && !i.userOnline)) snapshot = await bob.next('queue.snapshot');
    env.h.clock.advance(3 * 60_000);
    while (snapshot.total !== 1) snapshot = await bob.next('queue.snapshot');
    expect(snapshot.items.map((i) => [i.id, i.userOnline])).toEqual([[staying.requestId, true]]);
  });

  it('an admin watching on A is alerted when a user on B reports the consultant', async () => {
    const [a, b] = await twoInstances();
    const ada = await watchingConsultant(a, 'ada@acme.example');
    const { client: bob } = await env.h.login(b, 'bob@acme.example');
    bob.send({ type: 'session.create', consultantName: 'Bob' });
    const { code, sessionId } = await bob.next('session.created');
    const user = await env.h.client(b, '10.2.0.2');
    user.send({ type: 'session.join', code });
    await user.next('session.joined');
    user.send({ type: 'session.report-suspicious' });
    await user.next('session.reported');
    expect(await ada.next('queue.alert')).toMatchObject({ kind: 'contact-reported', consultantName: 'Bob', sessionId });
  });

  it('wrong passwords on A and B count together (sign-in throttles in Redis)', async () => {
    const [a, b] = await twoInstances();
    const codes: string[] = [];
    for (const server of [a, b, a, b]) {
      const client = await env.h.client(server, '10.2.0.3');
      codes.push((await client.expectError({ type: 'auth.login', email: 'bob@acme.example', password: 'wrong password' })).code);
    }
    expect(codes).toEqual(['invalid-credentials', 'invalid-credentials', 'invalid-credentials', 'too-many-attempts']);
  });
});
