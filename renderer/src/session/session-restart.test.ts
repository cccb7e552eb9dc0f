import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { resolveBranding } from '../../../shared/branding';
import { unmanagedPolicy } from '../../../shared/policy';
import type { ReconnectTicket } from '../../../shared/reconnect';
import { createFakeHost } from '../test/fake-host';
import { fakeSignaling } from '../test/fake-signaling';
import type { PeerLink, PeerLinkEvents, PeerLinkOptions } from './peer-link';
import { takeResumeOffer, useResumeOfferStore } from './resume-offer';
import { SessionController } from './session-controller';
import { idleState, type SessionState } from './session-state';
import { fakePeerLink } from '../test/fake-peer-link';

const SESSION = '00000000-0000-4000-8000-000000000001';
const token = (letter: string) => letter.repeat(40);

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(1_000_000);
});
afterEach(() => {
  vi.useRealTimers();
});

function setup() {
  const { host } = createFakeHost();
  const server = fakeSignaling();
  const peers: { options: PeerLinkOptions; events: PeerLinkEvents; link: PeerLink }[] = [];
  let state: SessionState = idleState;
  const restored: unknown[] = [];
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
    recentChat: () => [{ from: 'peer', text: 'I will restart your computer', at: 5 }],
    restoreChat: (lines) => restored.push(...lines),
  });
  return { host, server, controller, peers, restored, state: () => state };
}

const ticket: ReconnectTicket = {
  serverUrl: 'ws://127.0.0.1:1/ws',
  sessionId: SESSION,
  token: token('t'),
  consultantName: 'Camille',
  organisation: 'Mairie de Lyon',
  organisationId: 'mairie-lyon',
  expiresAt: 2_000_000,
  chat: [{ from: 'me', text: 'OK', at: 4 }],
};

describe('before the restart (user side)', () => {
  it('saves a ticket with the current secret, then tells the server and says goodbye without leaving', async () => {
    const s = setup();
    await s.controller.joinAsUser('482193675');
    s.server.fromServer({ type: 'session.joined', consultantName: 'Camille', verified: { name: 'Camille', organisation: 'Mairie de Lyon', organisationId: 'mairie-lyon' } });
    s.server.fromServer({ type: 'session.resume-token', sessionId: SESSION, token: token('a'), expiresAt: 9_000_000 });
    expect(await s.controller.prepareRestart()).toBe(true);
    expect(s.host.reconnect.saveTicket).toHaveBeenCalledWith({
      ticket: {
        serverUrl: 'ws://127.0.0.1:1/ws',
        sessionId: SESSION,
        token: token('a'),
        consultantName: 'Camille',
        organisation: 'Mairie de Lyon',
        // Kept so that a policy's allow-list of organisations is checked again after the restart.
        organisationId: 'mairie-lyon',
        expiresAt: 1_000_000 + 15 * 60_000,
        chat: [{ from: 'peer', text: 'I will restart your computer', at: 5 }],
      },
    });
    s.controller.restartApproved();
    const sent = s.server.sockets[0]?.sent ?? [];
    expect(sent.at(-1)).toEqual({ type: 'session.away', reason: 'restart', forMs: 15 * 60_000 });
    expect(sent.some((message) => message.type === 'session.leave')).toBe(false);
    expect(s.state()).toEqual({ phase: 'ended', reason: 'restarting' });
  });

  it('saves nothing before pairing (no secret yet), and forgets the ticket when the restart does not happen', async () => {
    const s = setup();
    await s.controller.joinAsUser('482193675');
    expect(await s.controller.prepareRestart()).toBe(false);
    expect(s.host.reconnect.saveTicket).not.toHaveBeenCalled();
    s.controller.restartCancelled();
    expect(s.host.reconnect.discard).toHaveBeenCalled();
  });
});

describe('after the restart (user side)', () => {
  it('resumes with the ticket, then asks again before sharing, on a fresh link; the chat lines come back', async () => {
    const s = setup();
    await s.controller.resumeAfterRestart(ticket);
    expect(s.server.sockets[0]?.sent).toEqual([{ type: 'session.resume', token: token('t') }]);
    expect(s.peers).toHaveLength(0);
    s.server.fromServer({ type: 'session.resumed', sessionId: SESSION, peerPresent: true });
    s.server.fromServer({ type: 'session.resume-token', sessionId: SESSION, token: token('u'), expiresAt: 9_000_000 });
    expect(s.state()).toEqual({ phase: 'confirm', peerName: 'Camille', verified: { name: 'Camille', organisation: 'Mairie de Lyon', organisationId: 'mairie-lyon' } });
    expect(s.peers[0]?.options.initiator).toBe(true);
    expect(s.peers[0]?.options.stream).toBeUndefined();
    expect(s.controller.resumeTicket()?.token).toBe(token('u'));
    s.peers[0]?.events.onConnect();
    expect(s.restored).toEqual(ticket.chat);
  });

  it('a refused ticket ends calmly; nothing was shared', async () => {
    const s = setup();
    await s.controller.resumeAfterRestart(ticket);
    s.server.fromServer({ type: 'error', code: 'resume-refused', message: 'no', replyTo: 'session.resume' });
    expect(s.state()).toEqual({ phase: 'ended', reason: 'resume-refused' });
    expect(s.peers).toHaveLength(0);
  });
});

describe('at start-up', () => {
  it('offers a ready ticket and connects nothing; an expired or unreadable one is only a message', async () => {
    const { host } = createFakeHost();
    const resume = vi.fn();
    host.reconnect.takeTicket.mockResolvedValueOnce({ status: 'ready', ticket });
    await takeResumeOffer(host, resume);
    expect(useResumeOfferStore.getState().offer).toEqual({ status: 'ready', ticket });
    host.reconnect.takeTicket.mockResolvedValueOnce({ status: 'expired' });
    await takeResumeOffer(host, resume);
    expect(useResumeOfferStore.getState().offer).toEqual({ status: 'expired' });
    host.reconnect.takeTicket.mockResolvedValueOnce({ status: 'unreadable' });
    await takeResumeOffer(host, resume);
    expect(useResumeOfferStore.getState().offer).toEqual({ status: 'unreadable' });
    expect(resume).not.toHaveBeenCalled();
  });

  it('continues by itself only when the policy says so', async () => {
    const { host } = createFakeHost();
    const policy = { ...unmanagedPolicy(), reconnect: { ...unmanagedPolicy().reconnect, autoResumeAfterRestart: true } };
    host.policy.get.mockResolvedValue({ policy, branding: resolveBranding(policy.branding, {}) });
    host.reconnect.takeTicket.mockResolvedValueOnce({ status: 'ready', ticket });
    useResumeOfferStore.getState().set(null);
    const resume = vi.fn();
    await takeResumeOffer(host, resume);
    expect(resume).toHaveBeenCalledWith(ticket);
    expect(useResumeOfferStore.getState().offer).toBeNull();
  });
});
