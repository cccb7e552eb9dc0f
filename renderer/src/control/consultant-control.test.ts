import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HEARTBEAT_INTERVAL_MS, type ToUserMessage } from '../../../shared/control';
import { ConsultantControl } from './consultant-control';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('ConsultantControl', () => {
  it('heartbeats while alive, numbers input events, and ignores malformed replies', () => {
    const sent: ToUserMessage[] = [];
    const onStatus = vi.fn();
    const onDropped = vi.fn();
    const control = new ConsultantControl({ send: (message) => sent.push(message), onStatus, onDropped });
    vi.advanceTimersByTime(HEARTBEAT_INTERVAL_MS * 2);
    expect(sent.filter((message) => message.t === 'heartbeat')).toHaveLength(2);

    control.input({ type: 'move', x: 0, y: 0 });
    control.input({ type: 'text', text: 'é' });
    expect(sent.filter((message) => message.t === 'input').map((message) => (message.t === 'input' ? message.seq : -1))).toEqual([0, 1]);

    control.handle({ t: 'control.status', status: { state: 'granted' } });
    control.handle({ t: 'control.status', status: { state: 'owned' } });
    control.handle({ t: 'input.dropped', counts: { flood: 3 } });
    expect(onStatus).toHaveBeenCalledTimes(1);
    expect(onDropped).toHaveBeenCalledWith({ flood: 3 });

    control.dispose();
    const before = sent.length;
    vi.advanceTimersByTime(HEARTBEAT_INTERVAL_MS * 4);
    expect(sent).toHaveLength(before);
  });

  it('after a lost connection, control shows as stopped and is asked for again (pending until the user allows it)', () => {
    const sent: ToUserMessage[] = [];
    const onStatus = vi.fn();
    const control = new ConsultantControl({ send: (message) => sent.push(message), onStatus, onDropped: vi.fn() });
    control.handle({ t: 'control.status', status: { state: 'granted' } });
    control.onLink('lost');
    expect(onStatus).toHaveBeenLastCalledWith({ state: 'view-only', reason: 'heartbeat-lost' });
    expect(sent.filter((message) => message.t === 'control.request')).toHaveLength(0);
    control.onLink('back');
    expect(sent.filter((message) => message.t === 'control.request')).toHaveLength(1);
    expect(onStatus).toHaveBeenLastCalledWith({ state: 'requested' });
    // Only once: a second 'back' (the other side's socket returning too) asks nothing more.
    control.onLink('back');
    expect(sent.filter((message) => message.t === 'control.request')).toHaveLength(1);
    control.dispose();
  });

  it('does not ask for control after a loss when it was not on', () => {
    const sent: ToUserMessage[] = [];
    const control = new ConsultantControl({ send: (message) => sent.push(message), onStatus: vi.fn(), onDropped: vi.fn() });
    control.handle({ t: 'control.status', status: { state: 'view-only', reason: 'released' } });
    control.onLink('lost');
    control.onLink('back');
    expect(sent.filter((message) => message.t === 'control.request')).toHaveLength(0);
    control.dispose();
  });
});
