import { describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { ServerMessage } from '../shared/signaling';
import { handleReplyingTo, wrapSocket } from './connection';

/** The two members of WebSocket that wrapSocket uses, recording what is sent. */
function fakeSocket() {
  const sent: ServerMessage[] = [];
  const socket = { readyState: WebSocket.OPEN, send: (data: string) => sent.push(JSON.parse(data) as ServerMessage) };
  return { socket: socket as unknown as WebSocket, sent };
}

describe('errors name the message they answer', () => {
  it('adds replyTo and ref for the socket whose message is being handled, across awaits', async () => {
    const a = fakeSocket();
    const b = fakeSocket();
    const connA = wrapSocket(1, 'a', a.socket);
    const connB = wrapSocket(2, 'b', b.socket);
    await handleReplyingTo(connA, { type: 'audit.query', filter: {}, ref: 5 }, async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      connA.sendError('forbidden', 'admins only', 1500.2);
      // An error for another socket, sent while handling A's message, answers nothing of B's.
      connB.sendError('not-in-session', 'gone');
    });
    connA.sendError('rate-limited', 'slow down');
    expect(a.sent).toEqual([
      { type: 'error', code: 'forbidden', message: 'admins only', retryAfterMs: 1501, replyTo: 'audit.query', ref: 5 },
      { type: 'error', code: 'rate-limited', message: 'slow down' },
    ]);
    expect(b.sent).toEqual([{ type: 'error', code: 'not-in-session', message: 'gone' }]);
  });

  it('keeps each socket to its own question while two are answered at once', async () => {
    const a = fakeSocket();
    const b = fakeSocket();
    const connA = wrapSocket(1, 'a', a.socket);
    const connB = wrapSocket(2, 'b', b.socket);
    const tick = () => new Promise((resolve) => setTimeout(resolve, 1));
    await Promise.all([
      handleReplyingTo(connA, { type: 'audit.query', filter: {}, ref: 1 }, async () => {
        await tick();
        connA.sendError('forbidden', 'a');
      }),
      handleReplyingTo(connB, { type: 'session.decline' }, async () => {
        await tick();
        connB.sendError('not-in-session', 'b');
      }),
    ]);
    expect(a.sent).toEqual([{ type: 'error', code: 'forbidden', message: 'a', replyTo: 'audit.query', ref: 1 }]);
    expect(b.sent).toEqual([{ type: 'error', code: 'not-in-session', message: 'b', replyTo: 'session.decline' }]);
  });

  it('answers nothing once the handler has finished, even when it failed', async () => {
    const a = fakeSocket();
    const conn = wrapSocket(1, 'a', a.socket);
    await handleReplyingTo(conn, { type: 'session.decline' }, () => Promise.reject(new Error('boom'))).catch(() => undefined);
    conn.sendError('rate-limited', 'later');
    expect(a.sent).toEqual([{ type: 'error', code: 'rate-limited', message: 'later' }]);
  });

  it('names the type alone when the question carried no ref', async () => {
    const a = fakeSocket();
    const conn = wrapSocket(1, 'a', a.socket);
    await handleReplyingTo(conn, { type: 'session.decline' }, () => Promise.resolve(conn.sendError('not-in-session', 'none')));
    expect(a.sent).toEqual([{ type: 'error', code: 'not-in-session', message: 'none', replyTo: 'session.decline' }]);
  });
});
