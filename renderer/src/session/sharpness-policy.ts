/**
 * Readable first (issue 20): the person's screen is sent at its captured resolution whenever
 * it is still or being typed on, and the encoder may trade resolution for frame rate only
 * during a burst of motion (scrolling, a video, a window being dragged).
 *
 * The frame-change signal is the encoder's own output rate: at steady quality, bits per
 * second follow how much of the screen changes (measured with AV1 on a 1920×1080 text
 * screen: still ~25 kb/s, typing ~32 kb/s, fast scrolling ≥ 480 kb/s even at 8 fps on a
 * saturated machine; docs/performance.md). Intervals holding a key frame say nothing about
 * motion and are skipped. Hysteresis both ways: one large frame (a dialog opening) is not
 * motion, and a pause of one sample inside a scroll does not flip back and forth.
 */
export type Content = 'still' | 'motion';

export interface SharpnessTuning {
  /** Encoded bits per second above which the screen counts as moving. */
  motionBitsPerSecond: number;
  /** Motion must last this long before resolution may drop. */
  enterMotionMs: number;
  /** Stillness for this long restores full resolution (the goal is ≤ 500 ms after motion stops, encoder included). */
  leaveMotionMs: number;
}

// leaveMotionMs: longer than the gap between two frames when a saturated machine scrolls at
// ~7 fps (140 ms), or an empty sample between two frames would end the motion mid-scroll
// (seen with 150 ms in the 1080p bench); still well inside the 500 ms goal.
export const SHARPNESS: SharpnessTuning = { motionBitsPerSecond: 200_000, enterMotionMs: 200, leaveMotionMs: 300 };

/** How the sender is asked to degrade in each state. */
export const DEGRADATION: Record<Content, RTCDegradationPreference> = {
  // Frame rate drops before resolution: text stays as sharp as it was captured.
  still: 'maintain-resolution',
  // Scrolling reads better smooth than sharp; sharpness comes back as soon as it stops.
  motion: 'balanced',
};

export interface SenderSample {
  /** ms, any monotonic clock */
  at: number;
  /** cumulative bytes the encoder has sent (outbound-rtp bytesSent) */
  bytesSent: number;
  /** cumulative key frames encoded (outbound-rtp keyFramesEncoded), when the engine says */
  keyFrames?: number;
}

export interface PolicyState {
  content: Content;
  last: SenderSample | null;
  /** When the signal last crossed to the other side of the threshold and stayed there. */
  since: number | null;
}

export const INITIAL: PolicyState = { content: 'still', last: null, since: null };

/** One step of the policy: the next state for a new sample (pure). */
export function nextState(state: PolicyState, sample: SenderSample, tuning: SharpnessTuning = SHARPNESS): PolicyState {
  const { last } = state;
  // The first sample, a clock that went backwards or a reset counter (new encoder) restart the measure.
  if (!last || sample.at <= last.at || sample.bytesSent < last.bytesSent) return { ...state, last: sample, since: null };
  // A key frame is big whatever the screen does (a new encoder, a resize, a lost packet).
  if ((sample.keyFrames ?? 0) > (last.keyFrames ?? 0)) return { ...state, last: sample };
  const bitsPerSecond = ((sample.bytesSent - last.bytesSent) * 8 * 1000) / (sample.at - last.at);
  const looksLike: Content = bitsPerSecond > tuning.motionBitsPerSecond ? 'motion' : 'still';
  if (looksLike === state.content) return { content: state.content, last: sample, since: null };
  // The interval just measured already counts towards the hold time.
  const since = state.since ?? last.at;
  const hold = looksLike === 'motion' ? tuning.enterMotionMs : tuning.leaveMotionMs;
  if (sample.at - since >= hold) return { content: looksLike, last: sample, since: null };
  return { content: state.content, last: sample, since };
}
