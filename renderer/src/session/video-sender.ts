import { DEGRADATION } from './sharpness-policy';

/**
 * Tuning of the screen-share video sender. The figures come from `npm run bench` on a
 * 2-core machine (see docs/performance.md for the measurements behind each choice).
 */

/** Codecs in order of preference; whatever the other side cannot decode falls back to the next. */
export const PREFERRED_CODECS = ['video/AV1', 'video/VP9'] as const;

export interface VideoSenderSettings {
  /** bits/s: the budget for fast scrolling; Chromium's screen-share default is the same 2.5 Mb/s. */
  maxBitrate: number;
  /** The capture asks for 30 fps; encoding more would only spend CPU. */
  maxFramerate: number;
  /**
   * 'maintain-resolution': under CPU or bandwidth pressure the frame rate drops, never the
   * resolution, so text stays readable ('balanced' left a 1920x1080 screen at 880x494 for good,
   * issue 20). During a burst of motion sharpness-watch.ts switches to 'balanced' and back.
   */
  degradationPreference: RTCDegradationPreference;
}

export const SCREEN_SHARE: VideoSenderSettings = { maxBitrate: 2_500_000, maxFramerate: 30, degradationPreference: DEGRADATION.still };

/** Orders `codecs` so that the preferred ones come first, in PREFERRED_CODECS order; none is dropped. */
export function orderCodecs<T extends { mimeType: string }>(codecs: readonly T[], preferred: readonly string[] = PREFERRED_CODECS): T[] {
  const rank = (codec: T) => {
    const index = preferred.findIndex((mime) => mime.toLowerCase() === codec.mimeType.toLowerCase());
    return index < 0 ? preferred.length : index;
  };
  // Array.prototype.sort is stable: within a rank the browser's own order is kept.
  return [...codecs].sort((a, b) => rank(a) - rank(b));
}

type Transceiver = Pick<RTCRtpTransceiver, 'setCodecPreferences'> & { sender: Pick<RTCRtpSender, 'track'> };

/** Before the offer: put the preferred codecs first on every video transceiver. */
export function preferCodecs(transceivers: readonly Transceiver[], capabilities: RTCRtpCapabilities | null): void {
  if (!capabilities) return;
  for (const transceiver of transceivers) {
    if (transceiver.sender.track?.kind !== 'video') continue;
    try {
      transceiver.setCodecPreferences(orderCodecs(capabilities.codecs));
    } catch {
      // An engine that refuses the list keeps its own order: still a working session.
    }
  }
}

type Sender = Pick<RTCRtpSender, 'track' | 'getParameters' | 'setParameters'>;

/** After negotiation: caps and degradation preference on the video sender. False when not applied. */
export async function tuneVideoSender(sender: Sender, settings: VideoSenderSettings = SCREEN_SHARE): Promise<boolean> {
  if (sender.track?.kind !== 'video') return false;
  const parameters = sender.getParameters();
  if (parameters.encodings.length === 0) return false;
  parameters.degradationPreference = settings.degradationPreference;
  for (const encoding of parameters.encodings) {
    encoding.maxBitrate = settings.maxBitrate;
    encoding.maxFramerate = settings.maxFramerate;
  }
  try {
    await sender.setParameters(parameters);
    return true;
  } catch {
    // Tuning is an optimisation: a refusal leaves the defaults, never ends the session.
    return false;
  }
}
