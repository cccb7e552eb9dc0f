import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { resolveBranding } from '../../../shared/branding';
import { unmanagedPolicy } from '../../../shared/policy';
import { createFakeHost } from '../test/fake-host';
import { fakeSignaling } from '../test/fake-signaling';
import type { PeerLink, PeerLinkEvents, PeerLinkOptions } from './peer-link';
import { RECONNECT_CAP_MS } from './resumable-signaling';
import { FeatureKey, type SessionFeature } from './session-feature';
import { ICE_RESTART_DELAY_MS, ICE_RESTART_RETRY_MS, SessionController, SIGNALING_RECHECK_MS } from './session-controller';
import { connectionOk, idleState, type ConnectionStatus, type SessionState } from './session-state';
import { fakePeerLink } from '../test/fake-peer-link';

const SESSION = '00000000-0000-4000-8000-000000000001';
const token = (letter: string) => letter.repeat(40);

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

function setup(options: { limitSeconds?: number } = {}) {
  const { host } = createFakeHost();
  if (options.limitSeconds !== undefined) {
    const policy = { ...unmanagedPolicy(), reconnect: { ...unmanagedPolicy().reconnect, limitSeconds: options.limitSeconds } };
    host.policy.get.mockImplementation(() => Promise.resolve({ policy, branding: resolveBranding(policy.branding, {}) }));
  }
  const server = fakeSignaling();
  const peers: { options: PeerLinkOptions; events: PeerLinkEvents; link: PeerLink & { destroy: ReturnType<typeof vi.fn>; restartIce: ReturnType<typeof vi.fn>; resendOffer: ReturnType<typeof vi.fn> } }[] = [];
  let state: SessionState = idleState;
  let connection: ConnectionStatus = connectionOk;
  const linkEvents: string[] = [];
  const probe: SessionFeature = { handle: () => false, onLink: (event) => linkEvents.push(event), dispose: () => undefined };
  const controller = new SessionController({
    host,
    connect: server.connect,
    createPeer: (peerOptions, events) => {
      const link = fakePeerLink('direct');
      peers.push({ options: peerOptions, events, link });
      return link;
    },
    captureScreen: () => Promise.reject(new Error('not in these tests')),
    getState: () => state,
    setState: (next) => (state = next),
    onConnection: (next) => (connection = next),
    features: [new FeatureKey('probe', () => probe)],
    random: () => 0.5,
  });
  return { host, server, controller, peers, linkEvents, state: () => state, connection: () => connection };
}

/** The user joined and the link is up (the user's app offers). */
async function pairedUser(s: ReturnType<typeof setup>) {
  await s.controller.joinAsUser('482193675');
  s.server.fromServer({ type: 'session.joined', consultantName: 'Camille' });
  s.server.fromServer({ type: 'session.resume-token', sessionId: SESSION, token: token('a'), expiresAt: Date.now() + 3_600_000 });
  s.peers[0]?.events.onConnect();
}

async function pairedConsultant(s: ReturnType<typeof setup>) {
  await s.controller.startAsConsultant('Camille');
  s.server.fromServer({ type: 'session.created', code: '482193675', expiresAt: Date.now() + 600_000 });
  s.server.fromServer({ type: 'peer.joined' });
  s.server.fromServer({ type: 'session.resume-token', sessionId: SESSION, token: token('c'), expiresAt: Date.now() + 3_600_000 });
  s.server.fromServer({ type: 'signal', data: { type: 'offer', sdp: 'v=0' } });
  s.peers[0]?.events.onConnect();
}

describe('a lost media path', () => {
  it('shows the notice, and the offering side restarts ICE until the path is back', async () => {
    const s = setup();
    await pairedUser(s);
    s.peers[0]?.events.onPath?.('lost');
    expect(s.connection().link).toBe('lost');
    expect(s.linkEvents).toEqual(['lost']);
    expect(s.peers[0]?.link.restartIce).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(ICE_RESTART_DELAY_MS);
    expect(s.peers[0]?.link.restartIce).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(ICE_RESTART_RETRY_MS);
    expect(s.peers[0]?.link.restartIce).toHaveBeenCalledTimes(2);

    s.peers[0]?.events.onPath?.('up');
    expect(s.connection()).toEqual(connectionOk);
    expect(s.linkEvents).toEqual(['lost', 'back']);
    await vi.advanceTimersByTimeAsync(ICE_RESTART_RETRY_MS * 3);
    expect(s.peers[0]?.link.restartIce).toHaveBeenCalledTimes(2);
    // Nothing was torn down meanwhile.
    expect(s.peers[0]?.link.destroy).not.toHaveBeenCalled();
  });

  it('a path still lost after a while gets a fresh signaling socket too (the old one may be dead unnoticed); features hear one loss', async () => {
    const s = setup();
    await pairedUser(s);
    s.peers[0]?.events.onPath?.('lost');
    await vi.advanceTimersByTimeAsync(SIGNALING_RECHECK_MS);
    expect(s.server.sockets[0]?.close).toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(RECONNECT_CAP_MS);
    expect(s.server.sockets[1]?.sent[0]).toEqual({ type: 'session.resume', token: token('a') });
    s.server.fromServer({ type: 'session.resumed', sessionId: SESSION, peerPresent: true });
    expect(s.peers[0]?.link.resendOffer).toHaveBeenCalled();
    // Still lost: control is asked for again only once everything is back.
    expect(s.linkEvents).toEqual(['lost']);
    s.peers[0]?.events.onPath?.('up');
    expect(s.linkEvents).toEqual(['lost', 'back']);
  });

  it('the answering side waits for the offer: it never restarts ICE itself', async () => {
    const s = setup();
    await pairedConsultant(s);
    s.peers[0]?.events.onPath?.('lost');
    await vi.advanceTimersByTimeAsync(ICE_RESTART_RETRY_MS * 3);
    expect(s.peers[0]?.link.restartIce).not.toHaveBeenCalled();
    expect(s.connection().link).toBe('lost');
  });

  it('gives up after the policy’s limit with a plain reason', async () => {
    const s = setup({ limitSeconds: 20 });
    await pairedUser(s);
    s.peers[0]?.events.onPath?.('lost');
    await vi.advanceTimersByTimeAsync(19_000);
    expect(s.state().phase).not.toBe('ended');
    await vi.advanceTimersByTimeAsync(1000);
    expect(s.state()).toEqual({ phase: 'ended', reason: 'reconnect-failed' });
    expect(s.peers[0]?.link.destroy).toHaveBeenCalled();
    expect(s.connection()).toEqual(connectionOk);
  });
});

describe('a lost server', () => {
  it('keeps the peer link, resumes with the latest secret, and stores the rotated one', async () => {
    const s = setup();
    await pairedUser(s);
    s.server.lose();
    expect(s.connection().serverAwaySince).not.toBeNull();
    expect(s.linkEvents).toEqual(['lost']);
    expect(s.peers[0]?.link.destroy).not.toHaveBeenCalled();
    expect(s.state().phase).toBe('confirm');
    // Signals meanwhile are kept for the new socket.
    s.peers[0]?.events.onSignal({ type: 'offer', sdp: 'v=1' });
    await vi.advanceTimersByTimeAsync(RECONNECT_CAP_MS);
    expect(s.server.sockets[1]?.sent).toEqual([{ type: 'session.resume', token: token('a') }]);
    s.server.fromServer({ type: 'session.resumed', sessionId: SESSION, peerPresent: true });
    s.server.fromServer({ type: 'session.resume-token', sessionId: SESSION, token: token('b'), expiresAt: Date.now() + 3_600_000 });
    expect(s.server.sockets[1]?.sent.at(-1)).toEqual({ type: 'signal', data: { type: 'offer', sdp: 'v=1' } });
    expect(s.connection()).toEqual(connectionOk);
    expect(s.linkEvents).toEqual(['lost', 'back']);
    expect(s.controller.resumeTicket()?.token).toBe(token('b'));

    s.server.lose();
    await vi.advanceTimersByTimeAsync(RECONNECT_CAP_MS);
    expect(s.server.sockets[2]?.sent[0]).toEqual({ type: 'session.resume', token: token('b') });
  });

  it('a path and a server lost together: once the server is back, the pending ICE restart offer is sent again', async () => {
    const s = setup();
    await pairedUser(s);
    s.peers[0]?.events.onPath?.('lost');
    s.server.lose();
    await vi.advanceTimersByTimeAsync(RECONNECT_CAP_MS);
    expect(s.peers[0]?.link.resendOffer).not.toHaveBeenCalled();
    s.server.fromServer({ type: 'session.resumed', sessionId: SESSION, peerPresent: true });
    expect(s.peers[0]?.link.resendOffer).toHaveBeenCalledTimes(1);
    // And when the other side's socket comes back too (what it missed may be lost as well).
    s.server.fromServer({ type: 'peer.back' });
    expect(s.peers[0]?.link.resendOffer).toHaveBeenCalledTimes(2);
  });

  it('a refused resume ends calmly with the reason', async () => {
    const s = setup();
    await pairedUser(s);
    s.server.lose();
    await vi.advanceTimersByTimeAsync(RECONNECT_CAP_MS);
    s.server.fromServer({ type: 'error', code: 'resume-refused', message: 'no', replyTo: 'session.resume' });
    expect(s.state()).toEqual({ phase: 'ended', reason: 'resume-refused' });
    expect(s.peers[0]?.link.destroy).toHaveBeenCalled();
  });

  it('before pairing there is nothing to resume: a lost socket ends as before', async () => {
    const s = setup();
    await s.controller.startAsConsultant('Camille');
    s.server.lose();
    expect(s.state()).toEqual({ phase: 'ended', reason: 'network' });
  });
});

describe('the other side away', () => {
  it('shows who is away, and clears it when they are back', async () => {
    const s = setup();
    await pairedUser(s);
    s.server.fromServer({ type: 'peer.away', reason: 'network', until: Date.now() + 120_000 });
    expect(s.connection().peerAway).toMatchObject({ reason: 'network' });
    s.server.fromServer({ type: 'peer.back' });
    expect(s.connection().peerAway).toBeNull();
    expect(s.linkEvents).toEqual(['lost', 'back']);
  });

  it('consultant: while the user’s computer restarts, its closed link does not end the session; its next offer opens a new one', async () => {
    const s = setup();
    await pairedConsultant(s);
    s.server.fromServer({ type: 'peer.away', reason: 'restart', until: Date.now() + 600_000 });
    s.peers[0]?.events.onClose();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(s.state().phase).not.toBe('ended');
    s.server.fromServer({ type: 'peer.back' });
    s.server.fromServer({ type: 'signal', data: { type: 'offer', sdp: 'v=2' } });
    expect(s.peers).toHaveLength(2);
    expect(s.peers[1]?.options.initiator).toBe(false);
    expect(s.peers[1]?.link.signal).toHaveBeenCalledWith({ type: 'offer', sdp: 'v=2' });
  });
});
