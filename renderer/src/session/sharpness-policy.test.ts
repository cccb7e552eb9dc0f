import { describe, expect, it } from 'vitest';
import { INITIAL, nextState, SHARPNESS, type PolicyState } from './sharpness-policy';

/** Feeds samples every `step` ms at the given encoded rates (bits/s) and returns the state after each. */
function run(ratesBps: number[], step = 100): PolicyState[] {
  let state = nextState(INITIAL, { at: 0, bytesSent: 0 });
  let bytes = 0;
  return ratesBps.map((rate, index) => {
    bytes += (rate * step) / 1000 / 8;
    state = nextState(state, { at: (index + 1) * step, bytesSent: bytes });
    return state;
  });
}

const STILL = 20_000;
const SCROLL = 1_800_000;

describe('sharpness policy', () => {
  it('stays still (full resolution) for a still screen and for typing', () => {
    expect(run([STILL, 30_000, STILL, 60_000, STILL]).map((s) => s.content)).toEqual(['still', 'still', 'still', 'still', 'still']);
  });

  it('does not take one big frame (a key frame, a dialog opening) for motion', () => {
    expect(run([STILL, 5_000_000, STILL, STILL]).map((s) => s.content)).toEqual(['still', 'still', 'still', 'still']);
  });

  it('enters motion after sustained motion, and returns to still within the hold once it stops', () => {
    const states = run([STILL, SCROLL, SCROLL, SCROLL, SCROLL, STILL, STILL, STILL, STILL, STILL]);
    expect(states.map((s) => s.content)).toEqual(['still', 'still', 'motion', 'motion', 'motion', 'motion', 'motion', 'still', 'still', 'still']);
    // The last moving interval ends at 500 ms; full sharpness is asked for at 800 ms, after the
    // hold (300 ms), leaving the encoder the rest of the 500 ms goal.
    const sharpAtMs = (states.findIndex((s, i) => i > 4 && s.content === 'still') + 1) * 100;
    expect(sharpAtMs - 500).toBe(300);
    expect(sharpAtMs - 500).toBeLessThanOrEqual(SHARPNESS.leaveMotionMs + 100);
  });

  it('rides out empty samples inside a slow scroll (one frame every 140 ms or so)', () => {
    expect(run([SCROLL, SCROLL, SCROLL, STILL, SCROLL, STILL, STILL, SCROLL]).map((s) => s.content)).toEqual(['still', 'motion', 'motion', 'motion', 'motion', 'motion', 'motion', 'motion']);
  });

  it('skips intervals holding a key frame', () => {
    const still: PolicyState = { content: 'still', last: { at: 0, bytesSent: 0, keyFrames: 1 }, since: null };
    const afterKey = nextState(still, { at: 100, bytesSent: 200_000, keyFrames: 2 });
    const next = nextState(afterKey, { at: 200, bytesSent: 400_000, keyFrames: 2 });
    expect([afterKey.content, next.content]).toEqual(['still', 'still']);
    expect(next.since).toBe(100);
  });

  it('restarts the measure when the counter resets or the clock goes back', () => {
    const moving: PolicyState = { content: 'motion', last: { at: 1000, bytesSent: 1_000_000 }, since: null };
    expect(nextState(moving, { at: 1100, bytesSent: 10 })).toEqual({ content: 'motion', last: { at: 1100, bytesSent: 10 }, since: null });
    expect(nextState(moving, { at: 900, bytesSent: 2_000_000 }).since).toBeNull();
  });
});
