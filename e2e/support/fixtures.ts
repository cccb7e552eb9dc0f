import { test as base } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import { startSignalingServer, type SignalingServer, type SignalingServerOptions } from '../../server/signaling-server';
import { createLogger } from '../../shared/log';
import { AppWindow } from './app-window';
import { launchChromium, type WindowPlacement } from './chromium';
import { installHarnessHost } from './host-harness';

const STATIC_DIR = fileURLToPath(new URL('../../dist/renderer', import.meta.url));

// The user's window is on the left; the whole X screen (both windows) is what gets shared.
const PLACEMENT = {
  user: { x: 0, y: 0, width: 640, height: 800 },
  consultant: { x: 640, y: 0, width: 640, height: 800 },
} satisfies Record<string, WindowPlacement>;

type Role = keyof typeof PLACEMENT;

interface Fixtures {
  /** Starts a real signaling server on loopback (ICE restricted to loopback candidates). */
  startServer(options?: SignalingServerOptions): Promise<SignalingServer>;
  /** A running signaling server with default settings. */
  server: SignalingServer;
  /** Opens the real renderer, served by `server`, in its own Chromium with the harness host. */
  openApp(role: Role, server?: SignalingServer): Promise<AppWindow>;
}

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
    if (testInfo.status !== testInfo.expectedStatus) await testInfo.attach('server.log', { body: logs.join('\n') });
  },
  server: async ({ startServer }, use) => {
    await use(await startServer());
  },
  openApp: async ({ server: defaultServer }, use, testInfo) => {
    const opened: { window: AppWindow; dispose(): Promise<void> }[] = [];
    await use(async (role, server = defaultServer) => {
      const browser = await launchChromium(PLACEMENT[role]);
      const { logs } = await installHarnessHost(browser.context, {
        appOrigin: server.httpUrl,
        settings: { serverUrl: server.wsUrl },
      });
      const page = browser.context.pages()[0] ?? (await browser.context.newPage());
      await page.goto(server.httpUrl);
      const window = new AppWindow(page, logs);
      opened.push({ window, dispose: browser.dispose });
      return window;
    });
    for (const { window, dispose } of opened) {
      if (testInfo.status !== testInfo.expectedStatus) {
        await testInfo.attach('host.log', { body: window.hostLogs.join('\n') });
      }
      await dispose();
    }
  },
});

export { expect } from '@playwright/test';
