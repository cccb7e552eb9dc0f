import type { BrowserContext } from '@playwright/test';
import { CaptureSelection, type ScreenSourceProvider } from '../../electron/services/capture';
import { createHostHandlers, dispatchHostCall } from '../../electron/services/host-handlers';
import { createMemorySettingsBackend, createSettingsService, defaultSettings } from '../../electron/services/settings';
import { HOST_METHODS, buildHostApi, type HostReply, type Settings } from '../../shared/host-api';
import { createLogger } from '../../shared/log';

/** The X display as the only shareable screen; its name is the one Chromium auto-selects. */
const xDisplayScreens: ScreenSourceProvider = {
  list: () => Promise.resolve([{ id: 'screen:x11:0', name: 'Entire screen', thumbnail: null }]),
};

export interface HarnessHostOptions {
  appOrigin: string;
  settings: Partial<Settings>;
  systemLocales?: string[];
}

/**
 * Stands in for Electron's preload and main process: the page gets the same frozen
 * `window.tandem` object (built by the same `buildHostApi`), and each call runs through the
 * same handler table and `dispatchHostCall` in this test process.
 */
export async function installHarnessHost(context: BrowserContext, options: HarnessHostOptions): Promise<{ logs: string[] }> {
  const logs: string[] = [];
  const log = createLogger('harness-host', (_level, line) => logs.push(line));
  const settings = createSettingsService(createMemorySettingsBackend({ ...defaultSettings(), ...options.settings }), log);
  const handlers = createHostHandlers({
    appInfo: () => ({ version: 'e2e', platform: process.platform, systemLocales: options.systemLocales ?? ['en-US'] }),
    settings,
    capture: new CaptureSelection(xDisplayScreens),
  });

  await context.exposeBinding('__tandemHostCall', async (source, method: unknown, params: unknown): Promise<HostReply> => {
    // The same sender rule as the IPC wiring: only the top frame of the app's own origin.
    const frameUrl = source.frame.url();
    if (source.frame !== source.page.mainFrame() || !frameUrl.startsWith(`${options.appOrigin}/`)) {
      return { ok: false, error: { code: 'forbidden-sender', message: 'Calls are accepted from the app window only.' } };
    }
    return dispatchHostCall(handlers, method, params, log);
  });
  await context.addInitScript({
    content: `Object.defineProperty(window, 'tandem', {
      value: (${buildHostApi.toString()})(${JSON.stringify(HOST_METHODS)}, (method, params) => window.__tandemHostCall(method, params)),
      enumerable: true,
    });`,
  });
  return { logs };
}
