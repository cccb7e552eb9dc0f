import { setTimeout as sleep } from 'node:timers/promises';
import { expect, test } from '@playwright/test';
import { launchChromium, type LaunchedChromium } from '../e2e/support/chromium';
import { SCREEN } from '../e2e/support/global-setup';
import { pointInContainedVideo } from '../e2e/support/letterbox';
import { PREFERRED_CODECS } from '../renderer/src/session/video-sender';
import { startFloorServer } from './floor-pages';
import type { ConsultantBench } from './instrument';
import { captureToDecode, inputRtt, inputToPhoton } from './latency-probes';
import { distribution, recordMetrics, type Metric } from './record';
import { videoStats } from './rtc-stats';
import { Scene } from './scene-page';
import { BENCH_PLACEMENT } from './session';
import { openXTestPointer } from './xtest-pointer';

// The same counts as connect.bench.ts and media.bench.ts, so that each ratio compares like with like.
const WARM_UP = 1;
const SESSIONS = 12;
const CLOCK_SECONDS = 10;
const CLICKS = 30;
const MOVES = 300;

type FloorWindow = { __bench: ConsultantBench; __floor: { clickAt: number }; __relayOpen?: boolean };

async function firstPage(browser: LaunchedChromium) {
  return browser.context.pages()[0] ?? (await browser.context.newPage());
}

/**
 * The floor (issue 16): what bare WebRTC costs on this machine, in this run, with no Tandem
 * code: the same X screen, scene, codec order and capture frame rate as Tandem's sender; one
 * WebSocket hop for signaling; bare XTEST calls for injection. Each metric is written as
 * `<metric>_floor`; the report divides Tandem's figure by it (`<metric>_ratio`).
 */
test('floor: bare WebRTC on the same screen, codec and frame rate', async () => {
  const scene = await Scene.open();
  const floor = await startFloorServer({ codecs: PREFERRED_CODECS, frameRate: 30, contentHint: 'detail' });
  const pointer = await openXTestPointer();
  const sender = await launchChromium(BENCH_PLACEMENT.user);
  const receiver = await launchChromium(BENCH_PLACEMENT.consultant);
  try {
    await sender.context.exposeBinding('__floorInject', (_source, kind: unknown, x: unknown, y: unknown) => {
      if (typeof x !== 'number' || typeof y !== 'number') return;
      const px = x * SCREEN.width;
      const py = y * SCREEN.height;
      if (kind === 'click') pointer.click(px, py);
      else pointer.move(px, py);
    });
    const sPage = await firstPage(sender);
    const rPage = await firstPage(receiver);

    // ---- connect_ms_floor: click on Share (getDisplayMedia, offer, answer, ICE, DTLS) → first frame presented.
    const connects: number[] = [];
    for (let run = 0; run < WARM_UP + SESSIONS; run += 1) {
      await rPage.goto(`${floor.url}/receiver`);
      await sPage.goto(`${floor.url}/sender`);
      await expect.poll(() => rPage.evaluate(() => (window as unknown as FloorWindow).__relayOpen === true)).toBe(true);
      await sPage.click('#share');
      await rPage.waitForFunction(() => (window as unknown as FloorWindow).__bench.firstFrameAt > 0, undefined, { timeout: 20_000 });
      const firstFrameAt = await rPage.evaluate(() => (window as unknown as FloorWindow).__bench.firstFrameAt);
      const clickAt = await sPage.evaluate(() => (window as unknown as FloorWindow).__floor.clickAt);
      if (run >= WARM_UP) connects.push(firstFrameAt - clickAt);
    }
    await sleep(2000);
    const metrics: Metric[] = [distribution('connect_ms_floor', 'ms', connects, { details: { method: 'sender page click on Share → first requestVideoFrameCallback on the receiver (presentationTime, wall clock)', warmUpSessions: WARM_UP } })];

    const stats = await videoStats(rPage, sPage);
    const clock = await captureToDecode(rPage, scene, CLOCK_SECONDS);
    metrics.push(distribution('capture_to_decode_ms_floor', 'ms', clock.latencies, { codec: stats.codec, details: { framesRead: clock.framesRead, unreadableFrames: clock.unreadable, resolution: `${stats.width}x${stats.height}` } }));

    const video = await rPage.locator('video').boundingBox();
    if (!video) throw new Error('the floor receiver shows no video');
    const markerPoint = pointInContainedVideo(video, await scene.target.screenCentre('#marker'), SCREEN);
    const photon = await inputToPhoton(rPage, scene, markerPoint, CLICKS);
    metrics.push(distribution('input_to_photon_ms_floor', 'ms', photon.photons, { codec: stats.codec, details: { method: 'receiver pointerdown → data channel → sender page → bare XTEST click → marker flip → first decoded frame showing it', clicks: photon.clicks, notLanded: photon.notLanded, notSeen: photon.notSeen } }));

    const marker = await scene.screenTopLeft('#marker');
    const rtts = await inputRtt(rPage, pointInContainedVideo(video, { x: marker.x + 200, y: marker.y + 30 }, SCREEN), MOVES);
    metrics.push(distribution('input_rtt_ms_floor', 'ms', rtts, { details: { method: 'receiver sends each pointer move on the data channel; the sender page echoes it first; performance.now() round trip', events: MOVES } }));
    await recordMetrics('floor', metrics);
  } finally {
    pointer.close();
    await sender.dispose();
    await receiver.dispose();
    await scene.dispose();
    await floor.close();
  }
});
