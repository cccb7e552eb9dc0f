// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import type { ConsultantView } from '../../../shared/accounts';
import { fakeSignaling } from '../test/fake-signaling';
import { AccountClient } from './account-client';
import { signedOut, type AccountState } from './account-state';

const consultant: ConsultantView = { id: 7, name: 'Camille Martin', email: 'camille@acme.test', role: 'consultant', organisation: { slug: 'acme', name: 'Acme IT' }, totpEnabled: true };
const token = 'a'.repeat(43);

function setup(options: { unreachable?: boolean } = {}) {
  let state: AccountState = signedOut;
  const server = fakeSignaling(options);
  const client = new AccountClient({
    connect: server.connect,
    serverUrl: server.serverUrl,
    getState: () => state,
    setState: (next) => {
      state = next;
    },
    sleep: () => Promise.resolve(),
  });
  return { client, sockets: server.sockets, state: () => state, fromServer: server.fromServer, lose: server.lose };
}

describe('AccountClient', () => {
  it('signs in with e-mail and password, then with the TOTP code when the server asks for it', async () => {
    const s = setup();
    await s.client.signIn('camille@acme.test', 'correct horse battery');
    expect(s.state()).toEqual({ status: 'signing-in', needsTotp: false });
    expect(s.sockets[0]?.sent).toEqual([{ type: 'auth.login', email: 'camille@acme.test', password: 'correct horse battery' }]);
    s.fromServer({ type: 'error', code: 'totp-required', message: 'code' });
    expect(s.state()).toEqual({ status: 'signed-out', problem: null, needsTotp: true });

    await s.client.signIn('camille@acme.test', 'correct horse battery', '123456');
    // Same connection: the server remembers nothing between the two, the message carries all.
    expect(s.sockets).toHaveLength(1);
    expect(s.sockets[0]?.sent[1]).toEqual({ type: 'auth.login', email: 'camille@acme.test', password: 'correct horse battery', totp: '123456' });
    s.fromServer({ type: 'auth.ok', consultant, expiresAt: 1, token });
    expect(s.state()).toEqual({ status: 'signed-in', consultant, expiresAt: 1, online: true });
    expect(s.client.signedInConnection).not.toBeNull();
  });

  it('explains refusals, with the wait after too many attempts', async () => {
    const s = setup();
    await s.client.signIn('camille@acme.test', 'wrong');
    s.fromServer({ type: 'error', code: 'invalid-credentials', message: 'no' });
    expect(s.state()).toEqual({ status: 'signed-out', problem: { kind: 'invalid-credentials' }, needsTotp: false });
    await s.client.signIn('camille@acme.test', 'wrong');
    s.fromServer({ type: 'error', code: 'too-many-attempts', message: 'wait', retryAfterMs: 8000 });
    expect(s.state()).toMatchObject({ problem: { kind: 'too-many-attempts', retryAfterMs: 8000 } });
  });

  it('says the server is busy (not the user’s mistake) when it refuses to check more passwords', async () => {
    const s = setup();
    await s.client.signIn('camille@acme.test', 'pw');
    s.fromServer({ type: 'error', code: 'busy', message: 'busy', retryAfterMs: 1000 });
    expect(s.state()).toEqual({ status: 'signed-out', problem: { kind: 'busy' }, needsTotp: false });
  });

  it('keeps the count of failed sign-ins from other places across a resume of the same sign-in', async () => {
    const s = setup();
    await s.client.signIn('camille@acme.test', 'pw');
    s.fromServer({ type: 'auth.ok', consultant, expiresAt: 1, token, failedElsewhere: 12 });
    expect(s.state()).toEqual({ status: 'signed-in', consultant, expiresAt: 1, online: true, failedElsewhere: 12 });
    s.lose();
    await vi.waitFor(() => expect(s.sockets[1]?.sent).toEqual([{ type: 'auth.resume', token }]));
    s.fromServer({ type: 'auth.ok', consultant, expiresAt: 2 });
    expect(s.state()).toMatchObject({ status: 'signed-in', online: true, failedElsewhere: 12 });
  });

  it('says when the server cannot be reached', async () => {
    const s = setup({ unreachable: true });
    await s.client.signIn('camille@acme.test', 'pw');
    expect(s.state()).toEqual({ status: 'signed-out', problem: { kind: 'server-unreachable' }, needsTotp: false });
  });

  it('hands other messages to listeners only once signed in', async () => {
    const s = setup();
    const onMessage = vi.fn();
    s.client.listen({ onMessage });
    await s.client.signIn('camille@acme.test', 'pw');
    s.fromServer({ type: 'queue.claimed', requestId: '6f1c1f0e-8a8b-4c55-9a55-2a7c1d7e0b11' });
    expect(onMessage).not.toHaveBeenCalled();
    s.fromServer({ type: 'auth.ok', consultant, expiresAt: 1, token });
    s.fromServer({ type: 'queue.claimed', requestId: '6f1c1f0e-8a8b-4c55-9a55-2a7c1d7e0b11' });
    expect(onMessage).toHaveBeenCalledTimes(1);
  });

  it('resumes with the in-memory token after a lost connection, and tells listeners', async () => {
    const s = setup();
    const listener = { onMessage: vi.fn(), onLost: vi.fn(), onReconnected: vi.fn() };
    s.client.listen(listener);
    await s.client.signIn('camille@acme.test', 'pw');
    s.fromServer({ type: 'auth.ok', consultant, expiresAt: 1, token });
    s.lose();
    await vi.waitFor(() => expect(s.sockets).toHaveLength(2));
    expect(listener.onLost).toHaveBeenCalled();
    await vi.waitFor(() => expect(s.sockets[1]?.sent).toEqual([{ type: 'auth.resume', token }]));
    expect(listener.onReconnected).toHaveBeenCalled();
    expect(s.state()).toMatchObject({ status: 'signed-in', online: false });
    s.fromServer({ type: 'auth.ok', consultant, expiresAt: 2 });
    expect(s.state()).toMatchObject({ status: 'signed-in', online: true });
  });

  it('signs out: revokes the token on the server, forgets it, closes the connection', async () => {
    const s = setup();
    await s.client.signIn('camille@acme.test', 'pw');
    s.fromServer({ type: 'auth.ok', consultant, expiresAt: 1, token });
    s.client.signOut();
    expect(s.sockets[0]?.sent.at(-1)).toEqual({ type: 'auth.logout' });
    expect(s.sockets[0]?.close).toHaveBeenCalled();
    expect(s.state()).toEqual(signedOut);
    expect(s.client.signedInConnection).toBeNull();
  });

  it('signs out locally when the server no longer accepts the token', async () => {
    const s = setup();
    await s.client.signIn('camille@acme.test', 'pw');
    s.fromServer({ type: 'auth.ok', consultant, expiresAt: 1, token });
    s.fromServer({ type: 'error', code: 'unauthorized', message: 'expired' });
    expect(s.state()).toEqual({ status: 'signed-out', problem: { kind: 'expired' }, needsTotp: false });
  });

  it('marks two-step sign-in on when the server confirms it, and still tells listeners', async () => {
    const s = setup();
    const onMessage = vi.fn();
    s.client.listen({ onMessage });
    await s.client.signIn('camille@acme.test', 'pw');
    s.fromServer({ type: 'auth.ok', consultant: { ...consultant, totpEnabled: false }, expiresAt: 1, token });
    s.fromServer({ type: 'totp.enabled' });
    expect(s.state()).toMatchObject({ status: 'signed-in', consultant: { totpEnabled: true } });
    expect(onMessage).toHaveBeenCalledWith({ type: 'totp.enabled' });
  });

  it('matches each question to its own answer by ref, and says when there is none', async () => {
    const s = setup();
    expect(await s.client.request({ type: 'audit.query', filter: {} }, 'audit.page')).toEqual({ ok: false, reason: 'offline' });
    await s.client.signIn('camille@acme.test', 'pw');
    s.fromServer({ type: 'auth.ok', consultant, expiresAt: 1, token });
    const onMessage = vi.fn();
    s.client.listen({ onMessage });

    const first = s.client.request({ type: 'audit.query', filter: {} }, 'audit.page');
    const second = s.client.request({ type: 'audit.query', filter: { type: 'logout' } }, 'audit.page');
    const [sentFirst, sentSecond] = s.sockets[0]?.sent.slice(-2) ?? [];
    expect(sentFirst).toEqual({ type: 'audit.query', filter: {}, ref: 1 });
    expect(sentSecond).toEqual({ type: 'audit.query', filter: { type: 'logout' }, ref: 2 });
    // Answered out of order, each still reaches its own question; listeners see neither.
    s.fromServer({ type: 'audit.page', entries: [], more: true, ref: 2 });
    s.fromServer({ type: 'error', code: 'forbidden', message: 'admins only', replyTo: 'audit.query', ref: 1 });
    expect(await second).toEqual({ ok: true, answer: { type: 'audit.page', entries: [], more: true, ref: 2 } });
    expect(await first).toEqual({ ok: false, reason: 'refused', code: 'forbidden' });
    expect(onMessage).not.toHaveBeenCalled();
    // A late answer to a question nobody waits for any more is not taken for anything.
    s.fromServer({ type: 'audit.page', entries: [], more: false, ref: 1 });
    expect(onMessage).toHaveBeenCalledTimes(1);

    const waiting = s.client.request({ type: 'totp.confirm', code: '123456' }, 'totp.enabled');
    s.lose();
    expect(await waiting).toEqual({ ok: false, reason: 'lost' });
  });

  it('gives up on a question the server never answers', async () => {
    vi.useFakeTimers();
    try {
      const s = setup();
      await s.client.signIn('camille@acme.test', 'pw');
      s.fromServer({ type: 'auth.ok', consultant, expiresAt: 1, token });
      const silent = s.client.request({ type: 'audit.query', filter: {} }, 'audit.page', 1000);
      await vi.advanceTimersByTimeAsync(1000);
      expect(await silent).toEqual({ ok: false, reason: 'timeout' });
    } finally {
      vi.useRealTimers();
    }
  });

  it('never writes the token to web storage', async () => {
    const storage = vi.spyOn(Storage.prototype, 'setItem');
    const s = setup();
    await s.client.signIn('camille@acme.test', 'pw');
    s.fromServer({ type: 'auth.ok', consultant, expiresAt: 1, token });
    expect(storage).not.toHaveBeenCalled();
  });
});
