import type { ConsultantBench } from './instrument';

export interface ReaderLayout {
  /** Width of the shared screen in pixels (video pixels = screen pixels × videoWidth / this). */
  screenWidth: number;
  clock: { x: number; y: number; block: number; bits: number; rows: number };
  marker: { x: number; y: number; size: number };
}

export interface FrameSample {
  /** When the consultant's video presented the frame, wall-clock ms. */
  at: number;
  /** The time code (Date.now() mod 2^bits) the frame shows, or null when its rows disagree. */
  code: number | null;
  markerDark: boolean;
}

/**
 * Runs in the consultant's page: on every decoded frame (requestVideoFrameCallback), draws
 * only the small region holding the time code and the marker to a canvas and reads them.
 */
export function startFrameReader(layout: ReaderLayout): void {
  const bench = (window as unknown as { __bench: ConsultantBench }).__bench;
  const video = bench.video;
  if (!video) throw new Error('no remote video yet');
  const samples: FrameSample[] = [];
  const w = window as unknown as { __frames: FrameSample[]; __stopReader: () => void };
  w.__frames = samples;
  let stopped = false;
  w.__stopReader = () => {
    stopped = true;
  };
  const canvas = document.createElement('canvas');
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) throw new Error('no 2d context');
  const { clock, marker } = layout;
  const region = { x: Math.min(clock.x, marker.x), y: Math.min(clock.y, marker.y) };
  region.x -= 2;
  region.y -= 2;
  const right = Math.max(clock.x + clock.bits * clock.block, marker.x + marker.size) + 2;
  const bottom = Math.max(clock.y + clock.rows * clock.block, marker.y + marker.size) + 2;
  const onFrame = (_now: number, meta: VideoFrameCallbackMetadata) => {
    if (stopped) return;
    const at = Date.now() - (performance.now() - meta.presentationTime);
    const scale = video.videoWidth / layout.screenWidth;
    const sw = Math.ceil((right - region.x) * scale);
    const sh = Math.ceil((bottom - region.y) * scale);
    if (canvas.width !== sw || canvas.height !== sh) {
      canvas.width = sw;
      canvas.height = sh;
    }
    context.drawImage(video, region.x * scale, region.y * scale, sw, sh, 0, 0, sw, sh);
    const pixels = context.getImageData(0, 0, sw, sh).data;
    const dark = (x: number, y: number) => {
      const offset = (Math.floor((y - region.y) * scale) * sw + Math.floor((x - region.x) * scale)) * 4;
      return (pixels[offset] ?? 0) + (pixels[offset + 1] ?? 0) + (pixels[offset + 2] ?? 0) < 384;
    };
    const rows: number[] = [];
    for (let row = 0; row < clock.rows; row += 1) {
      let code = 0;
      for (let bit = 0; bit < clock.bits; bit += 1) {
        if (dark(clock.x + (bit + 0.5) * clock.block, clock.y + (row + 0.5) * clock.block)) code += 2 ** bit;
      }
      rows.push(code);
    }
    // The marker is read near its corner, not at its centre: clicks land at the centre and the
    // captured X cursor sitting there would hide the marker's colour.
    samples.push({ at, code: rows.every((code) => code === rows[0]) ? (rows[0] ?? null) : null, markerDark: dark(marker.x + marker.size / 6, marker.y + marker.size / 6) });
    video.requestVideoFrameCallback(onFrame);
  };
  video.requestVideoFrameCallback(onFrame);
}

/** capture→decode latencies: one per distinct time code, from the first frame showing it. */
export function clockLatencies(samples: FrameSample[], bits: number): { latencies: number[]; unreadable: number } {
  const seen = new Set<number>();
  const latencies: number[] = [];
  let unreadable = 0;
  const wrap = 2 ** bits;
  for (const sample of samples) {
    if (sample.code === null) {
      unreadable += 1;
      continue;
    }
    if (seen.has(sample.code)) continue;
    seen.add(sample.code);
    const latency = (((Math.floor(sample.at) % wrap) - sample.code) % wrap + wrap) % wrap;
    // A misread bit gives an absurd value; anything over 2 s is counted as unreadable.
    if (latency > 2000) unreadable += 1;
    else latencies.push(latency);
  }
  return { latencies, unreadable };
}
