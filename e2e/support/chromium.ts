import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from '@playwright/test';

// Playwright's own --disable-features list, repeated: Chromium honours only the last such switch.
const PLAYWRIGHT_DISABLED_FEATURES = [
  'AvoidUnnecessaryBeforeUnloadCheckSync',
  'DestroyProfileOnBrowserClose',
  'HttpsUpgrades',
  'HttpsFirstBalancedModeAutoEnable',
  'LensOverlay',
  'MediaRouter',
  'PaintHolding',
  'ThirdPartyStoragePartitioning',
  'AvoidCorsURLLoaderRestartOnRedirect',
  'OptimizationHints',
  'NetworkTimeServiceQuerying',
  'AimEnabled',
  'PreconnectToSearch',
];

export interface WindowPlacement {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Debian's Chromium, headed on the Xvfb display. getDisplayMedia captures the real X screen
 * without a picker (auto-select "Entire screen"); ICE may use loopback. No fake media UI:
 * it would pick a source the X11 capturer rejects.
 */
export interface LaunchedChromium {
  context: BrowserContext;
  /** Sends a signal to every process of this browser (SIGKILL to crash it, SIGSTOP to freeze it). */
  signal(signal: 'SIGKILL' | 'SIGSTOP' | 'SIGCONT'): void;
  dispose(): Promise<void>;
}

/**
 * `profileDir`: a profile folder to use and keep (a relaunch on the same folder plays "the same
 * computer after a restart"); the caller removes it. Default: a fresh one, removed at dispose.
 */
/**
 * `waylandEnv`: run as a client of that Wayland desktop instead (RECIPES "Wayland"): Ozone
 * Wayland, the PipeWire capturer, and getDisplayMedia going straight to the desktop's ScreenCast
 * portal dialog (the fake media UI skips only Chromium's own picker there).
 */
export async function launchChromium(placement: WindowPlacement, profileDir?: string, waylandEnv?: NodeJS.ProcessEnv): Promise<LaunchedChromium> {
  const userDataDir = profileDir ?? (await mkdtemp(join(tmpdir(), 'tandem-e2e-')));
  // No fake devices there (see below), so no camera permission to unlock host candidates: ask for them outright.
  const wayland = waylandEnv ? ['--ozone-platform=wayland', '--enable-features=WebRTCPipeWireCapturer', '--use-fake-ui-for-media-stream', '--force-webrtc-ip-handling-policy=default'] : [];
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: '/usr/bin/chromium',
    headless: false,
    viewport: null,
    env: { ...(waylandEnv ?? process.env) },
    args: [
      ...wayland,
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-quic',
      '--disable-sync',
      '--enable-usermedia-screen-capturing',
      '--autoplay-policy=no-user-gesture-required',
      // X11: the real screen without a picker, and a fake microphone for voice calls. Not on
      // Wayland: there the fake devices would stand in for the portal's screen too.
      ...(waylandEnv ? [] : ['--auto-select-desktop-capture-source=Entire screen', '--use-fake-device-for-media-stream']),
      '--allow-loopback-in-peer-connection',
      `--disable-features=${[...PLAYWRIGHT_DISABLED_FEATURES, 'WebRtcHideLocalIpsWithMdns'].join(',')}`,
      `--window-position=${placement.x},${placement.y}`,
      `--window-size=${placement.width},${placement.height}`,
    ],
  });
  // With these, Chromium offers 127.0.0.1 candidates instead of hiding host addresses.
  await context.grantPermissions(['camera', 'microphone']);
  return {
    context,
    signal(signal) {
      // Every Chromium process of this browser carries its private profile folder on its command line.
      spawnSync('pkill', [`-${signal.slice(3)}`, '-f', userDataDir]);
    },
    async dispose() {
      spawnSync('pkill', ['-CONT', '-f', userDataDir]);
      await context.close().catch(() => undefined);
      if (!profileDir) await rm(userDataDir, { recursive: true, force: true });
    },
  };
}
