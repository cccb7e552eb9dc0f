import { DEGRADATION, INITIAL, nextState, type Content, type PolicyState } from './sharpness-policy';

/** Often enough to restore sharpness well within 500 ms of the motion stopping; one getStats() each. */
export const SAMPLE_MS = 100;

type Sender = Pick<RTCRtpSender, 'track' | 'getParameters' | 'setParameters' | 'getStats'>;

export interface SharpnessWatch {
  content(): Content;
  stop(): void;
}

/** The video encoder's counters (summed over its layers); null before it has sent anything. */
function countersOf(report: RTCStatsReport): { bytesSent: number; keyFrames: number } | null {
  let counters: { bytesSent: number; keyFrames: number } | null = null;
  report.forEach((entry: { type?: string; kind?: string; bytesSent?: unknown; keyFramesEncoded?: unknown }) => {
    if (entry.type !== 'outbound-rtp' || entry.kind !== 'video' || typeof entry.bytesSent !== 'number') return;
    const keyFrames = typeof entry.keyFramesEncoded === 'number' ? entry.keyFramesEncoded : 0;
    counters = { bytesSent: (counters?.bytesSent ?? 0) + entry.bytesSent, keyFrames: (counters?.keyFrames ?? 0) + keyFrames };
  });
  return counters;
}

/** Asks the sender to degrade as `content` requires; false when the engine refused. */
export async function applyDegradation(sender: Pick<RTCRtpSender, 'getParameters' | 'setParameters'>, content: Content): Promise<boolean> {
  const parameters = sender.getParameters();
  if (parameters.encodings.length === 0) return false;
  parameters.degradationPreference = DEGRADATION[content];
  try {
    await sender.setParameters(parameters);
    return true;
  } catch {
    // An engine that refuses keeps the previous preference: still a working session.
    return false;
  }
}

/**
 * Samples the video sender's output every SAMPLE_MS and switches its degradation preference
 * when the policy (sharpness-policy.ts) says the screen started or stopped moving.
 */
export function watchSharpness(sender: Sender, onChange?: (content: Content) => void, clock: () => number = () => performance.now()): SharpnessWatch {
  let state: PolicyState = INITIAL;
  let busy = false;
  const sample = async () => {
    if (busy || sender.track?.kind !== 'video') return;
    busy = true;
    try {
      const counters = countersOf(await sender.getStats());
      if (counters === null) return;
      const before = state.content;
      state = nextState(state, { at: clock(), ...counters });
      if (state.content !== before) {
        onChange?.(state.content);
        await applyDegradation(sender, state.content);
      }
    } catch {
      // A sender closed between two samples: the next tick (or stop()) deals with it.
    } finally {
      busy = false;
    }
  };
  const timer = setInterval(() => void sample(), SAMPLE_MS);
  return {
    content: () => state.content,
    stop: () => clearInterval(timer),
  };
}
