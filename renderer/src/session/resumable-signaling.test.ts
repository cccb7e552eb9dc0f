import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeSignaling } from '../test/fake-signaling';
import { backoffDelay, MAX_QUEUED_MESSAGES, RECONNECT_BASE_MS, RECONNECT_CAP_MS, ResumableSignaling, type ResumableEvents } from './resumable-signaling';

const TOKEN = 'a'.repeat(40);
const NEXT_TOKEN = 'b'.repeat(40);
const SESSION = '00000000-0000-4000-8000-000000000001';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

function setup(options: { token?: string | null; limitMs?: number; random?: () => number } = {}) {
  const server = fakeSignaling();
  let token = options.token === undefined ? TOKEN : options.token;
  const events = { onMessage: vi.fn(), onDown: vi.fn(), onResumed: vi.fn(), onGone: vi.fn() } satisfies ResumableEvents;
  const client = new ResumableSignaling(
    { connect: server.connect, url: 'ws://127.0.0.1:1/ws', token: () => token, limitMs: () => options.limitMs ?? 60_000, random: options.random ?? (() => 0.5) },
    events,
  );
  return { server, events, client, setToken: (next: string) => (token = next) };
}

describe('backoffDelay', () => {
  it('waits between 0 and an exponential bound, never more than the cap (full jitter)', () => {
    for (let attempt = 0; attempt < 20; attempt += 1) {
      const bound = Math.min(RECONNECT_CAP_MS, RECONNECT_BASE_MS * 2 ** attempt);
      expect(backoffDelay(attempt, () => 0)).toBe(0);
      expect(backoffDelay(attempt, () => 0.999_999)).toBeLessThan(bound);
      expect(backoffDelay(attempt, () => 0.999_999)).toBeGreaterThanOrEqual(bound - 1);
    }
    expect(backoffDelay(1000, () => 0.999_999)).toBeLessThan(RECONNECT_CAP_MS);
    // Spread out, not one fixed delay: a crowd of apps does not come back all at once.
    const delays = new Set(Array.from({ length: 50 }, () => backoffDelay(6)));
    expect(delays.size).toBeGreaterThan(10);
  });
});

describe('ResumableSignaling', () => {
  it('after a lost socket, reconnects, resumes with the secret, and only then sends what was queued, in order', async () => {
    const { server, events, client } = setup();
    await client.open();
    client.send({ type: 'session.leave' });
    expect(server.sockets[0]?.sent).toEqual([{ type: 'session.leave' }]);

    server.lose();
    expect(events.onDown).toHaveBeenCalledTimes(1);
    expect(client.down).toBe(true);
    client.send({ type: 'signal', data: { renegotiate: true } });
    client.send({ type: 'audit.report', event: { type: 'consent.given', scope: 'view' } });
    await vi.advanceTimersByTimeAsync(RECONNECT_BASE_MS);
    expect(server.sockets).toHaveLength(2);
    // The resume goes first; nothing else until the server accepted it.
    expect(server.sockets[1]?.sent).toEqual([{ type: 'session.resume', token: TOKEN }]);
    server.fromServer({ type: 'signal', data: { renegotiate: true } });
    expect(events.onMessage).not.toHaveBeenCalled();

    server.fromServer({ type: 'session.resumed', sessionId: SESSION, peerPresent: true });
    expect(events.onResumed).toHaveBeenCalledWith(expect.objectContaining({ peerPresent: true }));
    expect(server.sockets[1]?.sent).toEqual([
      { type: 'session.resume', token: TOKEN },
      { type: 'signal', data: { renegotiate: true } },
      { type: 'audit.report', event: { type: 'consent.given', scope: 'view' } },
    ]);
    // The rotated secret and the signals kept by the server reach the session after the resume.
    server.fromServer({ type: 'session.resume-token', sessionId: SESSION, token: NEXT_TOKEN, expiresAt: 1 });
    expect(events.onMessage).toHaveBeenCalledWith({ type: 'session.resume-token', sessionId: SESSION, token: NEXT_TOKEN, expiresAt: 1 });
    client.send({ type: 'session.leave' });
    expect(server.sockets[1]?.sent.at(-1)).toEqual({ type: 'session.leave' });
  });

  it('keeps a bounded queue while away: the oldest messages go first', async () => {
    const { server, client } = setup();
    await client.open();
    server.reachable(false);
    server.lose();
    for (let index = 0; index < MAX_QUEUED_MESSAGES + 10; index += 1) client.send({ type: 'signal', data: { type: 'offer', sdp: `v=${index}` } });
    server.reachable(true);
    await vi.advanceTimersByTimeAsync(RECONNECT_CAP_MS);
    server.fromServer({ type: 'session.resumed', sessionId: SESSION, peerPresent: false });
    const sent = server.sockets.at(-1)?.sent ?? [];
    expect(sent).toHaveLength(MAX_QUEUED_MESSAGES + 1);
    expect(sent[1]).toEqual({ type: 'signal', data: { type: 'offer', sdp: 'v=10' } });
  });

  it('resumes with whichever secret is current at each loss (each is single use)', async () => {
    const { server, client, setToken } = setup();
    await client.open();
    server.lose();
    await vi.advanceTimersByTimeAsync(RECONNECT_BASE_MS);
    server.fromServer({ type: 'session.resumed', sessionId: SESSION, peerPresent: true });
    setToken(NEXT_TOKEN);
    server.lose();
    await vi.advanceTimersByTimeAsync(RECONNECT_BASE_MS);
    expect(server.sockets[2]?.sent[0]).toEqual({ type: 'session.resume', token: NEXT_TOKEN });
  });

  it('retries with growing waits while the server is down, and gives up at the limit', async () => {
    const { server, events, client } = setup({ limitMs: 20_000, random: () => 0.999 });
    await client.open();
    server.reachable(false);
    server.lose();
    await vi.advanceTimersByTimeAsync(19_000);
    expect(events.onGone).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(RECONNECT_CAP_MS + 1000);
    expect(events.onGone).toHaveBeenCalledWith('unreachable');
    // Nothing more after giving up.
    const attempts = server.sockets.length;
    await vi.advanceTimersByTimeAsync(60_000);
    expect(server.sockets).toHaveLength(attempts);
  });

  it('a refused resume ends it: no more attempts', async () => {
    const { server, events, client } = setup();
    await client.open();
    server.lose();
    await vi.advanceTimersByTimeAsync(RECONNECT_BASE_MS);
    server.fromServer({ type: 'error', code: 'resume-refused', message: 'no', replyTo: 'session.resume' });
    expect(events.onGone).toHaveBeenCalledWith('refused');
    expect(server.sockets[1]?.close).toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(server.sockets).toHaveLength(2);
  });

  it('with no secret yet (not paired), a lost socket is the end', async () => {
    const { server, events, client } = setup({ token: null });
    await client.open();
    server.lose();
    expect(events.onGone).toHaveBeenCalledWith('lost');
    expect(events.onDown).not.toHaveBeenCalled();
  });

  it('a socket lost again while resuming just tries again', async () => {
    const { server, events, client } = setup();
    await client.open();
    server.lose();
    await vi.advanceTimersByTimeAsync(RECONNECT_BASE_MS);
    server.lose();
    await vi.advanceTimersByTimeAsync(RECONNECT_BASE_MS * 2);
    expect(server.sockets).toHaveLength(3);
    server.fromServer({ type: 'session.resumed', sessionId: SESSION, peerPresent: true });
    expect(events.onDown).toHaveBeenCalledTimes(1);
    expect(events.onResumed).toHaveBeenCalledTimes(1);
  });
});
