import { describe, expect, it, vi } from 'vitest';
import type { ServerMessage } from '../../../shared/signaling';
import { fakeSignaling } from '../test/fake-signaling';
import { HelpRequestClient } from './help-request';
import { noRequest, type HelpRequestState } from './help-request-state';

const ID = '6f1c1f0e-8a8b-4c55-9a55-2a7c1d7e0b11';
const resumeToken = 'b'.repeat(43);
const request = { organisation: 'acme', category: 'printer' as const, description: 'The printer says offline', contactName: 'Dominique' };
const status = (change: Partial<Extract<ServerMessage, { type: 'request.status' }>> = {}): ServerMessage => ({
  type: 'request.status',
  requestId: ID,
  state: 'waiting',
  position: 2,
  estimatedWaitMs: null,
  detailsCount: 0,
  outcome: null,
  handedOff: false,
  pastTarget: false,
  ...change,
});

function setup(options: { unreachable?: boolean } = {}) {
  let state: HelpRequestState = noRequest;
  const server = fakeSignaling(options);
  const join = vi.fn();
  const client = new HelpRequestClient({
    connect: server.connect,
    serverUrl: server.serverUrl,
    getState: () => state,
    setState: (next) => {
      state = next;
    },
    join,
    sleep: () => Promise.resolve(),
  });
  return { client, sockets: server.sockets, join, state: () => state, fromServer: server.fromServer, lose: server.lose };
}

describe('HelpRequestClient', () => {
  it('submits, then follows the place in the queue and the estimate', async () => {
    const s = setup();
    await s.client.submit(request);
    expect(s.sockets[0]?.sent).toEqual([{ type: 'request.submit', ...request }]);
    expect(s.state()).toEqual({ phase: 'submitting' });
    s.fromServer({ type: 'request.submitted', requestId: ID, resumeToken, organisation: 'Acme IT' });
    s.fromServer(status());
    expect(s.state()).toMatchObject({ phase: 'open', organisation: 'Acme IT', state: 'waiting', position: 2, estimatedWaitMs: null });
    s.fromServer(status({ position: 1, estimatedWaitMs: 300_000 }));
    expect(s.state()).toMatchObject({ position: 1, estimatedWaitMs: 300_000 });
  });

  it('follows a request sent by e-mail from its link, like one sent from the app', async () => {
    const s = setup();
    await s.client.follow(ID, resumeToken);
    expect(s.sockets[0]?.sent).toEqual([{ type: 'request.watch', requestId: ID, resumeToken }]);
    expect(s.state()).toEqual({ phase: 'submitting' });
    s.fromServer({ type: 'request.watching', requestId: ID, organisation: 'Acme IT' });
    s.fromServer(status({ position: 3 }));
    expect(s.state()).toMatchObject({ phase: 'open', requestId: ID, organisation: 'Acme IT', state: 'waiting', position: 3 });
    s.fromServer({ type: 'request.claimed', requestId: ID, code: '123456789', expiresAt: 1, verified: { name: 'Camille Martin', organisation: 'Acme IT' } });
    expect(s.join).toHaveBeenCalledWith('123456789');
  });

  it('says plainly when the link from an e-mail names a request that is gone', async () => {
    const s = setup();
    await s.client.follow(ID, resumeToken);
    s.fromServer({ type: 'error', code: 'not-found', message: 'No such request.', replyTo: 'request.watch' });
    expect(s.state()).toEqual({ phase: 'none', problem: 'request-gone' });
  });

  it('joins the session with the code when a consultant takes the request', async () => {
    const s = setup();
    await s.client.submit(request);
    s.fromServer({ type: 'request.submitted', requestId: ID, resumeToken, organisation: 'Acme IT' });
    s.fromServer({ type: 'request.claimed', requestId: ID, code: '123456789', expiresAt: 1, verified: { name: 'Camille Martin', organisation: 'Acme IT' } });
    expect(s.state()).toMatchObject({ state: 'claimed', claimedBy: { name: 'Camille Martin', organisation: 'Acme IT' } });
    expect(s.join).toHaveBeenCalledWith('123456789');
    // Handed to a colleague: back to waiting, nobody holds it.
    s.fromServer(status({ handedOff: true, position: 1 }));
    expect(s.state()).toMatchObject({ state: 'waiting', claimedBy: null, handedOff: true });
  });

  it('adds details and cancels on the same connection', async () => {
    const s = setup();
    await s.client.submit(request);
    s.fromServer({ type: 'request.submitted', requestId: ID, resumeToken, organisation: 'Acme IT' });
    s.client.addDetails('It blinks orange');
    s.client.cancel();
    expect(s.sockets[0]?.sent.slice(1)).toEqual([{ type: 'request.add-details', text: 'It blinks orange' }, { type: 'request.cancel' }]);
    s.fromServer(status({ state: 'cancelled', position: null }));
    expect(s.state()).toMatchObject({ state: 'cancelled' });
  });

  it('explains a refused submission and closes the connection', async () => {
    const s = setup();
    await s.client.submit(request);
    s.fromServer({ type: 'error', code: 'unknown-organisation', message: 'no' });
    expect(s.state()).toEqual({ phase: 'none', problem: 'unknown-organisation' });
    expect(s.sockets[0]?.close).toHaveBeenCalled();
  });

  it('says when the server cannot be reached', async () => {
    const s = setup({ unreachable: true });
    await s.client.submit(request);
    expect(s.state()).toEqual({ phase: 'none', problem: 'server-unreachable' });
  });

  it('watches the request again on a new connection after a loss', async () => {
    const s = setup();
    await s.client.submit(request);
    s.fromServer({ type: 'request.submitted', requestId: ID, resumeToken, organisation: 'Acme IT' });
    s.lose();
    expect(s.state()).toMatchObject({ online: false });
    await vi.waitFor(() => expect(s.sockets[1]?.sent).toEqual([{ type: 'request.watch', requestId: ID, resumeToken }]));
    s.fromServer(status({ position: 1 }));
    expect(s.state()).toMatchObject({ online: true, position: 1 });
  });

  it('leave() forgets the request and ignores late messages', async () => {
    const s = setup();
    await s.client.submit(request);
    const handlers = s.sockets[0]?.handlers;
    s.client.leave();
    handlers?.onMessage({ type: 'request.submitted', requestId: ID, resumeToken, organisation: 'Acme IT' });
    expect(s.state()).toEqual(noRequest);
  });
});
