import { describe, expect, it } from 'vitest';
import { DEFAULT_WAIT_TARGETS } from '../shared/wait-targets';
import type { ServerMessage } from '../shared/signaling';
import type { TestClient } from './test-client';
import { queueClusterFixture } from './test-support/queue-cluster';

/**
 * Target waits on two instances sharing one database and one real redis-server: an admin sets
 * them, and the alerts reach the consultants of both instances once per level, however many
 * sweeps run on however many instances. The clock is the harness's manual one.
 */
const { env, twoInstances: startTwo, watchingConsultant: watching } = queueClusterFixture();
const MINUTE = 60_000;
const twoInstances = () =>
  startTwo([
    { email: 'bob@acme.example', name: 'Bob' },
    { email: 'ada@acme.example', name: 'Ada', role: 'admin' },
  ]);

const alertsOf = (c: TestClient) => c.drain().filter((m): m is Extract<ServerMessage, { type: 'queue.wait-alert' }> => m.type === 'queue.wait-alert');
/** Lets every instance's sweep (every 50 ms of real time) run at the clock's new time. */
const sweeps = () => new Promise((resolve) => setTimeout(resolve, 300));

describe('target waits and their alerts (two instances, real redis-server)', { timeout: 30_000 }, () => {
  it('only an admin sets valid targets; alerts fire once per level on every instance; the person hears it takes longer', async () => {
    const [a, b] = await twoInstances();
    const ada = await watching(a, 'ada@acme.example');
    const bob = await watching(b, 'bob@acme.example');
    const printer10 = DEFAULT_WAIT_TARGETS.map((t) => (t.category === 'printer' ? { ...t, minutes: 10 } : t));

    expect(await bob.expectError({ type: 'queue.set-targets', targets: printer10 })).toMatchObject({ code: 'forbidden' });
    expect(await ada.expectError({ type: 'queue.set-targets', targets: printer10.slice(1) })).toMatchObject({ code: 'invalid-message' });
    expect(await ada.expectError({ type: 'queue.set-targets', targets: printer10.map((t) => ({ ...t, minutes: 100_000 })) })).toMatchObject({ code: 'invalid-message' });
    ada.send({ type: 'queue.set-targets', targets: printer10 });
    expect((await ada.next('queue.targets')).targets).toEqual(printer10);
    bob.send({ type: 'queue.targets' });
    expect((await bob.next('queue.targets')).targets).toEqual(printer10);

    const user = await env.h.client(b, '10.7.0.1');
    user.send({ type: 'request.submit', organisation: 'acme', category: 'printer', contactName: 'Uma', intake: { answers: [{ question: 'tried', answer: 'Turned it off and on.' }] } });
    const { requestId } = await user.next('request.submitted');
    const snapshot = await bob.nextMatching((m) => m.type === 'queue.snapshot' && m.total === 1, 'a snapshot with the request');
    expect(snapshot).toMatchObject({ items: [{ id: requestId, targetMs: 10 * MINUTE, descriptionPreview: 'Turned it off and on.' }] });
    await sweeps();
    alertsOf(ada);
    alertsOf(bob);

    env.h.clock.advance(7 * MINUTE);
    await sweeps();
    expect([...alertsOf(ada), ...alertsOf(bob)]).toEqual([]);

    env.h.clock.advance(MINUTE);
    const approaching = { type: 'queue.wait-alert', requestId, level: 'approaching', contactName: 'Uma', category: 'printer', targetMs: 10 * MINUTE };
    expect(await ada.next('queue.wait-alert')).toMatchObject(approaching);
    expect(await bob.next('queue.wait-alert')).toMatchObject(approaching);
    // More sweeps on both instances while still approaching: nothing new.
    env.h.clock.advance(MINUTE);
    await sweeps();
    expect([...alertsOf(ada), ...alertsOf(bob)]).toEqual([]);
    const statuses = user.drain().filter((m) => m.type === 'request.status');
    expect(statuses.length).toBeGreaterThan(0);
    expect(statuses.every((m) => m.type === 'request.status' && !m.pastTarget)).toBe(true);

    env.h.clock.advance(MINUTE);
    expect(await ada.next('queue.wait-alert')).toMatchObject({ ...approaching, level: 'overdue' });
    expect(await bob.next('queue.wait-alert')).toMatchObject({ ...approaching, level: 'overdue' });
    expect(await user.nextMatching((m) => m.type === 'request.status' && m.pastTarget, 'a past-target status')).toMatchObject({ state: 'waiting', position: 1, pastTarget: true });
    env.h.clock.advance(MINUTE);
    await sweeps();
    expect([...alertsOf(ada), ...alertsOf(bob)]).toEqual([]);
  });
});
