import type { Page } from '@playwright/test';

export interface VideoStats {
  at: number;
  framesDecoded: number;
  bytesReceived: number;
  framesEncoded: number;
  framesSent: number;
  bytesSent: number;
  captureFrames: number;
  totalEncodeTime: number;
  width: number;
  height: number;
  codec: string;
  encoder: string;
  qualityLimitationReason: string;
  qualityLimitationDurations: Record<string, number>;
  targetBitrate: number;
  jitterBufferDelay: number;
  jitterBufferEmitted: number;
  totalDecodeTime: number;
}

type Report = Record<string, unknown> & { type: string; kind?: string; id: string };

/** The video counters of the last peer connection in a page (instrumented by instrument.ts). */
async function pageStats(page: Page): Promise<Report[]> {
  return page.evaluate(async () => {
    const pcs = (window as unknown as { __bench: { pcs: RTCPeerConnection[] } }).__bench.pcs;
    const pc = pcs[pcs.length - 1];
    if (!pc) return [];
    const out: Report[] = [];
    (await pc.getStats()).forEach((report: Report) => out.push(report));
    return out;
  });
}

const num = (value: unknown) => (typeof value === 'number' ? value : 0);

/** One snapshot: inbound-rtp on the consultant's side, outbound-rtp and media-source on the user's. */
export async function videoStats(consultant: Page, user: Page): Promise<VideoStats> {
  const [inbound, outbound] = await Promise.all([pageStats(consultant), pageStats(user)]);
  const inRtp = inbound.find((r) => r.type === 'inbound-rtp' && r.kind === 'video') ?? ({} as Report);
  const outRtp = outbound.find((r) => r.type === 'outbound-rtp' && r.kind === 'video') ?? ({} as Report);
  const source = outbound.find((r) => r.type === 'media-source' && r.kind === 'video') ?? ({} as Report);
  const codec = inbound.find((r) => r.id === inRtp.codecId);
  return {
    at: Date.now(),
    framesDecoded: num(inRtp.framesDecoded),
    bytesReceived: num(inRtp.bytesReceived),
    framesEncoded: num(outRtp.framesEncoded),
    framesSent: num(outRtp.framesSent),
    bytesSent: num(outRtp.bytesSent),
    captureFrames: num(source.frames),
    totalEncodeTime: num(outRtp.totalEncodeTime),
    width: num(inRtp.frameWidth),
    height: num(inRtp.frameHeight),
    codec: typeof codec?.mimeType === 'string' ? codec.mimeType.replace('video/', '') : 'unknown',
    encoder: typeof outRtp.encoderImplementation === 'string' ? outRtp.encoderImplementation : 'unknown',
    qualityLimitationReason: typeof outRtp.qualityLimitationReason === 'string' ? outRtp.qualityLimitationReason : 'unknown',
    qualityLimitationDurations: (outRtp.qualityLimitationDurations as Record<string, number> | undefined) ?? {},
    targetBitrate: num(outRtp.targetBitrate),
    jitterBufferDelay: num(inRtp.jitterBufferDelay),
    jitterBufferEmitted: num(inRtp.jitterBufferEmittedCount),
    totalDecodeTime: num(inRtp.totalDecodeTime),
  };
}

/** Rates over a window between two snapshots. */
export function rates(a: VideoStats, b: VideoStats) {
  const seconds = (b.at - a.at) / 1000;
  const limited = Object.fromEntries(
    Object.entries(b.qualityLimitationDurations).map(([reason, total]) => [reason, Math.round((total - (a.qualityLimitationDurations[reason] ?? 0)) * 10) / 10]),
  );
  const encoded = b.framesEncoded - a.framesEncoded;
  const emitted = b.jitterBufferEmitted - a.jitterBufferEmitted;
  const decoded = b.framesDecoded - a.framesDecoded;
  return {
    seconds,
    fps: (b.framesDecoded - a.framesDecoded) / seconds,
    kbps: ((b.bytesReceived - a.bytesReceived) * 8) / seconds / 1000,
    sentFps: (b.framesSent - a.framesSent) / seconds,
    captureFps: (b.captureFrames - a.captureFrames) / seconds,
    encodeMsPerFrame: encoded > 0 ? ((b.totalEncodeTime - a.totalEncodeTime) * 1000) / encoded : 0,
    decodeMsPerFrame: decoded > 0 ? ((b.totalDecodeTime - a.totalDecodeTime) * 1000) / decoded : 0,
    jitterBufferMsPerFrame: emitted > 0 ? ((b.jitterBufferDelay - a.jitterBufferDelay) * 1000) / emitted : 0,
    resolution: `${b.width}x${b.height}`,
    codec: b.codec,
    encoder: b.encoder,
    qualityLimitationReason: b.qualityLimitationReason,
    qualityLimitationSeconds: limited,
    targetKbps: Math.round(b.targetBitrate / 1000),
  };
}
