import { fileURLToPath } from 'node:url';
import { expect } from '@playwright/test';
import { AppWindow } from '../e2e/support/app-window';
import { launchChromium, type WindowPlacement } from '../e2e/support/chromium';
import { installHarnessHost } from '../e2e/support/host-harness';
import { startSignalingServer, type SignalingServer, type SignalingServerOptions } from '../server/signaling-server';
import { silentLogger } from '../shared/log';
import { consultantInit, userInit, type VideoOverride } from './instrument';

const STATIC_DIR = fileURLToPath(new URL('../dist/renderer', import.meta.url));

/**
 * Where the windows sit on the 1280x800 X screen. The consultant's window is placed just
 * off the captured screen: on one machine it would otherwise film its own video (a hall of
 * mirrors that no real session has), which adds motion and CPU to every measurement.
 */
export const BENCH_PLACEMENT = {
  user: { x: 0, y: 0, width: 640, height: 400 },
  scene: { x: 640, y: 0, width: 640, height: 800 },
  consultant: { x: 1280, y: 0, width: 640, height: 800 },
} satisfies Record<string, WindowPlacement>;

export function startBenchServer(options: SignalingServerOptions = {}): Promise<SignalingServer> {
  return startSignalingServer({
    host: '127.0.0.1',
    port: 0,
    staticDir: STATIC_DIR,
    logger: silentLogger,
    rtc: { iceServers: [], iceTransportPolicy: 'all', candidateFilter: 'loopback' },
    ...options,
  });
}

/** BENCH_VIDEO='{"codec":"VP9","maxBitrate":3000000}' compares sender settings without editing the app. */
export function videoOverride(): VideoOverride | null {
  const raw = process.env.BENCH_VIDEO;
  return raw ? (JSON.parse(raw) as VideoOverride) : null;
}

export interface BenchApp {
  window: AppWindow;
  dispose(): Promise<void>;
}

/** Where a bench app connects: the in-process server or one in a process of its own. */
type ServerAddress = Pick<SignalingServer, 'httpUrl' | 'wsUrl'>;

/** `machine`: a browser profile and app-data folder kept across launches (a restart of the computer). */
export interface BenchMachine {
  profileDir: string;
  stateDir: string;
}

/** `placement`: where the window goes, for benches on a screen of another size (the default layout otherwise). */
export async function openBenchApp(
  role: 'user' | 'consultant',
  server: ServerAddress,
  extraInit?: () => void,
  machine?: BenchMachine,
  placement: WindowPlacement = BENCH_PLACEMENT[role],
): Promise<BenchApp> {
  const browser = await launchChromium(placement, machine?.profileDir);
  const host = await installHarnessHost(browser.context, { appOrigin: server.httpUrl, settings: { serverUrl: server.wsUrl }, ...(machine ? { stateDir: machine.stateDir } : {}) });
  if (role === 'user') await browser.context.addInitScript(userInit, videoOverride());
  else await browser.context.addInitScript(consultantInit);
  if (extraInit) await browser.context.addInitScript(extraInit);
  const page = browser.context.pages()[0] ?? (await browser.context.newPage());
  host.attach(page);
  await page.goto(server.httpUrl);
  return {
    window: new AppWindow(page, host, browser),
    dispose: async () => {
      await host.injector.close();
      await browser.dispose();
    },
  };
}

/** One session from a fresh page load on both sides, up to the first decoded frames. */
export async function connectOnce(server: ServerAddress, consultant: AppWindow, user: AppWindow): Promise<void> {
  await Promise.all([consultant.page.goto(server.httpUrl), user.page.goto(server.httpUrl)]);
  const code = await consultant.startSession('Camille Martin');
  await user.enterCode(code);
  await expect(user.consentPrompt).toBeVisible();
  await user.button(/allow screen sharing/i).click();
  await consultant.waitForDecodedFrames(1);
}
