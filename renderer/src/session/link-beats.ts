/**
 * A small liveness beat on the data channel, both ways. When the other side's beats stop the
 * path is reported lost within about two seconds (so the offering side starts an ICE restart at
 * once), and found again with the first message that arrives. It is never shown to features.
 */
export const BEAT = '{"t":"link.beat"}';
export const BEAT_INTERVAL_MS = 500;
/** Silence longer than this means the path is gone (four missed beats). */
export const SILENCE_MS = 2000;

export interface BeatOptions {
  /** Sends one beat; false when the channel is not open. */
  send: () => boolean;
  onSilence: (silent: boolean) => void;
  now?: () => number;
}

export interface Beats {
  /** Anything arrived from the other side. */
  heard(): void;
  stop(): void;
}

export function startBeats(options: BeatOptions): Beats {
  const now = options.now ?? (() => performance.now());
  let lastHeard: number | null = null;
  let lastTick = now();
  let silent = false;
  const timer = setInterval(() => {
    const at = now();
    // A tick that comes very late means this page was frozen or throttled, not that the path
    // died: start counting again rather than blame the network.
    const late = at - lastTick > BEAT_INTERVAL_MS * 3;
    lastTick = at;
    options.send();
    if (late && lastHeard !== null) lastHeard = at;
    if (!silent && lastHeard !== null && at - lastHeard > SILENCE_MS) {
      silent = true;
      options.onSilence(true);
    }
  }, BEAT_INTERVAL_MS);
  return {
    heard() {
      lastHeard = now();
      if (silent) {
        silent = false;
        options.onSilence(false);
      }
    },
    stop() {
      clearInterval(timer);
    },
  };
}
