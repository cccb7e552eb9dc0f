import { setTimeout as sleep } from 'node:timers/promises';
import { test } from '@playwright/test';
import { SCREEN } from '../e2e/support/global-setup';
import { clockLatencies, startFrameReader, type FrameSample, type ReaderLayout } from './frame-reader';
import type { ConsultantBench } from './instrument';
import { cpuSeconds, loadAverage, machineBusyPct, machineTicks, userDataDirAt } from './proc';
import { distribution, recordMetrics, single, type Metric } from './record';
import { rates, videoStats } from './rtc-stats';
import { CLOCK, MARKER, Scene, type SceneMode } from './scene-page';
import { BENCH_PLACEMENT, connectOnce, grantControl, openBenchApp, startBenchServer, videoOverride } from './session';

const CLOCK_SECONDS = 10;
const CLICKS = 30;
const MOVES = 300;
const WARM_UP_MS = 5000;
const WINDOW_MS = 30_000;

/** Polls `check` every 10 ms until it holds or `timeoutMs` passes. */
async function until(check: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await sleep(10);
  }
  return false;
}

type BenchWindow = { __bench: ConsultantBench; __frames: FrameSample[]; __stopReader(): void };

test('media: latency, input, frame rate, bitrate and host CPU in one live session', async () => {
  const server = await startBenchServer();
  const scene = await Scene.open();
  const consultant = await openBenchApp('consultant', server);
  const user = await openBenchApp('user', server);
  const cPage = consultant.window.page;
  try {
    await connectOnce(server, consultant.window, user.window);
    await sleep(2000);
    const metrics: Metric[] = [];

    // ---- capture_to_decode_ms: the scene paints Date.now() as blocks; the consultant reads them back.
    const clock = await scene.screenTopLeft('#clock');
    const marker = await scene.screenTopLeft('#marker');
    const layout: ReaderLayout = { screenWidth: SCREEN.width, clock: { ...clock, block: CLOCK.block, bits: CLOCK.bits, rows: CLOCK.rows }, marker: { ...marker, size: MARKER.size } };
    await scene.setMode('clock');
    await sleep(1000);
    const clockStart = await videoStats(cPage, user.window.page);
    await cPage.evaluate(startFrameReader, layout);
    await sleep(CLOCK_SECONDS * 1000);
    const clockFrames = await cPage.evaluate(() => (window as unknown as BenchWindow).__frames.splice(0));
    const { latencies, unreadable } = clockLatencies(clockFrames, CLOCK.bits);
    const first = await videoStats(cPage, user.window.page);
    const during = rates(clockStart, first);
    metrics.push(distribution('capture_to_decode_ms', 'ms', latencies, {
      codec: first.codec,
      details: { during, method: 'scene draws Date.now() as 2×28 blocks each animation frame; consultant reads each decoded frame (requestVideoFrameCallback presentationTime) and subtracts', framesRead: clockFrames.length, unreadableFrames: unreadable, resolution: `${first.width}x${first.height}` },
    }));

    // ---- input_to_photon_ms: a real click through the app flips the marker; wait for it in the video.
    await scene.setMode('idle');
    await grantControl(consultant.window, user.window);
    const markerPoint = await consultant.window.videoPointFor(await scene.target.screenCentre('#marker'), SCREEN);
    await cPage.evaluate(() => (window as unknown as BenchWindow).__bench.pointerDowns.splice(0));
    const expected: boolean[] = [];
    let notLanded = 0;
    for (let click = 1; click <= CLICKS; click += 1) {
      const before = await scene.markerDark();
      await cPage.mouse.click(markerPoint.x, markerPoint.y);
      // The scene itself says whether the injected click landed; then wait for the video to show it.
      const landed = await until(async () => (await scene.markerDark()) !== before, 2000);
      expected.push(landed ? !before : before);
      if (!landed) notLanded += 1;
      if (landed) await until(() => cPage.evaluate((want) => (window as unknown as BenchWindow).__frames.at(-1)?.markerDark === want, !before), 3000);
      // Spaced irregularly so that clicks do not lock onto the capture clock.
      await sleep(200 + Math.random() * 200);
    }
    await cPage.evaluate(() => (window as unknown as BenchWindow).__stopReader());
    const { frames, downs } = await cPage.evaluate(() => ({ frames: (window as unknown as BenchWindow).__frames, downs: (window as unknown as BenchWindow).__bench.pointerDowns }));
    const photons = downs.map((down, index) => {
      const next = downs[index + 1] ?? Number.POSITIVE_INFINITY;
      const seen = frames.find((frame) => frame.at >= down && frame.at < next && frame.markerDark === expected[index]);
      return seen ? seen.at - down : Number.NaN;
    });
    metrics.push(distribution('input_to_photon_ms', 'ms', photons.filter(Number.isFinite), {
      codec: first.codec,
      details: { method: 'pointerdown on the consultant video (capture-phase listener, wall clock) → host injects the click on the X display → scene marker flips colour → first decoded frame showing it (presentationTime)', clicks: downs.length, notLanded, notSeen: photons.filter((value) => !Number.isFinite(value)).length },
    }));

    // ---- input_rtt_ms: pointer moves through the app; the user page echoes each input event.
    await cPage.evaluate(() => (window as unknown as BenchWindow).__bench.rtts.splice(0));
    const area = await consultant.window.videoPointFor({ x: marker.x + 200, y: marker.y + 30 }, SCREEN);
    for (let move = 0; move < MOVES; move += 1) {
      await cPage.mouse.move(area.x + (move % 50) * 2, area.y + (move % 7));
      await sleep(16);
    }
    await sleep(500);
    const rtts = await cPage.evaluate(() => (window as unknown as BenchWindow).__bench.rtts);
    metrics.push(distribution('input_rtt_ms', 'ms', rtts, { details: { method: 'consultant app sends {t:"input"} on the data channel (send() timed); an init script on the user page echoes it before the app handles it; performance.now() round trip', events: MOVES } }));

    // ---- fps / kbps / host CPU: scripted content, 30 s each after warm-up.
    const userDir = userDataDirAt(BENCH_PLACEMENT.user);
    for (const mode of ['idle', 'typing', 'scrolling'] as SceneMode[]) {
      await scene.setMode(mode);
      await sleep(WARM_UP_MS);
      const before = await videoStats(cPage, user.window.page);
      const cpuBefore = cpuSeconds(userDir);
      const machineBefore = machineTicks();
      await sleep(WINDOW_MS);
      const after = await videoStats(cPage, user.window.page);
      const cpu = ((cpuSeconds(userDir) - cpuBefore) / ((after.at - before.at) / 1000)) * 100;
      const r = rates(before, after);
      // Other jobs on this machine skew every figure: the whole machine's load is kept beside them.
      const details = { ...r, hostCpuPct: Math.round(cpu * 10) / 10, machineBusyPct: machineBusyPct(machineBefore, machineTicks()), loadAverage1m: loadAverage(), override: videoOverride() };
      if (mode !== 'idle') metrics.push(single(`fps_${mode}`, 'fps', r.fps, 1, { codec: r.codec, details }));
      metrics.push(single(`kbps_${mode}`, 'kbps', r.kbps, 1, { codec: r.codec, details }));
      if (mode === 'typing') metrics.push(single('host_cpu_pct', '% of one core', cpu, 1, { codec: r.codec, details: { method: '/proc/<pid>/stat utime+stime of every process whose cmdline holds the user browser profile dir, over the typing window', cores: 2 } }));
    }
    await scene.setMode('idle');
    await recordMetrics('media', metrics);
  } finally {
    await consultant.dispose();
    await user.dispose();
    await scene.dispose();
    await server.close();
  }
});

