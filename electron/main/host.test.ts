import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HOST_EVENT_CHANNEL } from '../../shared/host-bridge';
import { silentLogger } from '../../shared/log';
import type { InjectorOptions } from '../services/input/injector';
import { createMemoryReportHistoryBackend } from '../services/report-history';
import { createMemorySettingsBackend } from '../services/settings';
import { fake, FakeBrowserWindow } from '../test/fake-electron';
import { FakeInjector } from '../test/fake-injector';
import { createHost } from './host';
import { createMainWindow } from './window';

import { testPolicy } from '../test/test-policy';
vi.mock('electron', async () => (await import('../test/fake-electron')).fakeElectronModule());
vi.mock('./settings-store', () => ({ createSettingsStoreBackend: () => createMemorySettingsBackend() }));
vi.mock('./reports-store', () => ({ createReportsStoreBackend: () => createMemoryReportHistoryBackend() }));
// The real injector is tested on its own; here only what host.ts hands it matters.
const injectorOptions: InjectorOptions[] = [];
vi.mock('../services/input/injector', () => ({
  createInjector: (options: InjectorOptions) => (injectorOptions.push(options), new FakeInjector()),
}));

const realPlatform = process.platform;
function setPlatform(platform: NodeJS.Platform): void {
  Object.defineProperty(process, 'platform', { value: platform, configurable: true });
}

beforeEach(() => {
  fake.reset();
  injectorOptions.length = 0;
});
afterEach(() => setPlatform(realPlatform));

describe('host events', () => {
  it('go to the app’s windows only, never to a foreign webContents', async () => {
    const app = createMainWindow(silentLogger);
    const foreign = new FakeBrowserWindow({});
    const host = createHost(silentLogger, testPolicy());
    await host.control.release('revoked');
    const event = { type: 'control.status', status: { state: 'view-only', reason: 'revoked' } };
    expect(app.webContents.send).toHaveBeenCalledWith(HOST_EVENT_CHANNEL, event);
    expect(foreign.webContents.send).not.toHaveBeenCalled();
  });

  it('skip dead windows, and a failing send never stops control from ending', async () => {
    const dying = createMainWindow(silentLogger);
    const live = createMainWindow(silentLogger);
    (dying.webContents as unknown as { send: ReturnType<typeof vi.fn> }).send.mockImplementation(() => {
      throw new Error('Object has been destroyed');
    });
    const host = createHost(silentLogger, testPolicy());
    await expect(host.control.release('revoked')).resolves.toEqual({ state: 'view-only', reason: 'revoked' });
    expect(live.webContents.send).toHaveBeenCalledTimes(1);
  });
});

describe('host wiring', () => {
  it('asks macOS whether Tandem is a trusted accessibility client, never prompting', () => {
    setPlatform('darwin');
    createHost(silentLogger, testPolicy());
    const check = injectorOptions[0]?.isAccessibilityTrusted;
    expect(check).toBeTypeOf('function');
    fake.electron.systemPreferences.isTrustedAccessibilityClient.mockReturnValue(false);
    expect(check?.()).toBe(false);
    expect(fake.electron.systemPreferences.isTrustedAccessibilityClient).toHaveBeenCalledWith(false);
  });

  it('needs no accessibility check elsewhere', () => {
    setPlatform('linux');
    createHost(silentLogger, testPolicy());
    expect(injectorOptions[0]).toMatchObject({ platform: 'linux' });
    expect(injectorOptions[0]?.isAccessibilityTrusted).toBeUndefined();
  });

  it('attaches the consent prompt to the app window, not a foreign one', async () => {
    new FakeBrowserWindow({});
    const app = createMainWindow(silentLogger);
    const host = createHost(silentLogger, testPolicy());
    await host.control.request('Camille');
    const parent = fake.electron.dialog.showMessageBox.mock.calls[0]?.[0] as unknown;
    expect(parent).toBe(app);
  });
});
