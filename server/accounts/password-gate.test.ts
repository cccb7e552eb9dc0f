import { describe, expect, it } from 'vitest';
import { networkPrefix as sourcePrefix } from '../source-address';
import { createPasswordGate } from './password-gate';

/** A check the test finishes by hand, so that places are held for as long as the test wants. */
function held() {
  let finish = () => undefined as void;
  const done = new Promise<void>((resolve) => (finish = resolve));
  return { check: () => done.then(() => 'checked'), finish: () => finish() };
}

describe('password gate', () => {
  it('runs up to the bound, queues the next, refuses the rest at once, and serves the queue in order', async () => {
    const gate = createPasswordGate({ concurrency: 1, maxWaiting: 2, perPrefixWaiting: 2 });
    const first = held();
    const order: string[] = [];
    const running = gate.run('10.0.0.1', () => first.check().then(() => order.push('first')));
    const waitingA = gate.run('10.0.1.1', () => Promise.resolve(order.push('a')));
    const waitingB = gate.run('10.0.2.1', () => Promise.resolve(order.push('b')));
    expect(await gate.run('10.0.3.1', () => Promise.resolve('never'))).toEqual({ ok: false, error: 'busy' });
    expect(gate.load()).toEqual({ running: 1, waiting: 2 });
    first.finish();
    await Promise.all([running, waitingA, waitingB]);
    expect(order).toEqual(['first', 'a', 'b']);
    expect(gate.load()).toEqual({ running: 0, waiting: 0 });
  });

  it('keeps waiting places for other networks when one /24 floods it', async () => {
    const gate = createPasswordGate({ concurrency: 1, maxWaiting: 3, perPrefixWaiting: 1 });
    const first = held();
    const running = gate.run('10.0.0.1', first.check);
    const attacker = gate.run('10.0.0.2', () => Promise.resolve('attacker'));
    expect(await gate.run('10.0.0.3', () => Promise.resolve('never'))).toEqual({ ok: false, error: 'busy' });
    const real = gate.run('192.0.2.9', () => Promise.resolve('real'));
    first.finish();
    expect(await Promise.all([running, attacker, real])).toEqual([
      { ok: true, value: 'checked' },
      { ok: true, value: 'attacker' },
      { ok: true, value: 'real' },
    ]);
  });

  it('serves a priority attempt first, even when a flood over many networks fills every waiting place', async () => {
    const gate = createPasswordGate({ concurrency: 1, maxWaiting: 2, perPrefixWaiting: 1 });
    const first = held();
    const order: string[] = [];
    const running = gate.run('10.0.0.1', () => first.check().then(() => order.push('first')));
    const flood = [gate.run('10.1.0.1', () => Promise.resolve(order.push('flood 1'))), gate.run('10.2.0.1', () => Promise.resolve(order.push('flood 2')))];
    expect(await gate.run('192.0.2.9', () => Promise.resolve('plain'))).toEqual({ ok: false, error: 'busy' });
    const owner = gate.run('192.0.2.9', () => Promise.resolve(order.push('owner')), true);
    first.finish();
    await Promise.all([running, owner, ...flood]);
    expect(order).toEqual(['first', 'owner', 'flood 1', 'flood 2']);
  });

  it('frees the place of a check that throws', async () => {
    const gate = createPasswordGate({ concurrency: 1, maxWaiting: 0, perPrefixWaiting: 0 });
    await expect(gate.run('10.0.0.1', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await gate.run('10.0.0.1', () => Promise.resolve('next'))).toEqual({ ok: true, value: 'next' });
  });

  it('groups IPv4 by /24 and IPv6 throttle keys by /48', () => {
    expect(sourcePrefix('203.0.113.77')).toBe('203.0.113.0/24');
    expect(sourcePrefix('2001:db8:1:2::/64')).toBe('2001:db8:1::/48');
    expect(sourcePrefix('2001:db8::/64')).toBe('2001:db8:0::/48');
    expect(sourcePrefix('unknown')).toBe('unknown');
  });
});
