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
export async function launchChromium(placement: WindowPlacement, profileDir?: string): Promise<LaunchedChromium> {
  const userDataDir = profileDir ?? (await mkdtemp(join(tmpdir(), 'tandem-e2e-')));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: '/usr/bin/chromium',
    headless: false,
    viewport: null,
    env: { ...process.env },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-quic',
      '--disable-sync',
      '--auto-select-desktop-capture-source=Entire screen',
      '--enable-usermedia-screen-capturing',
      '--autoplay-policy=no-user-gesture-required',
      // A fake microphone for voice calls (getUserMedia only; screen capture is unaffected).
      '--use-fake-device-for-media-stream',
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
