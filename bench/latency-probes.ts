/**
 * The three latency probes that Tandem's media bench and the bare-WebRTC floor both run, on
 * the same scene and the same way, so that their figures can be divided one by the other.
 * `page` is the viewing side: it has `window.__bench` (video, pointerDowns, rtts) as set up by
 * bench/instrument.ts in Tandem's consultant and by the floor's receiver page.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Page } from '@playwright/test';
import { SCREEN } from '../e2e/support/global-setup';
import { clockLatencies, startFrameReader, type FrameSample, type ReaderLayout } from './frame-reader';
import type { ConsultantBench } from './instrument';
import { CLOCK, MARKER, type Scene } from './scene-page';

type ViewerWindow = { __bench: Pick<ConsultantBench, 'video' | 'pointerDowns' | 'rtts'>; __frames: FrameSample[]; __stopReader(): void };

export interface Point {
  x: number;
  y: number;
}

/** Polls `check` every 10 ms until it holds or `timeoutMs` passes. */
export async function until(check: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await sleep(10);
  }
  return false;
}

/** Where the scene's time code and marker sit on the X screen. */
export async function readerLayout(scene: Scene): Promise<ReaderLayout> {
  const clock = await scene.screenTopLeft('#clock');
  const marker = await scene.screenTopLeft('#marker');
  return { screenWidth: SCREEN.width, clock: { ...clock, block: CLOCK.block, bits: CLOCK.bits, rows: CLOCK.rows }, marker: { ...marker, size: MARKER.size } };
}

/**
 * capture → decode: the scene paints Date.now() as blocks for `seconds`; the viewer reads each
 * decoded frame back. The frame reader keeps running afterwards (inputToPhoton needs it).
 */
export async function captureToDecode(page: Page, scene: Scene, seconds: number): Promise<{ latencies: number[]; unreadable: number; framesRead: number }> {
  const layout = await readerLayout(scene);
  await scene.setMode('clock');
  await sleep(1000);
  await page.evaluate(startFrameReader, layout);
  await sleep(seconds * 1000);
  const frames = await page.evaluate(() => (window as unknown as ViewerWindow).__frames.splice(0));
  return { ...clockLatencies(frames, CLOCK.bits), framesRead: frames.length };
}

/**
 * input → photon: real clicks on the viewer's video at `point` flip the scene's marker once
 * injected; each latency runs from the viewer's pointerdown to the first decoded frame showing
 * the flip. Needs the frame reader started by captureToDecode; stops it.
 */
export async function inputToPhoton(page: Page, scene: Scene, point: Point, clicks: number): Promise<{ photons: number[]; clicks: number; notLanded: number; notSeen: number }> {
  await scene.setMode('idle');
  await page.evaluate(() => (window as unknown as ViewerWindow).__bench.pointerDowns.splice(0));
  const expected: boolean[] = [];
  let notLanded = 0;
  for (let click = 1; click <= clicks; click += 1) {
    const before = await scene.markerDark();
    await page.mouse.click(point.x, point.y);
    // The scene itself says whether the injected click landed; then wait for the video to show it.
    const landed = await until(async () => (await scene.markerDark()) !== before, 2000);
    expected.push(landed ? !before : before);
    if (!landed) notLanded += 1;
    if (landed) await until(() => page.evaluate((want) => (window as unknown as ViewerWindow).__frames.at(-1)?.markerDark === want, !before), 3000);
    // Spaced irregularly so that clicks do not lock onto the capture clock.
    await sleep(200 + Math.random() * 200);
  }
  await page.evaluate(() => (window as unknown as ViewerWindow).__stopReader());
  const { frames, downs } = await page.evaluate(() => ({ frames: (window as unknown as ViewerWindow).__frames, downs: (window as unknown as ViewerWindow).__bench.pointerDowns }));
  const all = downs.map((down, index) => {
    const next = downs[index + 1] ?? Number.POSITIVE_INFINITY;
    const seen = frames.find((frame) => frame.at >= down && frame.at < next && frame.markerDark === expected[index]);
    return seen ? seen.at - down : Number.NaN;
  });
  const photons = all.filter(Number.isFinite);
  return { photons, clicks: downs.length, notLanded, notSeen: all.length - photons.length };
}

/** Data-channel round trips: `moves` pointer moves over the viewer's video, one per 16 ms, each echoed by the sharing side. */
export async function inputRtt(page: Page, area: Point, moves: number): Promise<number[]> {
  await page.evaluate(() => (window as unknown as ViewerWindow).__bench.rtts.splice(0));
  for (let move = 0; move < moves; move += 1) {
    await page.mouse.move(area.x + (move % 50) * 2, area.y + (move % 7));
    await sleep(16);
  }
  await sleep(500);
  return page.evaluate(() => (window as unknown as ViewerWindow).__bench.rtts);
}
