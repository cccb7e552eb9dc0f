import { beforeEach, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../../shared/log';
import { FakeBrowserWindow, FakeWebContents, fake } from '../test/fake-electron';
import { createMainWindow, focusWindow, isAppWebContents } from './window';

vi.mock('electron', async () => (await import('../test/fake-electron')).fakeElectronModule());

beforeEach(() => fake.reset());

describe('createMainWindow', () => {
  it('creates a hidden, titled window with exactly the secure webPreferences', () => {
    createMainWindow(silentLogger);
    expect(FakeBrowserWindow.instances).toHaveLength(1);
    const options = FakeBrowserWindow.instances[0]?.options;
    expect(options).toMatchObject({ title: 'Tandem', show: false, minWidth: 720, minHeight: 520 });
    expect(options?.webPreferences).toEqual({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      preload: '/opt/tandem/dist/electron/preload.cjs',
    });
  });

  it('loads the app entry over the app scheme and shows only when ready', () => {
    createMainWindow(silentLogger);
    const window = FakeBrowserWindow.instances[0];
    expect(window?.loadURL).toHaveBeenCalledWith('app://tandem/index.html');
    expect(window?.show).not.toHaveBeenCalled();
    window?.emit('ready-to-show');
    expect(window?.show).toHaveBeenCalledTimes(1);
  });

  it('trusts only the webContents of windows it created', () => {
    createMainWindow(silentLogger);
    const window = FakeBrowserWindow.instances[0];
    expect(window && isAppWebContents(window.webContents.asElectron())).toBe(true);
    expect(isAppWebContents(new FakeWebContents().asElectron())).toBe(false);
  });
});

describe('focusWindow', () => {
  it('restores a minimized window and focuses it', () => {
    createMainWindow(silentLogger);
    const window = FakeBrowserWindow.instances[0];
    window?.isMinimized.mockReturnValue(true);
    focusWindow(window as unknown as Parameters<typeof focusWindow>[0]);
    expect(window?.restore).toHaveBeenCalled();
    expect(window?.focus).toHaveBeenCalled();
  });

  it('ignores a missing window', () => {
    expect(() => focusWindow(null)).not.toThrow();
  });
});
