import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger, silentLogger } from '../shared/log';
import type { IceServer, SessionIce } from '../shared/signaling';
import { startSignalingServer, type SignalingServer, type SignalingServerOptions } from './signaling-server';
import { manualClock, TestClient } from './test-client';
import { TURN_CREDENTIAL_TTL_S, turnRestCredentials, turnSessionTag } from './turn-credentials';

const SECRET = 'a-long-shared-secret';
const TURN_URL = 'turn:127.0.0.1:3478?transport=udp';
const clock = manualClock(Date.UTC(2030, 0, 1));
const servers: SignalingServer[] = [];
const clients: TestClient[] = [];

afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.close()));
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function start(options: SignalingServerOptions = {}) {
  const server = await startSignalingServer({
    port: 0,
    logger: silentLogger,
    now: clock.now,
    resumeKey: Buffer.alloc(32, 3),
    rtc: { iceServers: [{ urls: 'stun:127.0.0.1:3478' }], iceTransportPolicy: 'relay', candidateFilter: 'any' },
    turnRest: { urls: [TURN_URL], secret: SECRET, ttlS: 300 },
    ...options,
  });
  servers.push(server);
  return server;
}

async function client(server: SignalingServer) {
  const connected = await TestClient.connect(server.wsUrl);
  clients.push(connected);
  return connected;
}

async function paired(server: SignalingServer) {
  const consultant = await client(server);
  const consultantHello = await consultant.next('hello');
  consultant.send({ type: 'session.create', consultantName: 'Alice' });
  const { code, sessionId } = await consultant.next('session.created');
  if (!sessionId) throw new Error('no session id');
  const user = await client(server);
  const userHello = await user.next('hello');
  user.send({ type: 'session.join', code });
  const joined = await user.next('session.joined');
  const peerJoined = await consultant.next('peer.joined');
  const userToken = (await user.next('session.resume-token')).token;
  const consultantToken = (await consultant.next('session.resume-token')).token;
  return { consultant, user, code, sessionId, joined, peerJoined, userToken, consultantToken, hellos: [consultantHello, userHello] };
}

/** The REST TURN server of a session's ICE servers. */
function restServer(ice: SessionIce | undefined): IceServer & { username: string; credential: string } {
  const server = ice?.iceServers.find((entry) => entry.username?.includes(':'));
  if (!server?.username || !server.credential) throw new Error(`no REST credentials in ${JSON.stringify(ice)}`);
  return { ...server, username: server.username, credential: server.credential };
}

const expiryOf = (username: string) => Number(username.split(':')[0]);
const hasCredentials = (servers: readonly IceServer[]) => servers.some((server) => server.username !== undefined || server.credential !== undefined);

describe('TURN REST credentials', () => {
  it('follow coturn use-auth-secret: "<expiry>:<tag>" and base64 HMAC-SHA1', () => {
    const now = Date.UTC(2030, 0, 1);
    const { username, credential } = turnRestCredentials(SECRET, now, 600, 'tag');
    expect(username).toBe(`${now / 1000 + 600}:tag`);
    expect(credential).toBe(createHmac('sha1', SECRET).update(username).digest('base64'));
    expect(Buffer.from(credential, 'base64')).toHaveLength(20);
  });

  it('name the session by an opaque tag: stable for one session, different for another, and not the session id', () => {
    const id = '7d4f8f0e-3d7e-4c55-9d43-0c5a1b2c3d4e';
    const tag = turnSessionTag(SECRET, id);
    expect(tag).toBe(turnSessionTag(SECRET, id));
    expect(tag).not.toBe(turnSessionTag(SECRET, '7d4f8f0e-3d7e-4c55-9d43-0c5a1b2c3d4f'));
    expect(tag).not.toBe(turnSessionTag('another-long-secret', id));
    expect(tag).toMatch(/^[A-Za-z0-9_-]{22}$/);
    for (const part of id.split('-')) expect(tag).not.toContain(part);
  });

  it('default to a lifetime well under the old hour', () => {
    expect(TURN_CREDENTIAL_TTL_S).toBeLessThanOrEqual(15 * 60);
  });
});

describe('TURN credentials only inside paired sessions (issue 15)', () => {
  it("a fresh anonymous socket's hello has STUN only, whatever TURN is configured", async () => {
    const server = await start({
      // A TURN server put into rtc by habit, static credentials and the REST secret: none may reach a hello.
      rtc: { iceServers: [{ urls: 'stun:127.0.0.1:3478' }, { urls: 'turn:127.0.0.1:3479', username: 'u', credential: 'p' }], iceTransportPolicy: 'relay', candidateFilter: 'any' },
      turnStatic: { urls: ['turn:127.0.0.1:3480'], username: 'static', credential: 'static-password' },
    });
    const hello = await (await client(server)).next('hello');
    expect(hello.rtc).toEqual({ iceServers: [{ urls: 'stun:127.0.0.1:3478' }], iceTransportPolicy: 'relay', candidateFilter: 'any' });
  });

  it('both members get the same session-bound credentials at pairing, expiring within the lifetime', async () => {
    const server = await start();
    const { sessionId, code, joined, peerJoined, userToken, hellos } = await paired(server);
    for (const hello of hellos) expect(hasCredentials(hello.rtc.iceServers)).toBe(false);

    const forUser = restServer(joined.ice);
    const forConsultant = restServer(peerJoined.ice);
    expect(forUser).toEqual(forConsultant);
    expect(forUser.urls).toEqual([TURN_URL]);
    expect(joined.ice?.validForMs).toBe(300_000);
    expect(expiryOf(forUser.username)).toBe(clock.now() / 1000 + 300);
    const tag = forUser.username.split(':')[1];
    expect(tag).toBe(turnSessionTag(SECRET, sessionId));
    // Nothing in it identifies the session to whoever reads coturn's logs or holds the credential.
    for (const secret of [sessionId, code, userToken]) expect(forUser.username).not.toContain(secret);
    expect(forUser.credential).toBe(createHmac('sha1', SECRET).update(forUser.username).digest('base64'));
  });

  it('an unpaired socket never gets any: not while waiting for the user, not with a wrong code, not by asking', async () => {
    const server = await start();
    const consultant = await client(server);
    await consultant.next('hello');
    consultant.send({ type: 'session.create', consultantName: 'Alice' });
    const { code } = await consultant.next('session.created');
    expect((await consultant.expectError({ type: 'session.ice-refresh' })).code).toBe('not-in-session');

    const stranger = await client(server);
    await stranger.next('hello');
    // Same lookup digits, wrong secret digits: a real wrong try against this code.
    const wrong = `${code.slice(0, -1)}${code.endsWith('0') ? '1' : '0'}`;
    expect((await stranger.expectError({ type: 'session.join', code: wrong })).code).toBe('wrong-code');
    expect((await stranger.expectError({ type: 'session.ice-refresh' })).code).toBe('not-in-session');
  });

  it('a member asking before its credentials lapse gets fresh ones for the same session', async () => {
    const server = await start();
    const { user, consultant, sessionId } = await paired(server);
    clock.advance(150_000);
    user.send({ type: 'session.ice-refresh' });
    const refreshed = restServer((await user.next('session.ice')).ice);
    expect(expiryOf(refreshed.username)).toBe(clock.now() / 1000 + 300);
    expect(refreshed.username.split(':')[1]).toBe(turnSessionTag(SECRET, sessionId));
    consultant.send({ type: 'session.ice-refresh' });
    expect(restServer((await consultant.next('session.ice')).ice)).toEqual(refreshed);
  });

  it('a resumed session gets fresh credentials, on the same server and on one that restarted and forgot it', async () => {
    const server = await start();
    const { user, sessionId, userToken } = await paired(server);
    await user.close();
    clock.advance(240_000);
    const back = await client(server);
    await back.next('hello');
    back.send({ type: 'session.resume', token: userToken });
    const resumed = await back.next('session.resumed');
    expect(expiryOf(restServer(resumed.ice).username)).toBe(clock.now() / 1000 + 300);
    const rotated = (await back.next('session.resume-token')).token;

    await server.close();
    clock.advance(240_000);
    const restarted = await start();
    const again = await client(restarted);
    await again.next('hello');
    again.send({ type: 'session.resume', token: rotated });
    const reregistered = restServer((await again.next('session.resumed')).ice);
    expect(expiryOf(reregistered.username)).toBe(clock.now() / 1000 + 300);
    expect(reregistered.username.split(':')[1]).toBe(turnSessionTag(SECRET, sessionId));
  });

  it('static credentials go to paired sessions only, with a warning at start recommending the REST secret', async () => {
    const lines: string[] = [];
    const server = await start({ turnRest: undefined, turnStatic: { urls: ['turn:127.0.0.1:3480'], username: 'static', credential: 'static-password' }, logger: createLogger('server', (_level, line) => lines.push(line)) });
    expect(lines.some((line) => line.includes('turn.static-credentials') && line.includes('TURN_SECRET'))).toBe(true);
    // The password itself never goes to the log.
    expect(lines.some((line) => line.includes('static-password'))).toBe(false);
    const { joined, peerJoined, hellos } = await paired(server);
    for (const hello of hellos) expect(hasCredentials(hello.rtc.iceServers)).toBe(false);
    const expected = { iceServers: [{ urls: ['turn:127.0.0.1:3480'], username: 'static', credential: 'static-password' }] };
    expect(joined.ice).toEqual(expected);
    expect(peerJoined.ice).toEqual(expected);
  });

  it('a server without TURN sends no ice field at all', async () => {
    const server = await start({ turnRest: undefined });
    const { joined, peerJoined } = await paired(server);
    expect(joined.ice).toBeUndefined();
    expect(peerJoined.ice).toBeUndefined();
  });
});
