import { test as base } from '@playwright/test';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startSignalingServer, type SignalingServer, type SignalingServerOptions } from '../../server/signaling-server';
import { createLogger } from '../../shared/log';
import { AppWindow } from './app-window';
import { launchChromium, type WindowPlacement } from './chromium';
import { installHarnessHost } from './host-harness';
import { TargetPage } from './target-page';

const STATIC_DIR = fileURLToPath(new URL('../../dist/renderer', import.meta.url));

// The whole X screen is what gets shared: the user's app top left, the page the consultant
// works on (the user's "desktop") bottom left, the consultant's app on the right.
export const PLACEMENT = {
  user: { x: 0, y: 0, width: 640, height: 400 },
  target: { x: 0, y: 400, width: 640, height: 400 },
  consultant: { x: 640, y: 0, width: 640, height: 800 },
} satisfies Record<string, WindowPlacement>;

type Role = 'user' | 'consultant';

interface OpenAppOptions {
  /** The in-process server, or one in its own process (server-process.ts): only its addresses are used. */
  server?: Pick<SignalingServer, 'httpUrl' | 'wsUrl'>;
  /** The OS languages the host reports (default en-US). */
  systemLocales?: string[];
  /** Override the signaling URL in the app's settings (e.g. an unreachable one). */
  serverUrl?: string;
  /** The user's host lists two monitors (see HarnessHostOptions.twoMonitors). */
  twoMonitors?: boolean;
  /** Run this app on that Wayland desktop (its session environment), not on the X display. */
  waylandEnv?: NodeJS.ProcessEnv;
  /** A managed policy (the JSON an IT department puts in /etc/tandem/policy.json). */
  policy?: Record<string, unknown>;
  /**
   * Which app state folder to use (default: the role). Opening the same one again in a test is
   * "the same computer after a restart": the reconnect ticket and the autostart entry are still there.
   */
  profile?: string;
}

interface Fixtures {
  /** Starts a real signaling server on loopback (ICE restricted to loopback candidates). */
  startServer(options?: SignalingServerOptions): Promise<SignalingServer>;
  /** A running signaling server with default settings. */
  server: SignalingServer;
  /** Opens the real renderer, served by `server`, in its own Chromium with the harness host. */
  openApp(role: Role, options?: OpenAppOptions): Promise<AppWindow>;
  /** A page on the user's screen that records the clicks, keys and scrolling that land on it. */
  target: TargetPage;
}

async function writeLines(path: string, lines: string[]): Promise<string> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, lines.join('\n'));
  return path;
}

const CAPTURE_DATA_CHANNELS = `(() => {
  const Native = window.RTCPeerConnection;
  const channels = [];
  Object.defineProperty(window, '__testDataChannels', { value: channels });
  window.RTCPeerConnection = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener('datachannel', (event) => channels.push(event.channel));
    }
  };
})();`;

export const test = base.extend<Fixtures>({
  startServer: async ({}, use, testInfo) => {
    const servers: SignalingServer[] = [];
    const logs: string[] = [];
    await use(async (options = {}) => {
      const server = await startSignalingServer({
        host: '127.0.0.1',
        port: 0,
        staticDir: STATIC_DIR,
        logger: createLogger('server', (_level, line) => logs.push(line)),
        ...options,
        rtc: { iceServers: [], iceTransportPolicy: 'all', candidateFilter: 'loopback', ...options.rtc },
      });
      servers.push(server);
      return server;
    });
    await Promise.all(servers.map((server) => server.close()));
    if (testInfo.status !== testInfo.expectedStatus) await testInfo.attach('server.log', { path: await writeLines(testInfo.outputPath('server.log'), logs) });
  },
  server: async ({ startServer }, use) => {
    await use(await startServer());
  },
  target: async ({}, use) => {
    const target = await TargetPage.open(PLACEMENT.target);
    await use(target);
    await target.dispose();
  },
  openApp: async ({ server: defaultServer }, use, testInfo) => {
    const opened: { window: AppWindow; dispose(): Promise<void> }[] = [];
    // One Chromium profile folder per profile name: opening a closed profile again reuses it
    // (the same computer after a restart); a second window of a role still open gets its own.
    const profiles = new Map<string, string>();
    const inUse = new Set<string>();
    await use(async (role, { server = defaultServer, systemLocales, serverUrl, policy, twoMonitors, waylandEnv, profile: asked } = {}) => {
      let profile = asked ?? role;
      for (let n = 2; !asked && inUse.has(profile); n += 1) profile = `${role}-${n}`;
      const profileDir = profiles.get(profile) ?? (await mkdtemp(join(tmpdir(), `tandem-e2e-${profile}-`)));
      profiles.set(profile, profileDir);
      inUse.add(profile);
      const launched = await launchChromium(PLACEMENT[role], profileDir, waylandEnv);
      const browser = { ...launched, dispose: () => launched.dispose().finally(() => inUse.delete(profile)) };
      const host = await installHarnessHost(browser.context, {
        appOrigin: server.httpUrl,
        // Over the user's "desktop" page, where the consultant points and draws.
        overlayPlacement: PLACEMENT.target,
        stateDir: testInfo.outputPath(`state-${profile}`),
        settings: { serverUrl: serverUrl ?? server.wsUrl },
        ...(systemLocales ? { systemLocales } : {}),
        ...(twoMonitors ? { twoMonitors } : {}),
        ...(waylandEnv ? { waylandEnv } : {}),
        ...(policy ? { policyFile: await writeLines(testInfo.outputPath(`policy-${role}.json`), [JSON.stringify(policy)]) } : {}),
      });
      // Test instrumentation, not app code: lets a test act as a hostile peer on the data channel.
      if (role === 'consultant') await browser.context.addInitScript({ content: CAPTURE_DATA_CHANNELS });
      const page = browser.context.pages()[0] ?? (await browser.context.newPage());
      host.attach(page);
      await page.goto(server.httpUrl);
      const window = new AppWindow(page, host, browser);
      opened.push({ window, dispose: async () => {
        await host.injector.close();
        await host.overlay.dispose();
        await browser.dispose();
      } });
      return window;
    });
    for (const [index, { window, dispose }] of opened.entries()) {
      if (testInfo.status !== testInfo.expectedStatus) {
        await testInfo.attach(`host-${index}.log`, { path: await writeLines(testInfo.outputPath(`host-${index}.log`), window.host.logs) });
      }
      await dispose();
    }
    await Promise.all([...profiles.values()].map((dir) => rm(dir, { recursive: true, force: true })));
  },
});

export { expect } from '@playwright/test';
