import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../shared/log';
import { MAX_MESSAGE_BYTES, SESSION_CODE_TTL_MS, type SignalData } from '../shared/signaling';
import { startSignalingServer, type SignalingServer, type SignalingServerOptions } from './signaling-server';
import { manualClock, otherLookup, TestClient, wrongSecret } from './test-client';

const servers: SignalingServer[] = [];
const clients: TestClient[] = [];

afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.close()));
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function setup(options: SignalingServerOptions = {}) {
  const clock = manualClock();
  const server = await startSignalingServer({ host: '127.0.0.1', port: 0, logger: silentLogger, now: clock.now, sweepIntervalMs: 10, ...options });
  servers.push(server);
  const client = async (headers?: Record<string, string>) => {
    const connected = await TestClient.ready(server.wsUrl, headers);
    clients.push(connected);
    return connected;
  };
  return { server, clock, client };
}

/** A consultant with a waiting code. */
async function waitingConsultant(client: () => Promise<TestClient>) {
  const consultant = await client();
  consultant.send({ type: 'session.create', consultantName: 'Alice' });
  const { code, expiresAt } = await consultant.next('session.created');
  return { consultant, code, expiresAt };
}

/** Same lookup digits, different secret. */

const offer: SignalData = { type: 'offer', sdp: 'v=0\r\n' };
const answer: SignalData = { type: 'answer', sdp: 'v=0\r\n' };

describe('pairing', () => {
  it('sends a hello, pairs consultant and user, and relays signals both ways', async () => {
    const { client, server } = await setup({ rtc: { iceServers: [{ urls: 'stun:127.0.0.1:3478' }], iceTransportPolicy: 'all', candidateFilter: 'loopback' } });
    const raw = await TestClient.connect(server.wsUrl);
    clients.push(raw);
    expect(await raw.next('hello')).toEqual({ type: 'hello', protocol: 1, rtc: { iceServers: [{ urls: 'stun:127.0.0.1:3478' }], iceTransportPolicy: 'all', candidateFilter: 'loopback' } });

    const { consultant, code, expiresAt } = await waitingConsultant(client);
    expect(code).toMatch(/^\d{9}$/);
    expect(expiresAt).toBeGreaterThan(0);
    const user = await client();
    user.send({ type: 'session.join', code });
    expect(await user.next('session.joined')).toEqual({ type: 'session.joined', consultantName: 'Alice', verified: null });
    await consultant.next('peer.joined');

    consultant.send({ type: 'signal', data: offer });
    expect((await user.next('signal')).data).toEqual(offer);
    user.send({ type: 'signal', data: answer });
    expect((await consultant.next('signal')).data).toEqual(answer);
  });

  it('refuses signals outside a paired session', async () => {
    const { client } = await setup();
    const loner = await client();
    expect((await loner.expectError({ type: 'signal', data: offer })).code).toBe('not-in-session');
    const { consultant } = await waitingConsultant(client);
    expect((await consultant.expectError({ type: 'signal', data: offer })).code).toBe('not-in-session');
  });

  it('allows one session per socket', async () => {
    const { client } = await setup();
    const { consultant } = await waitingConsultant(client);
    expect((await consultant.expectError({ type: 'session.create', consultantName: 'Alice' })).code).toBe('already-in-session');
    expect((await consultant.expectError({ type: 'session.join', code: '123456789' })).code).toBe('already-in-session');
  });

  it('answers wrong-code alike for an unknown lookup and a wrong secret', async () => {
    const { client } = await setup();
    const { code } = await waitingConsultant(client);
    const user = await client();
    const unknownLookup = otherLookup(code);
    const a = await user.expectError({ type: 'session.join', code: unknownLookup });
    const b = await user.expectError({ type: 'session.join', code: wrongSecret(code) });
    expect(a.code).toBe('wrong-code');
    expect(b).toEqual(a);
  });

  it('expires unjoined codes: the consultant is told, a late join gets expired-code', async () => {
    const { client, clock } = await setup();
    const { consultant, code } = await waitingConsultant(client);
    clock.advance(SESSION_CODE_TTL_MS);
    expect((await consultant.next('session.ended')).reason).toBe('expired');
    const user = await client();
    expect((await user.expectError({ type: 'session.join', code })).code).toBe('expired-code');
    // The consultant is free again.
    consultant.send({ type: 'session.create', consultantName: 'Alice' });
    await consultant.next('session.created');
  });

  it('honours codeTtlMs', async () => {
    const { client, clock } = await setup({ codeTtlMs: 30_000 });
    const { consultant, expiresAt } = await waitingConsultant(client);
    expect(expiresAt).toBe(clock.now() + 30_000);
    clock.advance(30_000);
    expect((await consultant.next('session.ended')).reason).toBe('expired');
  });

  it('uses a code once', async () => {
    const { client } = await setup();
    const { code } = await waitingConsultant(client);
    const first = await client();
    first.send({ type: 'session.join', code });
    await first.next('session.joined');
    const second = await client();
    expect((await second.expectError({ type: 'session.join', code })).code).toBe('used-code');
  });

  it('revokes a code after 5 wrong tries against it and tells the consultant', async () => {
    const { client, clock } = await setup();
    const { consultant, code } = await waitingConsultant(client);
    const guesser = await client();
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      const reply = await guesser.expectError({ type: 'session.join', code: wrongSecret(code) });
      expect(reply.code).toBe('wrong-code');
      // Past the join throttle's delay (1 s, then 2 s after the three free failures), far from the
      // code's 10-minute expiry: the server's sweep runs every 10 ms and must not expire it meanwhile.
      clock.advance(10_000);
      if (attempt < 5) expect(consultant.pending()).toEqual([]);
    }
    expect((await consultant.next('session.ended')).reason).toBe('code-revoked');
    const user = await client();
    expect((await user.expectError({ type: 'session.join', code })).code).toBe('wrong-code');
  });
});

describe('join throttling', () => {
  it('grows the delay after three free failures and reports retryAfterMs', async () => {
    const { client, clock } = await setup();
    const user = await client();
    const tryJoin = () => user.expectError({ type: 'session.join', code: '000000000' });
    for (let i = 0; i < 3; i += 1) expect((await tryJoin()).code).toBe('wrong-code');
    for (const delay of [1000, 2000, 4000, 8000]) {
      expect(await tryJoin()).toMatchObject({ code: 'too-many-attempts', retryAfterMs: delay });
      clock.advance(delay - 1);
      expect(await tryJoin()).toMatchObject({ code: 'too-many-attempts', retryAfterMs: 1 });
      clock.advance(1);
      expect((await tryJoin()).code).toBe('wrong-code');
    }
  });

  it('caps the delay at 5 minutes and applies per address, not per socket', async () => {
    const { client, clock } = await setup();
    const first = await client();
    for (let i = 0; i < 3; i += 1) await first.expectError({ type: 'session.join', code: '000000000' });
    for (let i = 0; i < 12; i += 1) {
      const reply = await first.expectError({ type: 'session.join', code: '000000000' });
      clock.advance(reply.retryAfterMs ?? 0);
      await first.expectError({ type: 'session.join', code: '000000000' });
    }
    const second = await client();
    expect(await second.expectError({ type: 'session.join', code: '000000000' })).toMatchObject({ code: 'too-many-attempts', retryAfterMs: 5 * 60 * 1000 });
  });

  it('forgets failures after 15 quiet minutes, but a success does not reset them', async () => {
    const { client, clock } = await setup();
    const user = await client();
    for (let i = 0; i < 3; i += 1) await user.expectError({ type: 'session.join', code: '000000000' });
    expect((await user.expectError({ type: 'session.join', code: '000000000' })).code).toBe('too-many-attempts');

    clock.advance(1000);
    const { code } = await waitingConsultant(client);
    user.send({ type: 'session.join', code });
    await user.next('session.joined');
    const other = await client();
    expect((await other.expectError({ type: 'session.join', code: '000000000' })).code).toBe('wrong-code');
    expect((await other.expectError({ type: 'session.join', code: '000000000' })).code).toBe('too-many-attempts');

    clock.advance(15 * 60 * 1000);
    for (let i = 0; i < 3; i += 1) expect((await other.expectError({ type: 'session.join', code: '000000000' })).code).toBe('wrong-code');
  });

  it('uses X-Forwarded-For only when trustProxy is set', async () => {
    const { client } = await setup({ trustProxy: true });
    const a = await client({ 'X-Forwarded-For': '198.51.100.7, 203.0.113.1' });
    const b = await client({ 'X-Forwarded-For': '203.0.113.2' });
    for (let i = 0; i < 3; i += 1) await a.expectError({ type: 'session.join', code: '000000000' });
    expect((await a.expectError({ type: 'session.join', code: '000000000' })).code).toBe('too-many-attempts');
    expect((await b.expectError({ type: 'session.join', code: '000000000' })).code).toBe('wrong-code');

    const untrusting = await setup();
    const c = await untrusting.client({ 'X-Forwarded-For': '203.0.113.3' });
    const d = await untrusting.client({ 'X-Forwarded-For': '203.0.113.4' });
    for (let i = 0; i < 3; i += 1) await c.expectError({ type: 'session.join', code: '000000000' });
    expect((await d.expectError({ type: 'session.join', code: '000000000' })).code).toBe('too-many-attempts');
  });

  it('ignores a forged X-Forwarded-For from a peer that is not in TRUSTED_PROXIES', async () => {
    // Our proxy is elsewhere; this loopback client is not it, so its headers count for nothing.
    const { client } = await setup({ trustedProxies: ['192.0.2.1', '10.0.0.0/8'] });
    for (let i = 0; i < 3; i += 1) {
      const forger = await client({ 'X-Forwarded-For': `203.0.113.${i + 10}` });
      expect((await forger.expectError({ type: 'session.join', code: '000000000' })).code).toBe('wrong-code');
    }
    const fresh = await client({ 'X-Forwarded-For': '203.0.113.99' });
    expect((await fresh.expectError({ type: 'session.join', code: '000000000' })).code).toBe('too-many-attempts');
  });
});

describe('ending sessions', () => {
  async function paired() {
    const env = await setup();
    const { consultant, code } = await waitingConsultant(env.client);
    const user = await env.client();
    user.send({ type: 'session.join', code });
    await user.next('session.joined');
    await consultant.next('peer.joined');
    return { ...env, consultant, user, code };
  }

  it('decline tells the consultant and dissolves the pairing', async () => {
    const { consultant, user } = await paired();
    user.send({ type: 'session.decline' });
    expect((await consultant.next('session.ended')).reason).toBe('declined');
    expect((await user.expectError({ type: 'signal', data: offer })).code).toBe('not-in-session');
    expect((await consultant.expectError({ type: 'session.decline' })).code).toBe('not-in-session');
  });

  it('leave tells the other side, from either side', async () => {
    const first = await paired();
    first.user.send({ type: 'session.leave' });
    expect((await first.consultant.next('session.ended')).reason).toBe('peer-left');
    const second = await paired();
    second.consultant.send({ type: 'session.leave' });
    expect((await second.user.next('session.ended')).reason).toBe('peer-left');
  });

  it('a disconnect tells the other side it is away, and the session ends once its place is given up', async () => {
    const { consultant, user, clock } = await paired();
    await user.close();
    const away = await consultant.next('peer.away');
    expect(away).toMatchObject({ reason: 'network', until: clock.now() + 2 * 60 * 1000 });
    clock.advance(2 * 60 * 1000);
    expect((await consultant.next('session.ended')).reason).toBe('peer-disconnected');
  });

  it('a consultant who leaves or disconnects before anyone joined revokes the code', async () => {
    const { client } = await setup();
    const leaving = await waitingConsultant(client);
    leaving.consultant.send({ type: 'session.leave' });
    const disconnecting = await waitingConsultant(client);
    await disconnecting.consultant.close();
    const user = await client();
    expect((await user.expectError({ type: 'session.join', code: leaving.code })).code).toBe('wrong-code');
    expect((await user.expectError({ type: 'session.join', code: disconnecting.code })).code).toBe('wrong-code');
  });
});

describe('hostile input', () => {
  it('answers each bad frame with a clear error and keeps serving everyone', async () => {
    const { client } = await setup();
    const bad = await client();
    const cases: [string | Buffer, boolean, string][] = [
      ['{not json', false, 'invalid-message'],
      [JSON.stringify({ type: 'session.join', code: '12' }), false, 'invalid-message'],
      [JSON.stringify({ type: 'session.hack' }), false, 'invalid-message'],
      [JSON.stringify({ type: 'session.leave', extra: true }), false, 'invalid-message'],
      [JSON.stringify({ type: 'signal', data: { type: 'offer', sdp: 'x', evil: 1 } }), false, 'invalid-message'],
      [JSON.stringify({ type: 'session.create', consultantName: 'Eve\u202e' }), false, 'invalid-message'],
      [Buffer.from('{"type":"session.leave"}'), true, 'invalid-message'],
      ['x'.repeat(MAX_MESSAGE_BYTES + 1), false, 'message-too-large'],
      [JSON.stringify({ type: 'session.create', consultantName: 'é'.repeat(MAX_MESSAGE_BYTES / 2) }), false, 'message-too-large'],
    ];
    for (const [frame, binary, code] of cases) {
      bad.sendRaw(frame, binary);
      const reply = await bad.next('error');
      expect(reply.code).toBe(code);
      expect(reply.message.length).toBeGreaterThan(0);
    }
    // The misbehaving socket is still usable, and so is the server for a newcomer.
    bad.send({ type: 'session.create', consultantName: 'Bob' });
    await bad.next('session.created');
    const { code } = await waitingConsultant(client);
    const user = await client();
    user.send({ type: 'session.join', code });
    await user.next('session.joined');
  });

  it('closes a socket that keeps sending invalid messages (1008)', async () => {
    const { client } = await setup();
    const bad = await client();
    for (let i = 0; i < 25; i += 1) bad.sendRaw('nope');
    expect(await bad.closed).toBe(1008);
    const good = await client();
    good.send({ type: 'session.create', consultantName: 'Alice' });
    await good.next('session.created');
  });

  it('rate-limits a flood, then closes the socket (1008)', async () => {
    const { client } = await setup();
    const flooder = await client();
    for (let i = 0; i < 200; i += 1) flooder.send({ type: 'session.leave' });
    const closed = await flooder.closed;
    // The burst is handled (answered "not in session" while the socket is still open); the rest
    // is refused as a flood. How the two interleave depends on how the frames arrived, and
    // answers still queued when the flood closes the socket are never sent.
    const codes = new Set<string>();
    for (const message of flooder.pending()) if (message.type === 'error') codes.add(message.code);
    expect(codes).toContain('rate-limited');
    expect([...codes].every((code) => code === 'rate-limited' || code === 'not-in-session')).toBe(true);
    expect(closed).toBe(1008);
    const good = await client();
    good.send({ type: 'session.create', consultantName: 'Alice' });
    await good.next('session.created');
  });

  it('refuses WebSocket upgrades on other paths', async () => {
    const { server } = await setup();
    await expect(TestClient.connect(server.wsUrl.replace('/ws', '/other'))).rejects.toThrow(/404/);
  });
});
