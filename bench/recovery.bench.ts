import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { expect, test, type Page } from '@playwright/test';
import { startCoturn } from '../e2e/support/coturn';
import { startServerProcess } from '../e2e/support/server-process';
import { loadAverage } from './proc';
import { distribution, recordMetrics, single } from './record';
import { Scene } from './scene-page';
import { connectOnce, openBenchApp, startBenchServer } from './session';

const RESTARTS = 3;
const CUTS = 5;
const CUT_MS = 5000;

/**
 * Test instrumentation in both apps: when each server message type last arrived, and (on the
 * consultant's side) the wall-clock time of every decoded video frame.
 */
function recoveryInit(): void {
  const arrivals: { type: string; at: number }[] = [];
  const frames: number[] = [];
  Object.defineProperty(window, '__recovery', { value: { arrivals, frames } });
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(...args: ConstructorParameters<typeof WebSocket>) {
      super(...args);
      this.addEventListener('message', (event: MessageEvent) => {
        if (typeof event.data !== 'string') return;
        const type = (JSON.parse(event.data) as { type?: string }).type;
        if (type) arrivals.push({ type, at: Date.now() });
      });
    }
  };
  const descriptor = Object.getOwnPropertyDescriptor(HTMLMediaElement.prototype, 'srcObject');
  Object.defineProperty(HTMLMediaElement.prototype, 'srcObject', {
    ...descriptor,
    set(this: HTMLMediaElement, value: MediaProvider | null) {
      descriptor?.set?.call(this, value);
      if (!value || !(this instanceof HTMLVideoElement)) return;
      const watch = (video: HTMLVideoElement) => {
        const onFrame = () => {
          frames.push(Date.now());
          video.requestVideoFrameCallback(onFrame);
        };
        video.requestVideoFrameCallback(onFrame);
      };
      watch(this);
    },
  });
}

const framesSince = (page: Page, since: number) => page.evaluate((s) => (window as unknown as Recovery).__recovery.frames.filter((at) => at >= s), since);

type Recovery = { __recovery: { arrivals: { type: string; at: number }[]; frames: number[] } };

const arrivedAfter = (page: Page, type: string, since: number) =>
  page.evaluate(([t, s]) => (window as unknown as Recovery).__recovery.arrivals.find((a) => a.type === t && a.at >= s)?.at ?? null, [type, since] as const);

async function waitArrival(page: Page, type: string, since: number, timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const at = await arrivedAfter(page, type, since);
    if (at !== null) return at;
    if (Date.now() > deadline) throw new Error(`no ${type} within ${timeoutMs} ms`);
    await sleep(20);
  }
}

/** Scene, both apps (instrumented), a session with frames flowing; `close` undoes it all. */
async function recoverySession(server: Parameters<typeof openBenchApp>[1]) {
  const scene = await Scene.open();
  const consultant = await openBenchApp('consultant', server, recoveryInit);
  const user = await openBenchApp('user', server, recoveryInit);
  const close = async () => {
    await consultant.dispose();
    await user.dispose();
    await scene.dispose();
  };
  try {
    await connectOnce(server, consultant.window, user.window);
    // The scene repaints every animation frame, so a healthy session decodes ~30 frames a second.
    await scene.setMode('clock');
    await sleep(2000);
  } catch (error) {
    await close();
    throw error;
  }
  return { cPage: consultant.window.page, uPage: user.window.page, close };
}

test('recovery: the signaling server killed (-9) and restarted mid-session', async () => {
  const server = await startServerProcess();
  const { cPage, uPage, close } = await recoverySession(server);
  try {
    const gaps: number[] = [];
    const resumes: number[] = [];
    for (let run = 0; run < RESTARTS; run += 1) {
      const crashedAt = Date.now();
      await server.crash();
      await sleep(1000);
      await server.restart();
      const backAt = Date.now();
      const resumed = await Promise.all([waitArrival(cPage, 'session.resumed', backAt - 50, 30_000), waitArrival(uPage, 'session.resumed', backAt - 50, 30_000)]);
      resumes.push(Math.max(...resumed) - backAt);
      await sleep(1000);
      const frames = await framesSince(cPage, crashedAt - 500);
      const longest = frames.slice(1).reduce((worst, at, i) => Math.max(worst, at - (frames[i] ?? at)), 0);
      gaps.push(frames.length > 1 ? longest : Number.POSITIVE_INFINITY);
      await sleep(1000);
    }
    const resumed = distribution('resume_server_restart_ms', 'ms', resumes);
    await recordMetrics('recovery-server', [
      single('media_gap_server_restart_ms', 'ms', Math.max(...gaps), gaps.length, {
        details: { method: `kill -9 of the server process, 1 s down, restarted on the same port (${RESTARTS}×); longest gap between frames the consultant decoded from 0.5 s before the kill to 1 s after both resumed`, perRun: gaps, machineLoad1m: loadAverage() },
      }),
      { ...resumed, value: resumed.p50 ?? Number.NaN, details: { method: 'server listening again → session.resumed received by both apps (the later of the two)', perRun: resumes, machineLoad1m: loadAverage() } },
    ]);
  } finally {
    await close();
    await server.close();
  }
});

test('recovery: the TURN relay of a relay-only session stops for 5 s and starts again', async () => {
  const coturn = await startCoturn();
  const server = await startBenchServer({ rtc: { iceServers: [], iceTransportPolicy: 'relay', candidateFilter: 'loopback' }, turnRest: { urls: [coturn.url], secret: coturn.secret } });
  const { cPage, close } = await recoverySession(server);
  try {
    const recoveries: number[] = [];
    for (let run = 0; run < CUTS; run += 1) {
      await coturn.halt();
      await sleep(CUT_MS);
      await coturn.start();
      const backAt = Date.now();
      const deadline = backAt + 60_000;
      let first: number | undefined;
      while (first === undefined && Date.now() < deadline) {
        first = (await framesSince(cPage, backAt))[0];
        if (first === undefined) await sleep(20);
      }
      recoveries.push(first === undefined ? Number.POSITIVE_INFINITY : first - backAt);
      await sleep(3000);
    }
    await recordMetrics('recovery-network', [
      distribution('recovery_network_cut_ms', 'ms', recoveries, {
        details: { method: `relay-only session through a real coturn; coturn stopped ${CUT_MS / 1000} s and started again on the same port (${CUTS}×); coturn listening again → first frame the consultant decodes`, perRun: recoveries, machineLoad1m: loadAverage() },
      }),
    ]);
  } finally {
    await close();
    await server.close();
    await coturn.stop();
  }
});

test('recovery: the user\'s computer restarts for a repair and the session is continued', async () => {
  const server = await startBenchServer();
  const scene = await Scene.open();
  const machine = { profileDir: await mkdtemp(join(tmpdir(), 'tandem-bench-profile-')), stateDir: await mkdtemp(join(tmpdir(), 'tandem-bench-state-')) };
  const consultant = await openBenchApp('consultant', server, recoveryInit);
  let user = await openBenchApp('user', server, recoveryInit, machine);
  const cPage = consultant.window.page;
  const timings: { continueToFrameMs: number; continueToPromptMs: number; allowToFrameMs: number; allowToTrackMs: number | null; noFrameSeen?: unknown }[] = [];
  try {
    await scene.setMode('clock');
    for (let run = 0; run < RESTARTS; run += 1) {
      // A fresh session each time (both apps load again), then the restart in the middle of it.
      await connectOnce(server, consultant.window, user.window);
      await sleep(1000);
      await consultant.window.button(/show available repairs/i).click();
      await cPage.locator('[data-repair="system.restart-computer"]').getByRole('button', { name: /propose/i }).click();
      await user.window.host.repairPrompt.answer(true);
      const request = await user.window.host.reboot.waitForRestartRequest();
      // The OS restarts only after the app's delay, in which the app tells the server it is
      // restarting; a browser closed before that looks like a person who left (the session
      // ended in 1 of 3 sessions when the bench closed it at once).
      await expect(cPage.getByTestId('restart-elapsed')).toBeVisible({ timeout: request.delayMs + 10_000 });
      // The computer restarts: the whole browser goes, a fresh one starts on the same profile.
      await user.dispose();
      user = await openBenchApp('user', server, recoveryInit, machine);
      const proceed = user.window.button(/^continue$/i);
      await expect(proceed).toBeVisible({ timeout: 20_000 });
      const clickedAt = Date.now();
      await proceed.click();
      await expect(user.window.consentPrompt).toBeVisible({ timeout: 20_000 });
      const promptAt = Date.now();
      // After the new link the consultant's page shows the new stream in a new video element or
      // in the old one. Frame counters are no use here: an element keeps its count across streams
      // (or resets it), so "more than before" is either late or never. The first frame is the
      // first requestVideoFrameCallback of an element showing a live track that was not there
      // before the restart.
      type Watch = { __oldTracks?: Set<string>; __firstFrameAt?: number; __trackAt?: number; __watched?: WeakSet<Element> };
      await cPage.evaluate(() => {
        const w = window as Watch;
        w.__oldTracks = new Set([...document.querySelectorAll('[data-testid="remote-video"]')].flatMap((video) => (video instanceof HTMLVideoElement && video.srcObject instanceof MediaStream ? video.srcObject.getVideoTracks().map((track) => track.id) : [])));
        delete w.__firstFrameAt;
        delete w.__trackAt;
        w.__watched = new WeakSet();
      });
      const firstFrameAt = () =>
        cPage.evaluate(() => {
          const w = window as Watch;
          for (const video of document.querySelectorAll('[data-testid="remote-video"]')) {
            if (!(video instanceof HTMLVideoElement) || !(video.srcObject instanceof MediaStream) || w.__watched?.has(video)) continue;
            const fresh = video.srcObject.getVideoTracks().some((track) => track.readyState === 'live' && !w.__oldTracks?.has(track.id));
            if (!fresh) continue;
            w.__watched?.add(video);
            w.__trackAt ??= Date.now();
            video.requestVideoFrameCallback(() => void (w.__firstFrameAt ??= Date.now()));
          }
          return w.__firstFrameAt ?? null;
        });
      // The person allows sharing again at once (their own think time is not ours to measure).
      await user.window.button(/allow screen sharing/i).click();
      const allowedAt = Date.now();
      const deadline = allowedAt + 30_000;
      let frameAt = Number.POSITIVE_INFINITY;
      while (Date.now() < deadline) {
        const at = await firstFrameAt();
        if (at !== null) {
          frameAt = at;
          break;
        }
        await sleep(10);
      }
      const seen =
        frameAt === Number.POSITIVE_INFINITY
          ? await cPage.evaluate(() => ({
              consultantScreen: (document.querySelector('main') ?? document.body).textContent?.replace(/\s+/g, ' ').slice(0, 400) ?? '',
              videos: [...document.querySelectorAll('[data-testid="remote-video"]')].map((video) => {
                const w = window as Watch;
                const tracks = video instanceof HTMLVideoElement && video.srcObject instanceof MediaStream ? video.srcObject.getVideoTracks() : [];
                return { tracks: tracks.map((t) => ({ state: t.readyState, old: w.__oldTracks?.has(t.id) ?? false, muted: t.muted })), width: video instanceof HTMLVideoElement ? video.videoWidth : -1, frames: video instanceof HTMLVideoElement ? video.getVideoPlaybackQuality().totalVideoFrames : -1 };
              }),
            }))
          : undefined;
      const trackAt = await cPage.evaluate(() => (window as Watch).__trackAt ?? null);
      timings.push({ continueToFrameMs: frameAt - clickedAt, continueToPromptMs: promptAt - clickedAt, allowToFrameMs: frameAt - allowedAt, allowToTrackMs: trackAt === null ? null : trackAt - allowedAt, ...(seen ? { noFrameSeen: seen } : {}) });
    }
    const total = distribution('resume_after_reboot_ms', 'ms', timings.map((t) => t.continueToFrameMs));
    await recordMetrics('recovery-reboot', [
      {
        ...total,
        details: {
          method: `restart repair approved, the user's browser closed and a fresh one started on the same profile and app-data folders (${RESTARTS}×); the click on Continue → first frame of the new stream the consultant's page presents (requestVideoFrameCallback on the element showing a live track that was not there before), including the click on "Allow screen sharing" made as soon as it shows`,
          perRun: timings,
          machineLoad1m: loadAverage(),
        },
      },
    ]);
  } finally {
    await consultant.dispose();
    await user.dispose();
    await scene.dispose();
    await server.close();
    await Promise.all([rm(machine.profileDir, { recursive: true, force: true }), rm(machine.stateDir, { recursive: true, force: true })]);
  }
});
