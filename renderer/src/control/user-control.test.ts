import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ControlStatus, ToConsultantMessage } from '../../../shared/control';
import { createFakeHost } from '../test/fake-host';
import { UserControl } from './user-control';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

function setup() {
  const fake = createFakeHost();
  const sent: ToConsultantMessage[] = [];
  const statuses: ControlStatus[] = [];
  const control = new UserControl({ host: fake.host, consultantName: 'Camille', send: (message) => sent.push(message), onStatus: (status) => statuses.push(status) });
  return { ...fake, control, sent, statuses };
}

describe('UserControl', () => {
  it('asks the host (never decides itself) and tells the consultant the answer', async () => {
    const { host, control, sent } = setup();
    control.handle({ t: 'control.request' });
    await vi.runOnlyPendingTimersAsync();
    expect(host.control.request).toHaveBeenCalledWith({ consultantName: 'Camille' });
    expect(sent).toContainEqual({ t: 'control.status', status: { state: 'granted' } });
  });

  it('holds a request while the safety code must be checked first, and offers the consent prompt once it is', async () => {
    const fake = createFakeHost();
    let required = true;
    const held: (() => void)[] = [];
    const control = new UserControl({
      host: fake.host,
      consultantName: 'Camille',
      send: () => undefined,
      onStatus: () => undefined,
      safetyCode: { required: () => required, held: (offer) => held.push(offer) },
    });
    control.handle({ t: 'control.request' });
    await vi.runOnlyPendingTimersAsync();
    expect(fake.host.control.request).not.toHaveBeenCalled();
    expect(held).toHaveLength(1);
    required = false;
    held[0]?.();
    await vi.runOnlyPendingTimersAsync();
    expect(fake.host.control.request).toHaveBeenCalledWith({ consultantName: 'Camille' });
  });

  it('forwards well-formed input to the host and counts malformed input as dropped', async () => {
    const { host, control, sent } = setup();
    control.handle({ t: 'input', seq: 1, event: { type: 'move', x: 0.5, y: 0.5 } });
    control.handle({ t: 'input', seq: 2, event: { type: 'move', x: Number.NaN, y: 0.5 } });
    control.handle({ t: 'input', seq: 3, event: { type: 'key', code: 'NotAKey', down: true } });
    control.handle({ t: 'input', seq: 4, event: { type: 'text', text: '\u0007' } });
    control.handle({ t: 'input', seq: 5, event: { type: 'move', x: 0.5, y: 0.5, extra: true } });
    control.handle({ t: 'format-disk' });
    control.handle('not even an object');
    await vi.advanceTimersByTimeAsync(0);
    expect(host.control.input).toHaveBeenCalledTimes(1);
    expect(host.control.input).toHaveBeenCalledWith({ seq: 1, event: { type: 'move', x: 0.5, y: 0.5 } });
    await vi.advanceTimersByTimeAsync(1000);
    expect(sent).toContainEqual({ t: 'input.dropped', counts: { invalid: 4 } });
  });

  it('hands each event to the host at once, in arrival order, without waiting for the previous answer', async () => {
    const { host, control } = setup();
    host.control.input.mockImplementation(() => new Promise(() => {}));
    for (let seq = 0; seq < 3; seq += 1) control.handle({ t: 'input', seq, event: { type: 'text', text: String(seq) } });
    await vi.advanceTimersByTimeAsync(0);
    expect(host.control.input.mock.calls.map((call) => (call as unknown as [{ seq: number }])[0].seq)).toEqual([0, 1, 2]);
  });

  it('bounds what waits for the host and reports the excess as a flood', async () => {
    const { host, control, sent } = setup();
    host.control.input.mockImplementation(() => new Promise(() => {}));
    for (let seq = 0; seq < 300; seq += 1) control.handle({ t: 'input', seq, event: { type: 'move', x: 0.5, y: 0.5 } });
    await vi.advanceTimersByTimeAsync(1000);
    expect(sent).toContainEqual({ t: 'input.dropped', counts: { flood: 44 } });
  });

  it('reports what the host refused, once per interval', async () => {
    const { host, control, sent } = setup();
    host.control.input.mockResolvedValue({ injected: false, dropped: 'not-granted' } as never);
    control.handle({ t: 'input', seq: 1, event: { type: 'move', x: 0.1, y: 0.1 } });
    control.handle({ t: 'input', seq: 2, event: { type: 'move', x: 0.2, y: 0.1 } });
    await vi.advanceTimersByTimeAsync(1000);
    expect(sent.filter((message) => message.t === 'input.dropped')).toEqual([{ t: 'input.dropped', counts: { 'not-granted': 2 } }]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(sent.filter((message) => message.t === 'input.dropped')).toHaveLength(1);
  });

  it('relays host events (e.g. the dead-man switch) to the screen and the consultant, validated', () => {
    const { emit, control, sent, statuses } = setup();
    emit({ type: 'control.status', status: { state: 'view-only', reason: 'heartbeat-lost' } });
    emit({ type: 'control.status', status: { state: 'root' } });
    expect(statuses).toEqual([{ state: 'view-only', reason: 'heartbeat-lost' }]);
    expect(sent).toEqual([{ t: 'control.status', status: { state: 'view-only', reason: 'heartbeat-lost' } }]);
    void control.dispose();
  });

  it('releases control when the session ends and stops listening', async () => {
    const { host, control, listeners } = setup();
    await control.dispose();
    expect(host.control.release).toHaveBeenCalledWith({ reason: 'session-ended' });
    expect(listeners.size).toBe(0);
  });

  it('a lost connection stops control at once, said as such; it comes back only through a new request the host asks about', async () => {
    const { host, control, sent, statuses } = setup();
    control.handle({ t: 'control.request' });
    await vi.advanceTimersByTimeAsync(0);
    expect(statuses.at(-1)).toEqual({ state: 'granted' });
    control.onLink('lost');
    await vi.advanceTimersByTimeAsync(0);
    expect(host.control.release).toHaveBeenCalledWith({ reason: 'heartbeat-lost' });
    expect(statuses.at(-1)).toEqual({ state: 'view-only', reason: 'heartbeat-lost' });
    expect(sent.at(-1)).toEqual({ t: 'control.status', status: { state: 'view-only', reason: 'heartbeat-lost' } });
    control.onLink('back');
    expect(host.control.request).toHaveBeenCalledTimes(1);
    control.handle({ t: 'control.request' });
    await vi.advanceTimersByTimeAsync(0);
    expect(host.control.request).toHaveBeenCalledTimes(2);
    await control.dispose();
  });

  it('a loss while control is off changes nothing', async () => {
    const { host, control } = setup();
    control.onLink('lost');
    await vi.advanceTimersByTimeAsync(0);
    expect(host.control.release).not.toHaveBeenCalled();
    await control.dispose();
  });
});
