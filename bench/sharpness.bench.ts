import { setTimeout as sleep } from 'node:timers/promises';
import { test, type Page } from '@playwright/test';
import { startXvfb } from '../e2e/support/global-setup';
import { cpuSeconds, loadAverage, machineBusyPct, machineTicks, userDataDirAt } from './proc';
import { distribution, percentile, recordMetrics, single, type Metric } from './record';
import { rates, videoStats, type VideoStats } from './rtc-stats';
import { connectOnce, openBenchApp, startBenchServer, videoOverride } from './session';
import { align, crop, ssim, type GreyImage } from './ssim';
import { TEXT_PLACEMENT, TEXT_SCREEN, TextScene, type TextSceneMode } from './text-scene';

const WARM_UP_MS = 4000;
const WINDOW_MS = 8000;
const SAMPLE_MS = 250;
const SCROLL_ROUNDS = 4;
const SETTLE_MS = 1500;
const ALIGN_MARGIN = 40;

type Clip = { x: number; y: number; width: number; height: number };
type BenchWindow = { __bench: { video: HTMLVideoElement | null }; __sizes?: { at: number; width: number }[] };

/** Decoded width ÷ captured width, sampled every SAMPLE_MS over a window, with the rates of that window. */
async function scaleDuring(consultant: Page, user: Page, ms: number): Promise<{ scales: number[]; before: VideoStats; after: VideoStats }> {
  const before = await videoStats(consultant, user);
  const scales: number[] = [];
  for (const end = Date.now() + ms; Date.now() < end; await sleep(SAMPLE_MS)) scales.push((await videoStats(consultant, user)).width / TEXT_SCREEN.width);
  return { scales, before, after: await videoStats(consultant, user) };
}

/** Runs in the user's page: the degradation preference the app has set on its video sender right now. */
function senderPreference(): string {
  const pcs = (window as unknown as { __bench: { pcs: RTCPeerConnection[] } }).__bench.pcs;
  const sender = pcs[pcs.length - 1]?.getSenders().find((candidate) => candidate.track?.kind === 'video');
  return sender?.getParameters().degradationPreference ?? 'none';
}

/** Runs in the consultant's page: notes the presentation time (wall clock) and width of every decoded frame. */
function recordFrameSizes(): void {
  const w = window as unknown as BenchWindow;
  const video = w.__bench.video;
  if (!video) throw new Error('no remote video');
  const sizes: { at: number; width: number }[] = [];
  w.__sizes = sizes;
  const onFrame = (_now: number, meta: VideoFrameCallbackMetadata) => {
    sizes.push({ at: Date.now() - (performance.now() - meta.presentationTime), width: meta.width });
    if (w.__sizes === sizes) video.requestVideoFrameCallback(onFrame);
  };
  video.requestVideoFrameCallback(onFrame);
}

type LumaWindow = { __luma(data: Uint8ClampedArray): string };

/**
 * Runs in a page: installs `__luma`, the Rec. 601 luma of canvas pixels, one byte each, as
 * base64 (a string crosses the Playwright protocol in milliseconds; an array of a million
 * numbers took minutes).
 */
function installLuma(): void {
  (window as unknown as LumaWindow).__luma = (data) => {
    let binary = '';
    for (let i = 0; i < data.length; i += 4) binary += String.fromCharCode(Math.round(0.299 * (data[i] ?? 0) + 0.587 * (data[i + 1] ?? 0) + 0.114 * (data[i + 2] ?? 0)));
    return btoa(binary);
  };
}

/** Runs in the consultant's page: the luma of a screen region in the current decoded frame, scaled to screen pixels. */
function frameRegion(args: { clip: Clip; screen: { width: number; height: number } }): string {
  const video = (window as unknown as BenchWindow).__bench.video;
  if (!video) throw new Error('no remote video');
  const canvas = document.createElement('canvas');
  canvas.width = args.clip.width;
  canvas.height = args.clip.height;
  const context = canvas.getContext('2d');
  if (!context) throw new Error('no 2d context');
  const sx = video.videoWidth / args.screen.width;
  const sy = video.videoHeight / args.screen.height;
  context.drawImage(video, args.clip.x * sx, args.clip.y * sy, args.clip.width * sx, args.clip.height * sy, 0, 0, args.clip.width, args.clip.height);
  return (window as unknown as LumaWindow).__luma(context.getImageData(0, 0, args.clip.width, args.clip.height).data);
}

/** Runs in the scene's page: the luma of a PNG screenshot. */
async function pngLuma(png: string): Promise<string> {
  const bitmap = await createImageBitmap(await (await fetch(`data:image/png;base64,${png}`)).blob());
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const context = canvas.getContext('2d');
  if (!context) throw new Error('no 2d context');
  context.drawImage(bitmap, 0, 0);
  return (window as unknown as LumaWindow).__luma(context.getImageData(0, 0, bitmap.width, bitmap.height).data);
}

const grey = (base64: string, width: number, height: number): GreyImage => ({ width, height, pixels: new Uint8Array(Buffer.from(base64, 'base64')) });

test(`sharpness: received resolution still, typing and scrolling, back to sharp after a scroll, text SSIM (${TEXT_SCREEN.width}×${TEXT_SCREEN.height})`, async () => {
  // This bench needs a screen of that size: a display of its own, for the browsers it starts.
  const xvfb = await startXvfb(TEXT_SCREEN);
  const previousDisplay = process.env.DISPLAY;
  process.env.DISPLAY = xvfb.display;
  const server = await startBenchServer();
  const scene = await TextScene.open();
  const consultant = await openBenchApp('consultant', server, undefined, undefined, TEXT_PLACEMENT.consultant);
  const user = await openBenchApp('user', server, undefined, undefined, TEXT_PLACEMENT.user);
  const cPage = consultant.window.page;
  const uPage = user.window.page;
  try {
    await connectOnce(server, consultant.window, user.window);
    const userDir = userDataDirAt(TEXT_PLACEMENT.user);
    const metrics: Metric[] = [];
    const windows: Record<string, unknown> = {};

    for (const mode of ['still', 'typing', 'scrolling'] as TextSceneMode[]) {
      await scene.setMode(mode);
      await sleep(mode === 'still' ? WARM_UP_MS : 2000);
      const cpuBefore = cpuSeconds(userDir);
      const machineBefore = machineTicks();
      const { scales, before, after } = await scaleDuring(cPage, uPage, WINDOW_MS);
      // The sharpness watch's choice at the end of the window: maintain-resolution still, balanced in motion.
      const degradationPreference = await uPage.evaluate(senderPreference);
      const r = rates(before, after);
      const hostCpuPct = Math.round((((cpuSeconds(userDir) - cpuBefore) / ((after.at - before.at) / 1000)) * 100) * 10) / 10;
      const details = { screen: `${TEXT_SCREEN.width}x${TEXT_SCREEN.height}`, ...r, degradationPreference, hostCpuPct, machineBusyPct: machineBusyPct(machineBefore, machineTicks()), loadAverage1m: loadAverage(), minScale: Math.min(...scales), samples: scales.length, override: videoOverride() };
      windows[mode] = details;
      // Still and typing: the worst sample (the goal is full resolution all the time); scrolling: the median.
      const value = mode === 'scrolling' ? percentile(scales, 50) : Math.min(...scales);
      metrics.push(single(`received_scale_${mode}`, 'decoded ÷ captured width', value, scales.length, { codec: r.codec, details }));
    }

    // sharp_after_scroll_ms: scroll, stop, and find the first decoded frame at full width after the last scroll.
    const sharp: number[] = [];
    const rounds: unknown[] = [];
    for (let round = 0; round < SCROLL_ROUNDS; round++) {
      await scene.setMode('scrolling');
      await sleep(3000);
      await cPage.evaluate(recordFrameSizes);
      const duringScroll = await uPage.evaluate(senderPreference);
      const lastScroll = await scene.setMode('still');
      await sleep(SETTLE_MS);
      const sizes = await cPage.evaluate(() => {
        const w = window as unknown as BenchWindow;
        const out = w.__sizes ?? [];
        delete w.__sizes;
        return out;
      });
      const firstSharp = sizes.find((frame) => frame.at > lastScroll && frame.width >= TEXT_SCREEN.width);
      // None within the settle time: counted as the settle time (a lower bound), and said so.
      sharp.push(firstSharp ? firstSharp.at - lastScroll : SETTLE_MS);
      rounds.push({ duringScroll, afterStop: await uPage.evaluate(senderPreference), widthsBeforeStop: [...new Set(sizes.filter((f) => f.at <= lastScroll).map((f) => f.width))], sharpFound: firstSharp !== undefined });
    }
    metrics.push(distribution('sharp_after_scroll_ms', 'ms', sharp, {
      codec: (windows.scrolling as { codec?: string } | undefined)?.codec,
      details: { method: 'scene scrolls 30 px/frame for 3 s, then stops (its own Date.now() of the last scroll step); consultant requestVideoFrameCallback: first frame presented after that with metadata.width = the screen width', screen: `${TEXT_SCREEN.width}x${TEXT_SCREEN.height}`, rounds, settleMs: SETTLE_MS },
    }));

    // text_ssim_still: the still block in a decoded frame against the scene's own pixels.
    await sleep(2000);
    const block = await scene.stillBlock();
    const png = (await scene.target.page.screenshot({ clip: block.page })).toString('base64');
    await Promise.all([scene.target.page.evaluate(installLuma), cPage.evaluate(installLuma)]);
    const clip = { x: block.screen.x, y: block.screen.y, width: Math.round(block.page.width), height: Math.round(block.page.height) };
    const sourceLuma = grey(await scene.target.page.evaluate(pngLuma, png), clip.width, clip.height);
    // Three decoded frames a second apart; in each the block is looked for within ALIGN_MARGIN px
    // of where the calibration puts it. The median is the figure, every one is in details.
    const tries: { ssim: number; offset: { dx: number; dy: number } }[] = [];
    for (let attempt = 0; attempt < 3; attempt++) {
      if (attempt > 0) await sleep(1000);
      const frame = grey(await cPage.evaluate(frameRegion, { clip: { x: 0, y: 0, ...TEXT_SCREEN }, screen: TEXT_SCREEN }), TEXT_SCREEN.width, TEXT_SCREEN.height);
      const search = crop(frame, clip.x - ALIGN_MARGIN, clip.y - ALIGN_MARGIN, clip.width + 2 * ALIGN_MARGIN, clip.height + 2 * ALIGN_MARGIN);
      const offset = align(sourceLuma, search, ALIGN_MARGIN);
      tries.push({ ssim: Math.round(ssim(sourceLuma, crop(frame, clip.x + offset.dx, clip.y + offset.dy, clip.width, clip.height)) * 10_000) / 10_000, offset });
    }
    const stats = await videoStats(cPage, uPage);
    const score = percentile(tries.map((t) => t.ssim), 50);
    // What a blank (white) picture would score: the floor, proving the block really holds text.
    const blank = ssim(sourceLuma, { width: clip.width, height: clip.height, pixels: new Float64Array(clip.width * clip.height).fill(255) });
    metrics.push(single('text_ssim_still', 'SSIM', score, 1, {
      codec: stats.codec,
      details: {
        ssim: score,
        tries,
        blankPictureSsim: Math.round(blank * 10_000) / 10_000,
        method: 'luma SSIM (8×8 windows, stride 4) of the 900×480 block of 11-px text: page screenshot vs the same screen region of the decoded frame (scaled to screen pixels if smaller), aligned within ±40 px; median of 3 frames 1 s apart',
        resolution: `${stats.width}x${stats.height}`,
        clip,
      },
    }));
    await recordMetrics('sharpness', metrics);
  } finally {
    await consultant.dispose();
    await user.dispose();
    await scene.dispose();
    await server.close();
    process.env.DISPLAY = previousDisplay;
    await xvfb.stop();
  }
});
