import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ReconnectTicket } from '../../../shared/reconnect';
import type { IceServer, SessionIce } from '../../../shared/signaling';
import { createFakeHost } from '../test/fake-host';
import { fakeSignaling, testRtc } from '../test/fake-signaling';
import type { PeerLink, PeerLinkEvents, PeerLinkOptions } from './peer-link';
import { RECONNECT_CAP_MS } from './resumable-signaling';
import { ICE_REFRESH_MIN_MS, ICE_REFRESH_RETRY_MS, rtcFor, SessionController } from './session-controller';
import { idleState, type SessionState } from './session-state';
import { fakePeerLink } from '../test/fake-peer-link';

/**
 * The session's TURN servers (issue 15): they come with the pairing or resume message, never
 * the hello, and every peer link of the session is built with, or moved to, the latest ones.
 */
const SESSION = '00000000-0000-4000-8000-000000000001';
const token = (letter: string) => letter.repeat(40);

const turn = (expiry: number): IceServer => ({ urls: ['turn:127.0.0.1:3478?transport=udp'], username: `${expiry}:tag`, credential: `secret-${expiry}` });
const rest = (expiry: number, validForMs = 600_000): SessionIce => ({ iceServers: [turn(expiry)], validForMs });

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

type FakeLink = PeerLink & { setIceServers: ReturnType<typeof vi.fn> };

function setup() {
  const { host } = createFakeHost();
  const server = fakeSignaling();
  const peers: { options: PeerLinkOptions; events: PeerLinkEvents; link: FakeLink }[] = [];
  let state: SessionState = idleState;
  const controller = new SessionController({
    host,
    connect: server.connect,
    createPeer: (options, events) => {
      const link = fakePeerLink();
      peers.push({ options, events, link });
      return link;
    },
    captureScreen: () => Promise.reject(new Error('not in these tests')),
    getState: () => state,
    setState: (next) => (state = next),
    features: [],
    random: () => 0.5,
  });
  const sent = () => server.sockets.flatMap((socket) => socket.sent);
  return { server, controller, peers, sent };
}

async function pairedUser(s: ReturnType<typeof setup>, ice?: SessionIce) {
  await s.controller.joinAsUser('482193675');
  s.server.fromServer({ type: 'session.joined', consultantName: 'Camille', ...(ice ? { ice } : {}) });
  s.server.fromServer({ type: 'session.resume-token', sessionId: SESSION, token: token('a'), expiresAt: Date.now() + 3_600_000 });
  s.peers[0]?.events.onConnect();
}

describe('the session’s TURN servers', () => {
  it('adds the hello’s servers and policy to the session’s TURN servers', () => {
    const hello = { ...testRtc, iceServers: [{ urls: 'stun:127.0.0.1:3478' }], iceTransportPolicy: 'relay' as const };
    expect(rtcFor(hello, rest(1))).toEqual({ ...hello, iceServers: [{ urls: 'stun:127.0.0.1:3478' }, turn(1)] });
    expect(rtcFor(hello, null)).toBe(hello);
  });

  it('user: the peer link starts with the TURN servers that came with session.joined', async () => {
    const s = setup();
    await pairedUser(s, rest(1));
    expect(s.peers[0]?.options).toMatchObject({ initiator: true, rtc: { ...testRtc, iceServers: [turn(1)] } });
  });

  it('consultant: the TURN servers of peer.joined are used when the user’s offer arrives', async () => {
    const s = setup();
    await s.controller.startAsConsultant('Camille');
    s.server.fromServer({ type: 'session.created', code: '482193675', expiresAt: Date.now() + 600_000 });
    s.server.fromServer({ type: 'peer.joined', ice: rest(2) });
    s.server.fromServer({ type: 'signal', data: { type: 'offer', sdp: 'v=0' } });
    expect(s.peers[0]?.options).toMatchObject({ initiator: false, rtc: { ...testRtc, iceServers: [turn(2)] } });
  });

  it('without TURN from the server, the link uses the hello’s configuration alone', async () => {
    const s = setup();
    await pairedUser(s);
    expect(s.peers[0]?.options.rtc).toEqual(testRtc);
  });

  it('asks for fresh credentials halfway through, and moves the live link to them (its next ICE restart uses them)', async () => {
    const s = setup();
    await pairedUser(s, rest(1, 600_000));
    await vi.advanceTimersByTimeAsync(299_000);
    expect(s.sent()).not.toContainEqual({ type: 'session.ice-refresh' });
    await vi.advanceTimersByTimeAsync(1000);
    expect(s.sent().filter((message) => message.type === 'session.ice-refresh')).toHaveLength(1);
    s.server.fromServer({ type: 'session.ice', ice: rest(3, 600_000) });
    expect(s.peers[0]?.link.setIceServers).toHaveBeenLastCalledWith([turn(3)]);
    // The next ask is timed from the fresh credentials.
    await vi.advanceTimersByTimeAsync(299_000);
    expect(s.sent().filter((message) => message.type === 'session.ice-refresh')).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1000);
    expect(s.sent().filter((message) => message.type === 'session.ice-refresh')).toHaveLength(2);
  });

  it('asks again when no answer came, never faster than the floor, and not at all for credentials that do not expire', async () => {
    const s = setup();
    await pairedUser(s, rest(1, 10_000));
    await vi.advanceTimersByTimeAsync(ICE_REFRESH_MIN_MS - 1);
    expect(s.sent()).not.toContainEqual({ type: 'session.ice-refresh' });
    await vi.advanceTimersByTimeAsync(1 + ICE_REFRESH_RETRY_MS);
    expect(s.sent().filter((message) => message.type === 'session.ice-refresh')).toHaveLength(2);

    const fixed = setup();
    await pairedUser(fixed, { iceServers: [turn(9)] });
    await vi.advanceTimersByTimeAsync(60 * 60 * 1000);
    expect(fixed.sent()).not.toContainEqual({ type: 'session.ice-refresh' });
  });

  it('stops asking once the session ended', async () => {
    const s = setup();
    await pairedUser(s, rest(1, 600_000));
    s.server.fromServer({ type: 'session.ended', reason: 'peer-left' });
    await vi.advanceTimersByTimeAsync(600_000);
    expect(s.sent()).not.toContainEqual({ type: 'session.ice-refresh' });
  });

  it('a resumed session moves the live link to the fresh TURN servers the resume brought', async () => {
    const s = setup();
    await pairedUser(s, rest(1));
    s.server.lose();
    await vi.advanceTimersByTimeAsync(RECONNECT_CAP_MS);
    expect(s.server.sockets[1]?.sent[0]).toEqual({ type: 'session.resume', token: token('a') });
    s.server.fromServer({ type: 'session.resumed', sessionId: SESSION, peerPresent: true, ice: rest(4) });
    expect(s.peers[0]?.link.setIceServers).toHaveBeenLastCalledWith([turn(4)]);
    expect(s.peers).toHaveLength(1);
  });

  it('after a restart of the computer, the new link starts with the TURN servers of session.resumed', async () => {
    const s = setup();
    const ticket: ReconnectTicket = { serverUrl: 'ws://127.0.0.1:1/ws', sessionId: SESSION, token: token('t'), consultantName: 'Camille', organisation: null, organisationId: null, expiresAt: Date.now() + 600_000, chat: [] };
    await s.controller.resumeAfterRestart(ticket);
    s.server.fromServer({ type: 'session.resumed', sessionId: SESSION, peerPresent: true, ice: rest(5) });
    expect(s.peers[0]?.options).toMatchObject({ initiator: true, rtc: { ...testRtc, iceServers: [turn(5)] } });
  });
});
