import { describe, expect, it, vi } from 'vitest';
import type { QueueItem } from '../../../shared/queue';
import type { ClientMessage, RtcConfig, ServerMessage } from '../../../shared/signaling';
import type { AccountListener } from '../accounts/account-client';
import type { SignalingConnection, SignalingHandlers } from '../session/signaling-client';
import { QueueConsole } from './queue-console';
import { DEFAULT_WAIT_TARGETS } from '../../../shared/wait-targets';
import { emptyQueue, type QueueState } from './queue-state';

const rtc: RtcConfig = { iceServers: [], iceTransportPolicy: 'all', candidateFilter: 'any' };
const ID = '6f1c1f0e-8a8b-4c55-9a55-2a7c1d7e0b11';
const item: QueueItem = {
  id: ID,
  category: 'printer',
  descriptionPreview: 'The printer says offline',
  contactName: 'Dominique',
  state: 'waiting',
  createdAt: 0,
  waitingMs: 60_000,
  claimedBy: null,
  assignedTo: null,
  userOnline: true,
  detailsCount: 0,
  diagnostics: null,
  networkGroup: 'A1B2C3',
  targetMs: 30 * 60_000,
};

function setup() {
  let state: QueueState = emptyQueue;
  let listener: AccountListener | null = null;
  const sent: ClientMessage[] = [];
  const connection: SignalingConnection = { rtc, send: (message) => sent.push(message), close: vi.fn() };
  const session: SignalingHandlers = { onMessage: vi.fn(), onLost: vi.fn(), onReconnected: vi.fn() };
  const startSession = vi.fn(() => session);
  const console = new QueueConsole({
    account: {
      listen: (l) => {
        listener = l;
        return () => {
          listener = null;
        };
      },
      send: (message) => sent.push(message),
      signedInConnection: connection,
    },
    startSession,
    getState: () => state,
    setState: (next) => {
      state = next;
    },
    now: () => 1000,
  });
  return { console, sent, session, startSession, connection, state: () => state, fromServer: (message: ServerMessage) => listener?.onMessage(message), listener: () => listener };
}

describe('QueueConsole', () => {
  it('subscribes, and shows each snapshot', () => {
    const s = setup();
    s.console.open();
    expect(s.sent).toEqual([{ type: 'queue.subscribe' }]);
    s.fromServer({ type: 'queue.snapshot', items: [item], total: 1, at: 5 });
    expect(s.state()).toMatchObject({ loaded: true, items: [item], total: 1, receivedAt: 1000 });
  });

  it('claims: the session created on the signed-in connection goes to the session controller', () => {
    const s = setup();
    s.console.open();
    s.console.claim(ID);
    expect(s.sent.at(-1)).toEqual({ type: 'queue.claim', requestId: ID });
    expect(s.state().claiming).toBe(ID);
    const created: ServerMessage = { type: 'session.created', code: '123456789', expiresAt: 1 };
    s.fromServer(created);
    expect(s.startSession).toHaveBeenCalledWith(s.connection);
    expect(s.session.onMessage).toHaveBeenCalledWith(created);
    expect(s.state()).toMatchObject({ claiming: null, sessionRequest: ID });
    s.fromServer({ type: 'queue.claimed', requestId: ID });
    expect(s.state().notice).toBe('claimed');
    // Later session messages follow; a lost connection ends the session.
    s.fromServer({ type: 'peer.joined' });
    expect(s.session.onMessage).toHaveBeenLastCalledWith({ type: 'peer.joined' });
    // The session's fresh TURN credentials too: a queue session renews them like any other.
    const ice: ServerMessage = { type: 'session.ice', ice: { iceServers: [{ urls: 'turn:127.0.0.1:3478', username: '1:tag', credential: 'c' }], validForMs: 600_000 } };
    s.fromServer(ice);
    expect(s.session.onMessage).toHaveBeenLastCalledWith(ice);
    s.listener()?.onLost?.();
    expect(s.session.onLost).toHaveBeenCalled();
  });

  it('answers an e-mail request by e-mail and refreshes its thread; an invitation starts the session like a claim', () => {
    const s = setup();
    s.console.open();
    s.fromServer({ type: 'queue.request', request: { ...item, channel: 'email', description: 'Printer offline', details: [], diagnostics: null, intake: null, mail: { address: 'uma@example.com', thread: [], attachments: [] } } });
    s.console.mailReply(ID, 'Is it switched on?');
    expect(s.sent.at(-1)).toEqual({ type: 'queue.mail-reply', requestId: ID, text: 'Is it switched on?' });
    s.fromServer({ type: 'queue.mail-queued', requestId: ID, kind: 'reply' });
    expect(s.state().notice).toBe('mail-sent');
    expect(s.sent.at(-1)).toEqual({ type: 'queue.detail', requestId: ID });

    s.console.mailInvite(ID);
    expect(s.sent.at(-1)).toEqual({ type: 'queue.mail-invite', requestId: ID });
    expect(s.state().claiming).toBe(ID);
    s.fromServer({ type: 'session.created', code: '123456789', expiresAt: 1 });
    expect(s.startSession).toHaveBeenCalledWith(s.connection);
    expect(s.state()).toMatchObject({ claiming: null, sessionRequest: ID });
    s.fromServer({ type: 'queue.mail-queued', requestId: ID, kind: 'invite' });
    expect(s.state().notice).toBe('invite-sent');
  });

  it('says plainly when a colleague claimed first, and starts no session', () => {
    const s = setup();
    s.console.open();
    s.console.claim(ID);
    s.fromServer({ type: 'error', code: 'already-claimed', message: 'taken' });
    expect(s.state()).toMatchObject({ claiming: null, problem: 'already-claimed' });
    expect(s.startSession).not.toHaveBeenCalled();
  });

  it('leaves errors answering other features’ messages to them', () => {
    const s = setup();
    s.console.open();
    s.fromServer({ type: 'error', code: 'invalid-totp', message: 'wrong code', replyTo: 'totp.confirm' });
    s.fromServer({ type: 'error', code: 'forbidden', message: 'admins only', replyTo: 'audit.query' });
    expect(s.state().problem).toBeNull();
    s.fromServer({ type: 'error', code: 'forbidden', message: 'handed to a colleague', replyTo: 'queue.claim' });
    expect(s.state().problem).toBe('not-assignee');
  });

  it('takes an error naming no message (a flood refusal) only while a claim waits', () => {
    const s = setup();
    s.console.open();
    s.fromServer({ type: 'error', code: 'rate-limited', message: 'slow down' });
    expect(s.state().problem).toBeNull();
    s.console.claim(ID);
    s.fromServer({ type: 'error', code: 'rate-limited', message: 'slow down' });
    expect(s.state()).toMatchObject({ claiming: null, problem: 'failed' });
  });

  it('ignores session.created it did not ask for', () => {
    const s = setup();
    s.console.open();
    s.fromServer({ type: 'session.created', code: '123456789', expiresAt: 1 });
    expect(s.startSession).not.toHaveBeenCalled();
  });

  it('keeps the latest suspicious-contact alerts until dismissed', () => {
    const s = setup();
    s.console.open();
    const alert = (n: number) => ({ type: 'queue.alert' as const, kind: 'contact-reported' as const, at: n, consultantName: 'Bob', sessionId: `6f1c1f0e-8a8b-4c55-9a55-2a7c1d7e0b${String(n).padStart(2, '0')}` });
    for (let n = 1; n <= 7; n++) s.fromServer(alert(n));
    s.fromServer(alert(7)); // the same session again is not a second alert
    expect(s.state().alerts.map((a) => a.at)).toEqual([7, 6, 5, 4, 3]);
    s.console.dismissAlert(alert(6).sessionId);
    expect(s.state().alerts.map((a) => a.at)).toEqual([7, 5, 4, 3]);
    expect(s.state().alerts[0]).toEqual({ at: 7, consultantName: 'Bob', sessionId: alert(7).sessionId });
  });

  it('keeps one target-wait alert per request (its latest level), and loads and saves the targets', () => {
    const s = setup();
    s.console.open();
    const alert = (level: 'approaching' | 'overdue', requestId = ID) => ({ type: 'queue.wait-alert' as const, requestId, level, contactName: 'Dominique', category: 'printer' as const, targetMs: 600_000, at: 5 });
    const other = '6f1c1f0e-8a8b-4c55-9a55-2a7c1d7e0b99';
    s.fromServer(alert('approaching'));
    s.fromServer(alert('approaching', other));
    s.fromServer(alert('overdue'));
    expect(s.state().waitAlerts.map((a) => [a.requestId, a.level])).toEqual([
      [ID, 'overdue'],
      [other, 'approaching'],
    ]);
    // Taken by someone: its alert goes; the other request still waits (shown), so its alert stays.
    s.fromServer({ type: 'queue.snapshot', items: [{ ...item, state: 'claimed', claimedBy: { id: 7, name: 'Camille' } }, { ...item, id: other }], total: 2, at: 6 });
    expect(s.state().waitAlerts.map((a) => a.requestId)).toEqual([other]);
    s.console.dismissWaitAlert(other);
    expect(s.state().waitAlerts).toEqual([]);

    s.console.loadTargets();
    expect(s.sent.at(-1)).toEqual({ type: 'queue.targets' });
    const targets = DEFAULT_WAIT_TARGETS.map((t) => ({ ...t, minutes: 10 }));
    s.fromServer({ type: 'queue.targets', targets });
    expect(s.state().targets).toEqual(targets);
    s.console.saveTargets(targets);
    expect(s.sent.at(-1)).toEqual({ type: 'queue.set-targets', targets });
    // "Saved" only once the server answers with the stored targets.
    expect(s.state().notice).toBeNull();
    s.fromServer({ type: 'queue.targets', targets });
    expect(s.state().notice).toBe('targets-saved');
    s.console.saveTargets(targets);
    s.fromServer({ type: 'error', code: 'forbidden', message: 'Only an admin can change the target waits.', replyTo: 'queue.set-targets' });
    expect(s.state()).toMatchObject({ notice: null, problem: 'failed' });
  });

  it('opens a request, follows it in snapshots, hands it over and closes it', () => {
    const s = setup();
    s.console.open();
    s.console.showDetail(ID);
    expect(s.sent.at(-1)).toEqual({ type: 'queue.detail', requestId: ID });
    const base = { id: item.id, category: item.category, contactName: item.contactName, state: item.state, createdAt: 0, waitingMs: 0, claimedBy: null, assignedTo: null, userOnline: true, detailsCount: 0, networkGroup: 'A1B2C3', targetMs: 30 * 60_000 };
    s.fromServer({ type: 'queue.request', request: { ...base, description: 'The printer says offline since Monday', details: [], diagnostics: null, intake: null } });
    expect(s.state().detail?.description).toMatch(/since Monday/);
    const claimed = { ...item, state: 'claimed' as const, claimedBy: { id: 7, name: 'Camille' } };
    s.fromServer({ type: 'queue.snapshot', items: [claimed], total: 1, at: 6 });
    expect(s.state().detail).toMatchObject({ state: 'claimed', claimedBy: { id: 7 }, description: 'The printer says offline since Monday' });
    s.console.handOff(ID, 9);
    expect(s.sent.at(-1)).toEqual({ type: 'queue.handoff', requestId: ID, consultantId: 9 });
    s.console.closeRequest(ID, 'resolved', 'new driver');
    expect(s.sent.at(-1)).toEqual({ type: 'queue.close', requestId: ID, outcome: 'resolved', note: 'new driver' });
    expect(s.state().notice).toBe('closed');
  });

  it('dismisses waiting requests as abuse, and says how many the server ended', () => {
    const s = setup();
    s.console.open();
    s.console.dismiss([], false);
    expect(s.sent).toEqual([{ type: 'queue.subscribe' }]);
    s.console.dismiss([ID], false);
    expect(s.sent.at(-1)).toEqual({ type: 'queue.dismiss', requestIds: [ID], reason: 'abuse' });
    s.console.dismiss([ID], true);
    expect(s.sent.at(-1)).toEqual({ type: 'queue.dismiss', requestIds: [ID], reason: 'abuse', sameNetwork: true });
    s.fromServer({ type: 'queue.dismissed', count: 7 });
    expect(s.state()).toMatchObject({ notice: 'dismissed', dismissed: 7, problem: null });
  });

  it('starts a verified session with a code outside the queue', () => {
    const s = setup();
    s.console.open();
    s.console.startDirect('Camille Martin');
    expect(s.sent.at(-1)).toEqual({ type: 'session.create', consultantName: 'Camille Martin' });
    s.fromServer({ type: 'session.created', code: '123456789', expiresAt: 1 });
    expect(s.startSession).toHaveBeenCalled();
    expect(s.state().sessionRequest).toBeNull();
  });

  it('re-subscribes after the connection was re-established', () => {
    const s = setup();
    s.console.open();
    s.listener()?.onReconnected?.();
    expect(s.sent.filter((m) => m.type === 'queue.subscribe')).toHaveLength(2);
  });

  it('a session started here resumes: its resume messages reach it, and a lost socket is handed over once back', () => {
    const s = setup();
    s.console.open();
    s.console.startDirect('Camille');
    s.fromServer({ type: 'session.created', code: '482193675', expiresAt: 5, sessionId: '00000000-0000-4000-8000-000000000001' });
    const resumeToken: ServerMessage = { type: 'session.resume-token', sessionId: '00000000-0000-4000-8000-000000000001', token: 'a'.repeat(40), expiresAt: 9 };
    const refused: ServerMessage = { type: 'error', code: 'resume-refused', message: 'no', replyTo: 'session.resume' };
    for (const message of [resumeToken, { type: 'peer.away', reason: 'network', until: 9 }, { type: 'peer.back' }, { type: 'session.resumed', sessionId: '00000000-0000-4000-8000-000000000001', peerPresent: true }, refused] satisfies ServerMessage[]) {
      s.fromServer(message);
      expect(s.session.onMessage).toHaveBeenLastCalledWith(message);
    }
    // The refusal belongs to the session, not to the queue.
    expect(s.state().problem).toBeNull();
    s.listener()?.onLost?.();
    expect(s.session.onLost).toHaveBeenCalledTimes(1);
    s.listener()?.onReconnected?.();
    expect(s.session.onReconnected).toHaveBeenCalledWith(s.connection);
  });
});
