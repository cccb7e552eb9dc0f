import { setTimeout as sleep } from 'node:timers/promises';
import { test } from '@playwright/test';
import { SCREEN } from '../e2e/support/global-setup';
import { captureToDecode, inputRtt, inputToPhoton } from './latency-probes';
import { cpuSeconds, loadAverage, machineBusyPct, machineTicks, userDataDirAt } from './proc';
import { distribution, recordMetrics, single, type Metric } from './record';
import { rates, videoStats } from './rtc-stats';
import { Scene, type SceneMode } from './scene-page';
import { grantControl } from '../e2e/support/control-steps';
import { BENCH_PLACEMENT, connectOnce, openBenchApp, startBenchServer, videoOverride } from './session';

const CLOCK_SECONDS = 10;
const CLICKS = 30;
const MOVES = 300;
const WARM_UP_MS = 5000;
const WINDOW_MS = 30_000;

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
    const clockStart = await videoStats(cPage, user.window.page);
    const clock = await captureToDecode(cPage, scene, CLOCK_SECONDS);
    const first = await videoStats(cPage, user.window.page);
    const during = rates(clockStart, first);
    metrics.push(distribution('capture_to_decode_ms', 'ms', clock.latencies, {
      codec: first.codec,
      details: { during, method: 'scene draws Date.now() as 2×28 blocks each animation frame; consultant reads each decoded frame (requestVideoFrameCallback presentationTime) and subtracts', framesRead: clock.framesRead, unreadableFrames: clock.unreadable, resolution: `${first.width}x${first.height}` },
    }));

    // ---- input_to_photon_ms: a real click through the app flips the marker; wait for it in the video.
    await scene.setMode('idle');
    await grantControl(consultant.window, user.window);
    const markerPoint = await consultant.window.videoPointFor(await scene.target.screenCentre('#marker'), SCREEN);
    const photon = await inputToPhoton(cPage, scene, markerPoint, CLICKS);
    metrics.push(distribution('input_to_photon_ms', 'ms', photon.photons, {
      codec: first.codec,
      details: { method: 'pointerdown on the consultant video (capture-phase listener, wall clock) → host injects the click on the X display → scene marker flips colour → first decoded frame showing it (presentationTime)', clicks: photon.clicks, notLanded: photon.notLanded, notSeen: photon.notSeen },
    }));

    // ---- input_rtt_ms: pointer moves through the app; the user page echoes each input event.
    const marker = await scene.screenTopLeft('#marker');
    const area = await consultant.window.videoPointFor({ x: marker.x + 200, y: marker.y + 30 }, SCREEN);
    const rtts = await inputRtt(cPage, area, MOVES);
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
  } catch (error) {
    // The user's host log says why control or capture failed (the page shows only a reason).
    process.stderr.write(`user host log:\n${user.window.host.logs.join('\n')}\n`);
    throw error;
  } finally {
    await consultant.dispose();
    await user.dispose();
    await scene.dispose();
    await server.close();
  }
});

