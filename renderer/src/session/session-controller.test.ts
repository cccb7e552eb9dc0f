import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DESKTOP_PICKER_SOURCE_ID } from '../../../shared/host-api';
import type { ClientMessage, RtcConfig } from '../../../shared/signaling';
import { createFakeHost } from '../test/fake-host';
import type { PeerLink, PeerLinkEvents, PeerLinkOptions } from './peer-link';
import { REPORT_RECEIPT_TIMEOUT_MS, SessionController } from './session-controller';
import { idleState, type SessionState } from './session-state';
import { SignalingUnreachableError, type SignalingHandlers } from './signaling-client';
import type { NegotiatedCertificates } from './certificate-stats';
import type { SafetyCodeReading } from './safety-code-store';
import { deriveSafetyCode } from '../../../shared/safety-code';
import { fakePeerLink } from '../test/fake-peer-link';

const rtc: RtcConfig = { iceServers: [], iceTransportPolicy: 'all', candidateFilter: 'any' };

const videoStream = { getVideoTracks: () => [{}], getAudioTracks: () => [] } as unknown as MediaStream;

function fakeStream() {
  const track = { stop: vi.fn(), contentHint: '', addEventListener: vi.fn() };
  let tracks: unknown[] = [track];
  const stream = {
    getTracks: () => tracks,
    getVideoTracks: () => tracks,
    removeTrack: (old: unknown) => (tracks = tracks.filter((candidate) => candidate !== old)),
    addTrack: (added: unknown) => tracks.push(added),
  } as unknown as MediaStream;
  return { stream, track };
}

function setup(options: { firstFrame?: (track: MediaStreamTrack) => Promise<void>; unreachable?: boolean; sources?: { id: string; name: string; thumbnail: null }[]; captureFails?: boolean; certificates?: () => NegotiatedCertificates | null } = {}) {
  const { host } = createFakeHost({ sources: options.sources ?? [] });
  const sent: ClientMessage[] = [];
  let server: SignalingHandlers | null = null;
  const peers: { options: PeerLinkOptions; events: PeerLinkEvents; link: PeerLink & { signals: unknown[] } }[] = [];
  const { stream, track } = fakeStream();
  let captures = 0;
  let state: SessionState = idleState;
  const closeConnection = vi.fn();
  const safetyCodes: (SafetyCodeReading | null)[] = [];
  const controller = new SessionController({
    host,
    connect: (_url, handlers) => {
      if (options.unreachable) return Promise.reject(new SignalingUnreachableError('down'));
      server = handlers;
      return Promise.resolve({ rtc, send: (message) => sent.push(message), close: closeConnection });
    },
    createPeer: (peerOptions, events) => {
      const signals: unknown[] = [];
      const link = { ...fakePeerLink('direct'), signals, signal: vi.fn((data: unknown) => signals.push(data)), certificates: vi.fn(() => Promise.resolve(options.certificates?.() ?? null)) };
      peers.push({ options: peerOptions, events, link });
      return link;
    },
    // The first capture is `stream`; any later one (another screen) is a fresh stream.
    captureScreen: () => (options.captureFails ? Promise.reject(new Error('NotAllowedError')) : Promise.resolve(captures++ === 0 ? stream : fakeStream().stream)),
    ...(options.firstFrame ? { firstFrame: options.firstFrame } : {}),
    getState: () => state,
    setState: (next) => {
      state = next;
    },
    features: [],
    onSafetyCode: (reading) => safetyCodes.push(reading),
  });
  return {
    host,
    controller,
    sent,
    peers,
    track,
    state: () => state,
    fromServer: (message: Parameters<SignalingHandlers['onMessage']>[0]) => server?.onMessage(message),
    lose: () => server?.onLost(),
    closeConnection,
    safetyCodes,
  };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('user side', () => {
  it('joins with a typed code, opens the link for chat, and shares the screen only after Allow', async () => {
    const s = setup();
    await s.controller.joinAsUser('482 193 675');
    expect(s.sent).toEqual([{ type: 'session.join', code: '482193675' }]);
    expect(s.state()).toEqual({ phase: 'joining' });
    s.fromServer({ type: 'session.joined', consultantName: 'Camille' });
    expect(s.state()).toEqual({ phase: 'confirm', peerName: 'Camille', verified: null });
    // The link (data only) opens at once; no screen is on it yet.
    expect(s.peers).toHaveLength(1);
    expect(s.peers[0]?.options).toMatchObject({ initiator: true });
    expect(s.peers[0]?.options.stream).toBeUndefined();
    s.peers[0]?.events.onConnect();
    expect(s.peers[0]?.link.addStream).not.toHaveBeenCalled();

    await s.controller.allow();
    expect(s.peers[0]?.link.addStream).toHaveBeenCalledTimes(1);
    expect(s.state()).toMatchObject({ phase: 'live', peerName: 'Camille' });
  });

  it('offers the in-app picker when there are several screens and shares the one picked', async () => {
    const s = setup({ sources: [{ id: 'a', name: 'Screen 1', thumbnail: null }, { id: 'b', name: 'Screen 2', thumbnail: null }] });
    await s.controller.joinAsUser('482193675');
    s.fromServer({ type: 'session.joined', consultantName: 'Camille' });
    await s.controller.allow();
    expect(s.state()).toMatchObject({ phase: 'picking', sources: [{ id: 'a' }, { id: 'b' }] });
    await s.controller.share('b');
    expect(s.host.capture.selectSource).toHaveBeenCalledWith({ id: 'b' });
  });

  it('on Wayland, stops at the explanation of the desktop’s own picker before capturing anything', async () => {
    const s = setup({ sources: [{ id: DESKTOP_PICKER_SOURCE_ID, name: 'desktop', thumbnail: null }] });
    await s.controller.joinAsUser('482193675');
    s.fromServer({ type: 'session.joined', consultantName: 'Camille' });
    await s.controller.allow();
    expect(s.state()).toMatchObject({ phase: 'picking', sources: [{ id: DESKTOP_PICKER_SOURCE_ID }] });
    expect(s.host.capture.selectSource).not.toHaveBeenCalled();
    await s.controller.share(DESKTOP_PICKER_SOURCE_ID);
    expect(s.host.capture.selectSource).toHaveBeenCalledWith({ id: DESKTOP_PICKER_SOURCE_ID });
  });

  it('on Wayland, says “can see your screen” only once the desktop’s dialog lets a frame through', async () => {
    let answer: { resolve: () => void; reject: (error: Error) => void } | null = null;
    const firstFrame = vi.fn(() => new Promise<void>((resolve, reject) => (answer = { resolve, reject })));
    const s = setup({ firstFrame, sources: [{ id: DESKTOP_PICKER_SOURCE_ID, name: 'desktop', thumbnail: null }] });
    await s.controller.joinAsUser('482193675');
    s.fromServer({ type: 'session.joined', consultantName: 'Camille' });
    await s.controller.allow();
    const sharing = s.controller.share(DESKTOP_PICKER_SOURCE_ID);
    await vi.waitFor(() => expect(firstFrame).toHaveBeenCalledWith(s.track));
    // The desktop's window is open: no banner, no screen on the link, no consent on record.
    expect(s.state()).toEqual({ phase: 'connecting', peerName: 'Camille', awaitingDesktop: true });
    expect(s.peers[0]?.link.addStream).not.toHaveBeenCalled();
    expect(s.sent.filter((m) => m.type === 'audit.report')).toEqual([]);
    answer!.resolve();
    await sharing;
    expect(s.peers[0]?.link.addStream).toHaveBeenCalledTimes(1);
    expect(s.state()).toMatchObject({ phase: 'live', peerName: 'Camille' });
    expect(s.sent).toContainEqual({ type: 'audit.report', event: { type: 'consent.given', scope: 'view' } });
  });

  it('on Wayland, a person who cancels the desktop’s dialog shares nothing', async () => {
    let cancel: (error: Error) => void = () => {};
    const s = setup({ firstFrame: () => new Promise<void>((_resolve, reject) => (cancel = reject)), sources: [{ id: DESKTOP_PICKER_SOURCE_ID, name: 'desktop', thumbnail: null }] });
    await s.controller.joinAsUser('482193675');
    s.fromServer({ type: 'session.joined', consultantName: 'Camille' });
    await s.controller.allow();
    const sharing = s.controller.share(DESKTOP_PICKER_SOURCE_ID);
    await vi.waitFor(() => expect(s.state()).toMatchObject({ awaitingDesktop: true }));
    // Cancelling the dialog ends the track first; the frame that was awaited never comes.
    const ended = vi.mocked(s.track.addEventListener).mock.calls.find(([type]) => type === 'ended')?.[1] as () => void;
    ended();
    cancel(new Error('ended'));
    await sharing;
    expect(s.peers[0]?.link.addStream).not.toHaveBeenCalled();
    expect(s.state()).toEqual({ phase: 'ended', reason: 'capture-stopped' });
    expect(s.track.stop).toHaveBeenCalled();
    expect(s.sent.filter((m) => m.type === 'audit.report')).toEqual([]);
  });

  it('switches to another screen on the same link: the new track replaces the old, which stops', async () => {
    const s = setup({ sources: [{ id: 'a', name: 'Screen 1', thumbnail: null }, { id: 'b', name: 'Screen 2', thumbnail: null }] });
    await s.controller.joinAsUser('482193675');
    s.fromServer({ type: 'session.joined', consultantName: 'Camille', verified: null });
    await s.controller.allow();
    await s.controller.share('a');
    await s.controller.switchScreen('b');
    expect(s.host.capture.selectSource).toHaveBeenLastCalledWith({ id: 'b' });
    expect(s.peers[0]?.link.replaceTrack).toHaveBeenCalledTimes(1);
    expect(s.track.stop).toHaveBeenCalled();
    expect(s.state()).toMatchObject({ phase: 'live' });
  });

  it('Stop ends at once: media stops, the server is told, the peer is closed', async () => {
    const s = setup();
    await s.controller.joinAsUser('482193675');
    s.fromServer({ type: 'session.joined', consultantName: 'Camille' });
    await s.controller.allow();
    s.controller.end();
    expect(s.track.stop).toHaveBeenCalled();
    expect(s.sent.at(-1)).toEqual({ type: 'session.leave' });
    expect(s.peers[0]?.link.destroy).toHaveBeenCalled();
    expect(s.state()).toEqual({ phase: 'ended', reason: 'you-ended' });
  });

  it('declining tells the server and shares nothing', async () => {
    const s = setup();
    await s.controller.joinAsUser('482193675');
    s.fromServer({ type: 'session.joined', consultantName: 'Camille' });
    s.controller.decline();
    expect(s.sent.at(-1)).toEqual({ type: 'session.decline' });
    expect(s.peers[0]?.link.addStream).not.toHaveBeenCalled();
    expect(s.peers[0]?.link.destroy).toHaveBeenCalled();
    expect(s.state()).toEqual({ phase: 'ended', reason: 'you-declined' });
  });

  it('reporting a suspicious helper ends everything at once, and says it was sent only once the server confirms', async () => {
    const s = setup();
    await s.controller.joinAsUser('482193675');
    s.fromServer({ type: 'session.joined', consultantName: 'Camille' });
    const recorded = s.controller.reportSuspicious();
    expect(s.sent.at(-1)).toEqual({ type: 'session.report-suspicious' });
    expect(s.peers[0]?.link.addStream).not.toHaveBeenCalled();
    expect(s.peers[0]?.link.destroy).toHaveBeenCalled();
    expect(s.state()).toEqual({ phase: 'ended', reason: 'you-declined' });
    // The connection stays open for the receipt, then closes.
    expect(s.closeConnection).not.toHaveBeenCalled();
    s.fromServer({ type: 'session.reported' });
    expect(await recorded).toBe(true);
    expect(s.closeConnection).toHaveBeenCalled();
  });

  it('a report the server never confirms is not called sent', async () => {
    const s = setup();
    await s.controller.joinAsUser('482193675');
    s.fromServer({ type: 'session.joined', consultantName: 'Camille' });
    const silent = s.controller.reportSuspicious();
    await vi.advanceTimersByTimeAsync(REPORT_RECEIPT_TIMEOUT_MS);
    expect(await silent).toBe(false);
    expect(s.closeConnection).toHaveBeenCalled();

    const t = setup();
    await t.controller.joinAsUser('482193675');
    t.fromServer({ type: 'session.joined', consultantName: 'Camille' });
    const lost = t.controller.reportSuspicious();
    t.lose();
    expect(await lost).toBe(false);
  });

  it('a capture failure ends the session plainly', async () => {
    const s = setup({ captureFails: true });
    await s.controller.joinAsUser('482193675');
    s.fromServer({ type: 'session.joined', consultantName: 'Camille' });
    await s.controller.allow();
    expect(s.state()).toEqual({ phase: 'ended', reason: 'capture-failed' });
    expect(s.sent.at(-1)).toEqual({ type: 'session.leave' });
  });

  it.each([
    [{ type: 'error', code: 'wrong-code', message: '' }, { kind: 'wrong-code' }],
    [{ type: 'error', code: 'expired-code', message: '' }, { kind: 'expired-code' }],
    [{ type: 'error', code: 'too-many-attempts', message: '', retryAfterMs: 4000 }, { kind: 'too-many-attempts', retryAfterMs: 4000 }],
  ] as const)('shows the server’s refusal %j as a problem on the form', async (message, problem) => {
    const s = setup();
    await s.controller.joinAsUser('482193675');
    s.fromServer(message);
    expect(s.state()).toEqual({ phase: 'idle', problem });
  });

  it('says so when the server cannot be reached', async () => {
    const s = setup({ unreachable: true });
    await s.controller.joinAsUser('482193675');
    expect(s.state()).toEqual({ phase: 'idle', problem: { kind: 'server-unreachable' } });
  });
});

describe('consultant side', () => {
  it('creates a session, waits, answers the user’s offer, and goes live on video', async () => {
    const s = setup();
    await s.controller.startAsConsultant('Camille');
    expect(s.host.settings.update).toHaveBeenCalledWith({ consultantName: 'Camille' });
    expect(s.sent).toEqual([{ type: 'session.create', consultantName: 'Camille' }]);
    s.fromServer({ type: 'session.created', code: '482193675', expiresAt: Date.now() + 600_000 });
    expect(s.state()).toEqual({ phase: 'waiting-for-user', code: '482193675', validMinutes: 10 });
    s.fromServer({ type: 'peer.joined' });
    expect(s.state()).toEqual({ phase: 'waiting-for-consent' });
    s.fromServer({ type: 'signal', data: { type: 'offer', sdp: 'v=0' } });
    expect(s.peers[0]?.options.initiator).toBe(false);
    expect(s.peers[0]?.link.signals).toEqual([{ type: 'offer', sdp: 'v=0' }]);
    s.peers[0]?.events.onStream(videoStream);
    expect(s.state()).toMatchObject({ phase: 'live' });
  });

  it('when the peer link closes, waits briefly for the server to say why', async () => {
    const s = setup();
    await s.controller.startAsConsultant('Camille');
    s.fromServer({ type: 'signal', data: { type: 'offer', sdp: 'v=0' } });
    s.peers[0]?.events.onStream(videoStream);
    s.peers[0]?.events.onClose();
    s.fromServer({ type: 'session.ended', reason: 'peer-left' });
    expect(s.state()).toEqual({ phase: 'ended', reason: 'peer-left' });
  });

  it('calls a silent close a lost connection after the grace period', async () => {
    const s = setup();
    await s.controller.startAsConsultant('Camille');
    s.fromServer({ type: 'signal', data: { type: 'offer', sdp: 'v=0' } });
    s.peers[0]?.events.onStream(videoStream);
    s.peers[0]?.events.onClose();
    expect(s.state()).toMatchObject({ phase: 'live' });
    vi.advanceTimersByTime(2000);
    expect(s.state()).toEqual({ phase: 'ended', reason: 'peer-disconnected' });
  });

  it('a lost signaling connection ends the session as a network problem', async () => {
    const s = setup();
    await s.controller.startAsConsultant('Camille');
    s.lose();
    expect(s.state()).toEqual({ phase: 'ended', reason: 'network' });
  });
});

describe('sessions from the queue (issue 6)', () => {
  it('shows the verified name and organisation the server sends with session.joined', async () => {
    const s = setup();
    await s.controller.joinAsUser('482193675');
    s.fromServer({ type: 'session.joined', consultantName: 'Camille Martin', verified: { name: 'Camille Martin', organisation: 'Acme IT' } });
    expect(s.state()).toEqual({ phase: 'confirm', peerName: 'Camille Martin', verified: { name: 'Camille Martin', organisation: 'Acme IT' } });
  });

  it('runs a consultant session on a signed-in connection it does not own, and leaves it open afterwards', () => {
    const s = setup();
    const sent: ClientMessage[] = [];
    const close = vi.fn();
    const handlers = s.controller.startOnSharedConnection({ rtc, send: (message) => sent.push(message), close });
    expect(s.state()).toEqual({ phase: 'starting' });
    handlers.onMessage({ type: 'session.created', code: '123456789', expiresAt: Date.now() + 600_000 });
    expect(s.state()).toMatchObject({ phase: 'waiting-for-user', code: '123456789' });
    handlers.onMessage({ type: 'peer.joined' });
    s.controller.end();
    expect(sent).toEqual([{ type: 'session.leave' }]);
    expect(close).not.toHaveBeenCalled();
    expect(s.state()).toEqual({ phase: 'ended', reason: 'you-ended' });
  });

  it('ends the shared-connection session when that connection is lost', () => {
    const s = setup();
    const handlers = s.controller.startOnSharedConnection({ rtc, send: vi.fn(), close: vi.fn() });
    handlers.onLost();
    expect(s.state()).toEqual({ phase: 'ended', reason: 'network' });
  });
});

describe('audit reports', () => {
  it('the user’s app reports consent when sharing starts and its withdrawal when the user stops', async () => {
    const s = setup();
    await s.controller.joinAsUser('482193675');
    s.fromServer({ type: 'session.joined', consultantName: 'Camille', verified: null });
    s.peers[0]?.events.onConnect();
    await s.controller.allow();
    expect(s.sent).toContainEqual({ type: 'audit.report', event: { type: 'consent.given', scope: 'view' } });
    s.controller.end();
    expect(s.sent.slice(-2)).toEqual([{ type: 'audit.report', event: { type: 'consent.revoked', scope: 'view' } }, { type: 'session.leave' }]);
  });
});

describe('safety code', () => {
  const hex = (seed: number) => Array.from({ length: 32 }, (_, i) => ((seed + i) % 256).toString(16).padStart(2, '0').toUpperCase()).join(':');
  const pair = (remoteSeed: number): NegotiatedCertificates => ({ local: { algorithm: 'sha-256', fingerprint: hex(1) }, remote: { algorithm: 'sha-256', fingerprint: hex(remoteSeed) } });

  it('derives the code from the negotiated certificates once DTLS is up, and again after a renegotiation that changed them', async () => {
    let certificates: NegotiatedCertificates | null = null;
    const s = setup({ certificates: () => certificates });
    await s.controller.joinAsUser('482193675');
    s.fromServer({ type: 'session.resume-token', sessionId: 'session-9', token: 't', expiresAt: Date.now() + 60_000 });
    s.fromServer({ type: 'session.joined', consultantName: 'Camille' });
    s.peers[0]?.events.onConnect();
    // No certificates yet: asked again a moment later.
    await vi.advanceTimersByTimeAsync(10);
    expect(s.safetyCodes).toEqual([]);
    certificates = pair(7);
    // WebCrypto answers outside the fake clock: wait for it.
    const first = await deriveSafetyCode({ sessionId: 'session-9', ...pair(7) });
    await vi.waitFor(() => expect(s.safetyCodes.map((reading) => reading?.code)).toEqual([first]));
    certificates = pair(9);
    s.peers[0]?.events.onNegotiated?.();
    const second = await deriveSafetyCode({ sessionId: 'session-9', ...pair(9) });
    await vi.waitFor(() => expect(s.safetyCodes.at(-1)?.code).toBe(second));
    expect(s.safetyCodes.at(-1)?.key).not.toBe(s.safetyCodes[0]?.key);
  });

  it('"It does not match" ends the session at once, tells the server why, and forgets the code', async () => {
    const s = setup({ certificates: () => pair(7) });
    await s.controller.joinAsUser('482193675');
    s.fromServer({ type: 'session.joined', consultantName: 'Camille' });
    const recorded = s.controller.reportSuspicious('safety-code-mismatch');
    expect(s.sent.at(-1)).toEqual({ type: 'session.report-suspicious', reason: 'safety-code-mismatch' });
    expect(s.peers[0]?.link.destroy).toHaveBeenCalled();
    expect(s.state()).toEqual({ phase: 'ended', reason: 'safety-code-mismatch' });
    expect(s.safetyCodes.at(-1)).toBeNull();
    s.fromServer({ type: 'session.reported' });
    expect(await recorded).toBe(true);
  });

  it('the consultant hears that the codes did not match', async () => {
    const s = setup();
    await s.controller.startAsConsultant('Camille');
    s.fromServer({ type: 'session.created', code: '482193675', expiresAt: Date.now() + 600_000 });
    s.fromServer({ type: 'session.ended', reason: 'safety-code-mismatch' });
    expect(s.state()).toEqual({ phase: 'ended', reason: 'peer-safety-code-mismatch' });
  });
});
