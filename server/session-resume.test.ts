import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../shared/log';
import type { SignalData } from '../shared/signaling';
import { startSignalingServer, type SignalingServer, type SignalingServerOptions } from './signaling-server';
import { manualClock, TestClient } from './test-client';
import { MAX_QUEUED_SIGNALS } from './sessions/session-resume';

const servers: SignalingServer[] = [];
const clients: TestClient[] = [];
const KEY = Buffer.alloc(32, 7);

afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.close()));
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

const clock = manualClock();

async function start(options: SignalingServerOptions = {}) {
  const server = await startSignalingServer({ host: '127.0.0.1', port: 0, logger: silentLogger, now: clock.now, sweepIntervalMs: 10, resumeKey: KEY, ...options });
  servers.push(server);
  return server;
}

async function client(server: SignalingServer) {
  const connected = await TestClient.ready(server.wsUrl);
  clients.push(connected);
  return connected;
}

/** A paired session, with each member's resume secret. */
async function paired(server: SignalingServer) {
  const consultant = await client(server);
  consultant.send({ type: 'session.create', consultantName: 'Alice' });
  const { code, sessionId } = await consultant.next('session.created');
  const user = await client(server);
  user.send({ type: 'session.join', code });
  await user.next('session.joined');
  await consultant.next('peer.joined');
  const userToken = await user.next('session.resume-token');
  const consultantToken = await consultant.next('session.resume-token');
  expect(userToken.sessionId).toBe(sessionId);
  expect(consultantToken.sessionId).toBe(sessionId);
  // Never the code, and one secret per member.
  expect(userToken.token).not.toContain(code);
  expect(userToken.token).not.toBe(consultantToken.token);
  return { consultant, user, sessionId, userToken: userToken.token, consultantToken: consultantToken.token };
}

const offer: SignalData = { type: 'offer', sdp: 'v=0\r\n' };
const answer: SignalData = { type: 'answer', sdp: 'v=0\r\n' };

describe('resuming a session', () => {
  it('a member whose socket dropped takes its place back; signals sent meanwhile arrive; the secret is single use', async () => {
    const server = await start();
    const { consultant, user, sessionId, userToken } = await paired(server);
    await user.close();
    await consultant.next('peer.away');
    consultant.send({ type: 'signal', data: offer });

    const back = await client(server);
    back.send({ type: 'session.resume', token: userToken });
    expect(await back.next('session.resumed')).toEqual({ type: 'session.resumed', sessionId, peerPresent: true });
    const rotated = await back.next('session.resume-token');
    expect(rotated.token).not.toBe(userToken);
    expect((await back.next('signal')).data).toEqual(offer);
    await consultant.next('peer.back');
    back.send({ type: 'signal', data: answer });
    expect((await consultant.next('signal')).data).toEqual(answer);

    // The old secret is void now, even for a socket that is not in a session.
    const replay = await client(server);
    expect((await replay.expectError({ type: 'session.resume', token: userToken })).code).toBe('resume-refused');
  });

  it('keeps at most a bounded number of signals for an away member', async () => {
    const server = await start({ limits: { burst: 500, messagesPerSecond: 1000, maxDropped: 500 } });
    const { consultant, user, userToken } = await paired(server);
    await user.close();
    await consultant.next('peer.away');
    for (let i = 0; i < MAX_QUEUED_SIGNALS + 5; i += 1) consultant.send({ type: 'signal', data: { type: 'offer', sdp: `v=${i}` } });
    // A round trip through the server after the signals: they are all handled by then.
    consultant.send({ type: 'session.resume', token: userToken });
    await consultant.next('error');
    const back = await client(server);
    back.send({ type: 'session.resume', token: userToken });
    await back.next('session.resumed');
    const received: SignalData[] = [];
    for (let i = 0; i < MAX_QUEUED_SIGNALS; i += 1) received.push((await back.next('signal')).data);
    expect(received[0]).toEqual({ type: 'offer', sdp: 'v=0' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(back.pending().filter((m) => m.type === 'signal')).toEqual([]);
  });

  it('refuses forged, tampered and expired secrets, and secrets of ended sessions', async () => {
    const server = await start({ resumeTokenTtlMs: 60 * 60 * 1000 });
    const { consultant, user, userToken, consultantToken } = await paired(server);
    const stranger = await client(server);
    const flipped = userToken.slice(0, 10) + (userToken[10] === 'A' ? 'B' : 'A') + userToken.slice(11);
    for (const token of [flipped, `v1.${'A'.repeat(80)}`, `v2.${userToken.slice(3)}`]) {
      expect((await stranger.expectError({ type: 'session.resume', token })).code).toBe('resume-refused');
    }
    // A secret sealed by another server's key is a forgery here.
    const other = await start({ resumeKey: Buffer.alloc(32, 9) });
    const foreign = await paired(other);
    expect((await stranger.expectError({ type: 'session.resume', token: foreign.userToken })).code).toBe('resume-refused');

    user.send({ type: 'session.leave' });
    await consultant.next('session.ended');
    expect((await stranger.expectError({ type: 'session.resume', token: userToken })).code).toBe('resume-refused');
    clock.advance(60 * 60 * 1000);
    expect((await stranger.expectError({ type: 'session.resume', token: consultantToken })).code).toBe('resume-refused');
  });

  it('gives up an away member’s place after the grace period', async () => {
    const server = await start({ resumeGraceMs: 30_000 });
    const { consultant, user, userToken } = await paired(server);
    await user.close();
    expect((await consultant.next('peer.away')).until).toBe(clock.now() + 30_000);
    clock.advance(30_000);
    expect((await consultant.next('session.ended')).reason).toBe('peer-disconnected');
    const late = await client(server);
    expect((await late.expectError({ type: 'session.resume', token: userToken })).code).toBe('resume-refused');
  });

  it('keeps the place while the user’s computer restarts, up to the server’s limit', async () => {
    const server = await start({ resumeGraceMs: 30_000, restartMaxMs: 10 * 60 * 1000 });
    const { consultant, user, userToken } = await paired(server);
    user.send({ type: 'session.away', reason: 'restart', forMs: 15 * 60 * 1000 });
    // Only the helped person's app may announce it.
    expect((await consultant.expectError({ type: 'session.away', reason: 'restart', forMs: 60_000 })).code).toBe('not-in-session');
    await user.close();
    const away = await consultant.next('peer.away');
    expect(away).toEqual({ type: 'peer.away', reason: 'restart', until: clock.now() + 10 * 60 * 1000 });
    clock.advance(5 * 60 * 1000);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(consultant.pending().map((m) => m.type)).not.toContain('session.ended');
    const rebooted = await client(server);
    rebooted.send({ type: 'session.resume', token: userToken });
    expect((await rebooted.next('session.resumed')).peerPresent).toBe(true);
    await consultant.next('peer.back');
  });

  it('re-registers a live session with a server that restarted and forgot it', async () => {
    const first = await start();
    const { port } = first;
    const { consultant, user, sessionId, userToken, consultantToken } = await paired(first);
    await first.close();
    await Promise.all([consultant.closed, user.closed]);
    const restarted = await start({ port });

    const userAgain = await client(restarted);
    userAgain.send({ type: 'session.resume', token: userToken });
    expect(await userAgain.next('session.resumed')).toEqual({ type: 'session.resumed', sessionId, peerPresent: false });
    await userAgain.next('session.resume-token');
    // The first one back hears that the other is not here yet, and until when it is waited for.
    expect(await userAgain.next('peer.away')).toEqual({ type: 'peer.away', reason: 'network', until: clock.now() + 2 * 60 * 1000 });
    const consultantAgain = await client(restarted);
    consultantAgain.send({ type: 'session.resume', token: consultantToken });
    expect((await consultantAgain.next('session.resumed')).peerPresent).toBe(true);
    await userAgain.next('peer.back');
    consultantAgain.send({ type: 'signal', data: offer });
    expect((await userAgain.next('signal')).data).toEqual(offer);
    // Events are recorded again for the re-registered session.
    userAgain.send({ type: 'audit.report', event: { type: 'consent.given', scope: 'view' } });
    await userAgain.next('audit.recorded');
  });

  it('a re-registered session whose other member never comes back ends after the grace period', async () => {
    const first = await start({ resumeGraceMs: 20_000 });
    const { port } = first;
    const { consultant, user, userToken } = await paired(first);
    await first.close();
    await Promise.all([consultant.closed, user.closed]);
    const restarted = await start({ port, resumeGraceMs: 20_000 });
    const userAgain = await client(restarted);
    userAgain.send({ type: 'session.resume', token: userToken });
    await userAgain.next('session.resumed');
    clock.advance(20_000);
    expect((await userAgain.next('session.ended')).reason).toBe('peer-disconnected');
  });

  it('refuses a resume on a socket that is already in a session, and resume secrets before pairing do not exist', async () => {
    const server = await start();
    const { consultant, userToken } = await paired(server);
    expect((await consultant.expectError({ type: 'session.resume', token: userToken })).code).toBe('already-in-session');
    const waiting = await client(server);
    waiting.send({ type: 'session.create', consultantName: 'Bob' });
    await waiting.next('session.created');
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(waiting.pending().map((m) => m.type)).not.toContain('session.resume-token');
  });
});
