import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../shared/log';
import { createCreateBudget } from './create-budget';
import { throttleKey } from './source-address';
import { MemoryWindowCounter } from './window-counter';
import { startSignalingServer, type SignalingServer } from './signaling-server';
import { manualClock, TestClient } from './test-client';

const servers: SignalingServer[] = [];
const clients: TestClient[] = [];

afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.close()));
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

describe('session creation budget', () => {
  it('counts per address (IPv6 per /64) and refreshes after the window', async () => {
    const budget = createCreateBudget({ perWindow: 2, windowMs: 1000 }, new MemoryWindowCounter());
    expect((await budget.take({ address: throttleKey('2001:db8::1') }, 0)).allowed).toBe(true);
    expect((await budget.take({ address: throttleKey('2001:db8::2') }, 10)).allowed).toBe(true);
    expect(await budget.take({ address: throttleKey('2001:db8::3') }, 400)).toEqual({ allowed: false, retryAfterMs: 600 });
    expect((await budget.take({ address: '192.0.2.1' }, 400)).allowed).toBe(true);
    expect((await budget.take({ address: throttleKey('2001:db8::1') }, 1000)).allowed).toBe(true);
  });

  it('bounds a whole /24 network, not only each of its addresses', async () => {
    const budget = createCreateBudget({ perWindow: 2, perNetwork: 5, windowMs: 60_000 }, new MemoryWindowCounter());
    const outcomes: boolean[] = [];
    for (let host = 1; host <= 8; host++) outcomes.push((await budget.take({ address: `198.51.100.${host}` }, 0)).allowed);
    expect(outcomes).toEqual([true, true, true, true, true, false, false, false]);
    expect((await budget.take({ address: '198.51.101.1' }, 0)).allowed).toBe(true);
  });

  it('caps all anonymous creations together (a botnet), never a signed-in consultant', async () => {
    const budget = createCreateBudget({ perWindow: 10, anonymousTotal: 4, windowMs: 60_000 }, new MemoryWindowCounter());
    const anonymous: boolean[] = [];
    for (let network = 1; network <= 6; network++) anonymous.push((await budget.take({ address: `192.0.${network}.1` }, 0)).allowed);
    expect(anonymous).toEqual([true, true, true, true, false, false]);
    expect((await budget.take({ address: '192.0.9.1', accountId: '1' }, 0)).allowed).toBe(true);
  });

  it('counts a signed-in consultant by account wherever it connects from, not by its office address', async () => {
    const budget = createCreateBudget({ perWindow: 1, perAccount: 3, windowMs: 60_000 }, new MemoryWindowCounter());
    // A help desk behind one address: its consultants do not share that address's budget.
    expect((await budget.take({ address: '203.0.113.1', accountId: '7' }, 0)).allowed).toBe(true);
    expect((await budget.take({ address: '203.0.113.1', accountId: '8' }, 0)).allowed).toBe(true);
    expect((await budget.take({ address: '203.0.113.1' }, 0)).allowed).toBe(true);
    // One stolen token reused from many addresses is bounded by its account.
    const fromEverywhere: boolean[] = [];
    for (let host = 2; host <= 5; host++) fromEverywhere.push((await budget.take({ address: `192.0.${host}.1`, accountId: '7' }, 0)).allowed);
    expect(fromEverywhere).toEqual([true, true, false, false]);
  });

  it('stops one address from taking codes on the real server while a consultant elsewhere still creates one', async () => {
    const clock = manualClock();
    const policy = { perWindow: 3, windowMs: 60_000 };
    const server = await startSignalingServer({ host: '127.0.0.1', port: 0, logger: silentLogger, now: clock.now, trustedProxies: ['127.0.0.1'], createBudget: policy });
    servers.push(server);
    const socketFrom = async (address: string) => {
      const client = await TestClient.ready(server.wsUrl, { 'x-forwarded-for': address });
      clients.push(client);
      return client;
    };
    const create = async (client: TestClient) => {
      client.send({ type: 'session.create', consultantName: 'Grabber' });
      return Promise.race([client.next('session.created').then(() => 'created', () => 'no-answer'), client.next('error').then((error) => error.code, () => 'no-answer')]);
    };
    const outcomes = [];
    for (let i = 0; i <= policy.perWindow; i++) outcomes.push(await create(await socketFrom('203.0.113.9')));
    expect(outcomes).toEqual([...Array<string>(policy.perWindow).fill('created'), 'rate-limited']);
    expect(await create(await socketFrom('198.51.100.20'))).toBe('created');
    clock.advance(policy.windowMs);
    expect(await create(await socketFrom('203.0.113.9'))).toBe('created');
  });

  // The full-size signaling fuzz found this refusal without `replyTo` while the budget was checked ahead of the handlers.
  it('refuses a creation past the budget as the answer to that session.create (the app takes only its own errors)', async () => {
    const server = await startSignalingServer({ host: '127.0.0.1', port: 0, logger: silentLogger, now: manualClock().now, createBudget: { perWindow: 1, windowMs: 60_000 } });
    servers.push(server);
    const [first, second] = await Promise.all([TestClient.ready(server.wsUrl), TestClient.ready(server.wsUrl)]);
    if (!first || !second) throw new Error('no clients');
    clients.push(first, second);
    first.send({ type: 'session.create', consultantName: 'First' });
    await first.next('session.created');
    second.send({ type: 'session.create', consultantName: 'Second' });
    expect(await second.next('error')).toMatchObject({ code: 'rate-limited', replyTo: 'session.create' });
  });
});
