import { describe, expect, it } from 'vitest';
import type { SignalingServer } from './signaling-server';
import { answer, clusterFixture, offer } from './test-support/cluster';
import { manualClock, wrongSecret } from './test-client';
import { turnSessionTag } from './turn-credentials';

/**
 * Two instances sharing live sessions through a real redis-server: a consultant on one and a
 * user on the other pair, relay both ways, and resume on either.
 */
const clock = manualClock();
const { cluster, client } = clusterFixture({ host: '127.0.0.1', now: clock.now, sweepIntervalMs: 10, resumeKey: Buffer.alloc(32, 5), trustProxy: true });

async function pairedAcross(a: SignalingServer, b: SignalingServer) {
  const consultant = await client(a);
  consultant.send({ type: 'session.create', consultantName: 'Alice' });
  const { code, sessionId } = await consultant.next('session.created');
  const user = await client(b);
  user.send({ type: 'session.join', code });
  expect((await user.next('session.joined')).consultantName).toBe('Alice');
  await consultant.next('peer.joined');
  const userToken = (await user.next('session.resume-token')).token;
  const consultantToken = (await consultant.next('session.resume-token')).token;
  return { consultant, user, sessionId, userToken, consultantToken };
}

describe('sessions across instances (real redis-server)', () => {
  it('pairs a consultant on A with a user on B and relays both ways', async () => {
    const [a, b] = await cluster(2);
    if (!a || !b) throw new Error('two instances');
    const { consultant, user } = await pairedAcross(a, b);
    consultant.send({ type: 'signal', data: offer });
    expect((await user.next('signal')).data).toEqual(offer);
    user.send({ type: 'signal', data: answer });
    expect((await consultant.next('signal')).data).toEqual(answer);
    user.send({ type: 'session.leave' });
    expect((await consultant.next('session.ended')).reason).toBe('peer-left');
  });

  it('TURN credentials reach a consultant on the other instance with peer.joined, bound to the session, and come fresh with a resume elsewhere', async () => {
    const secret = 'a-shared-coturn-secret';
    const [a, b] = await cluster(2, { turnRest: { urls: ['turn:127.0.0.1:3478'], secret, ttlS: 300 } });
    if (!a || !b) throw new Error('two instances');
    const consultant = await client(a);
    consultant.send({ type: 'session.create', consultantName: 'Alice' });
    const { code, sessionId } = await consultant.next('session.created');
    const user = await client(b);
    user.send({ type: 'session.join', code });
    const forUser = (await user.next('session.joined')).ice?.iceServers[0];
    const forConsultant = (await consultant.next('peer.joined')).ice?.iceServers[0];
    expect(forConsultant).toEqual(forUser);
    expect(forConsultant?.username).toBe(`${clock.now() / 1000 + 300}:${turnSessionTag(secret, sessionId ?? '')}`);
    const userToken = (await user.next('session.resume-token')).token;

    await user.close();
    clock.advance(60_000);
    const moved = await client(a);
    moved.send({ type: 'session.resume', token: userToken });
    expect((await moved.next('session.resumed')).ice?.iceServers[0]?.username).toBe(`${clock.now() / 1000 + 300}:${turnSessionTag(secret, sessionId ?? '')}`);
  });

  it('a member whose instance stops resumes on the other one; signals sent meanwhile arrive', async () => {
    const [a, b] = await cluster(2);
    if (!a || !b) throw new Error('two instances');
    const { consultant, user, sessionId, userToken } = await pairedAcross(a, b);
    await b.close();
    await user.closed;
    expect((await consultant.next('peer.away')).reason).toBe('network');
    consultant.send({ type: 'signal', data: offer });
    const moved = await client(a);
    moved.send({ type: 'session.resume', token: userToken });
    expect(await moved.next('session.resumed')).toEqual({ type: 'session.resumed', sessionId, peerPresent: true });
    expect((await moved.next('signal')).data).toEqual(offer);
    await consultant.next('peer.back');
  });

  it('notices a member whose instance died without a word, and ends the session for the other after the grace period', async () => {
    const [a, b] = await cluster(2, { resumeGraceMs: 30_000 });
    if (!a || !b) throw new Error('two instances');
    const { consultant } = await pairedAcross(a, b);
    // Nothing listens on B's channel any more, as after kill -9 (its sockets are gone with it).
    b.subscriber.disconnect();
    await new Promise((resolve) => setTimeout(resolve, 50));
    consultant.send({ type: 'signal', data: offer });
    const away = await consultant.next('peer.away');
    expect(away.until).toBe(clock.now() + 30_000);
    clock.advance(30_000);
    expect((await consultant.next('session.ended')).reason).toBe('peer-disconnected');
  });

  it('a secret is single use across instances', async () => {
    const [a, b] = await cluster(2);
    if (!a || !b) throw new Error('two instances');
    const { user, userToken } = await pairedAcross(a, b);
    await user.close();
    const first = await client(a);
    first.send({ type: 'session.resume', token: userToken });
    await first.next('session.resumed');
    const second = await client(b);
    expect((await second.expectError({ type: 'session.resume', token: userToken })).code).toBe('resume-refused');
  });

  it('a code made on A is joined on B once; wrong guesses spread over A and B revoke it after five', async () => {
    const [a, b] = await cluster(2);
    if (!a || !b) throw new Error('two instances');
    const consultant = await client(a);
    consultant.send({ type: 'session.create', consultantName: 'Alice' });
    const { code } = await consultant.next('session.created');
    const wrong = wrongSecret(code);
    for (let i = 0; i < 5; i += 1) {
      // A fresh address per guess: the per-code count, not the per-address throttle, stops these.
      const guesser = await client(i % 2 === 0 ? a : b, `198.51.100.${i + 1}`);
      expect((await guesser.expectError({ type: 'session.join', code: wrong })).code).toBe('wrong-code');
    }
    expect((await consultant.next('session.ended')).reason).toBe('code-revoked');
    const late = await client(b, '198.51.100.99');
    expect((await late.expectError({ type: 'session.join', code })).code).toBe('wrong-code');
  });

  it('a correct code is redeemed once even when joined on A and B at the same time', async () => {
    const [a, b] = await cluster(2);
    if (!a || !b) throw new Error('two instances');
    const consultant = await client(a);
    consultant.send({ type: 'session.create', consultantName: 'Alice' });
    const { code } = await consultant.next('session.created');
    const [first, second] = [await client(a, '198.51.100.1'), await client(b, '198.51.100.2')];
    first.send({ type: 'session.join', code });
    second.send({ type: 'session.join', code });
    const outcomes = await Promise.all([first, second].map((joiner) => Promise.race([joiner.next('session.joined').then(() => 'joined'), joiner.next('error').then((error) => error.code)])));
    expect(outcomes.sort()).toEqual(['joined', 'used-code']);
  });

  it('counts one address’s failures on A and B together', async () => {
    const [a, b] = await cluster(2);
    if (!a || !b) throw new Error('two instances');
    const from = '203.0.113.7';
    // Three failures are free (policy); after the third, wherever it landed, both instances make it wait.
    for (const server of [a, b, a]) {
      const guesser = await client(server, from);
      expect((await guesser.expectError({ type: 'session.join', code: '999999999' })).code).toBe('wrong-code');
    }
    for (const server of [a, b]) {
      const guesser = await client(server, from);
      const refused = await guesser.expectError({ type: 'session.join', code: '999999999' });
      expect(refused.code).toBe('too-many-attempts');
      expect(refused.retryAfterMs).toBe(1000);
    }
    const elsewhere = await client(b, '203.0.113.8');
    expect((await elsewhere.expectError({ type: 'session.join', code: '999999999' })).code).toBe('wrong-code');
  });
});
