import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { REVOKE_SHORTCUT } from '../../shared/control';
import { HOST_EVENT_CHANNEL, HOST_METHODS, hostChannel } from '../../shared/host-bridge';
import { createMemoryReportHistoryBackend } from '../services/report-history';
import { createMemorySettingsBackend } from '../services/settings';
import { fake, FakeBrowserWindow } from '../test/fake-electron';

vi.mock('electron', async () => (await import('../test/fake-electron')).fakeElectronModule());
// Keep the wiring test off the disk; the store backend has its own test.
vi.mock('./settings-store', () => ({ createSettingsStoreBackend: () => createMemorySettingsBackend() }));
vi.mock('./reports-store', () => ({ createReportsStoreBackend: () => createMemoryReportHistoryBackend() }));

// main.ts removes the Linux autostart entry at start-up: point it at a throwaway config folder,
// never at the real ~/.config of whoever runs the tests.
beforeEach(async () => {
  fake.reset();
  vi.resetModules();
  vi.stubEnv('XDG_CONFIG_HOME', await mkdtemp(path.join(tmpdir(), 'tandem-main-xdg-')));
});

describe('main', () => {
  it('wires every concern and opens one secure window once ready', async () => {
    await import('./main');
    const { app, protocol, session, ipcMain } = fake.electron;
    expect(protocol.registerSchemesAsPrivileged).toHaveBeenCalledTimes(1);
    expect(app.enableSandbox).toHaveBeenCalledTimes(1);
    expect(app.listenerCount('web-contents-created')).toBe(1);
    // single-instance.ts brings the window forward; deep-links.ts reads the link.
    expect(app.listenerCount('second-instance')).toBe(2);
    await vi.waitFor(() => expect(FakeBrowserWindow.instances).toHaveLength(1));
    expect(protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
    expect(session.defaultSession.setPermissionRequestHandler).toHaveBeenCalledTimes(1);
    expect(session.defaultSession.setPermissionCheckHandler).toHaveBeenCalledTimes(1);
    expect(session.defaultSession.setDevicePermissionHandler).toHaveBeenCalledTimes(1);
    expect(session.defaultSession.setDisplayMediaRequestHandler).toHaveBeenCalledTimes(1);
    expect([...ipcMain.handlers.keys()].sort()).toEqual(HOST_METHODS.map(hostChannel).sort());
    expect(FakeBrowserWindow.instances[0]?.options.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false });
    expect(fake.electron.globalShortcut.register).toHaveBeenCalledWith(REVOKE_SHORTCUT, expect.any(Function));
  });

  it('releases control when the app quits, and then drops the shortcut', async () => {
    await import('./main');
    await vi.waitFor(() => expect(FakeBrowserWindow.instances).toHaveLength(1));
    const window = FakeBrowserWindow.instances[0]!;
    fake.electron.app.emit('before-quit', { preventDefault: vi.fn() });
    await vi.waitFor(() =>
      expect(window.webContents.send).toHaveBeenCalledWith(HOST_EVENT_CHANNEL, { type: 'control.status', status: { state: 'view-only', reason: 'session-ended' } }),
    );
    fake.electron.app.emit('will-quit');
    expect(fake.electron.globalShortcut.unregisterAll).toHaveBeenCalledTimes(1);
  });

  it('serves the renderer from dist/renderer with a CSP naming the configured signaling server', async () => {
    const appPath = await mkdtemp(path.join(tmpdir(), 'tandem-app-'));
    await mkdir(path.join(appPath, 'dist', 'renderer'), { recursive: true });
    await writeFile(path.join(appPath, 'dist', 'renderer', 'index.html'), '<!doctype html>');
    fake.electron.app.getAppPath.mockReturnValue(appPath);
    await import('./main');
    await vi.waitFor(() => expect(fake.electron.protocol.handle).toHaveBeenCalled());
    const handler = fake.electron.protocol.handle.mock.calls[0]?.[1] as (request: Request) => Promise<Response>;
    const response = await handler(new Request('app://tandem/'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toContain("connect-src 'self' ws://127.0.0.1:8787;");
    expect((await handler(new Request('app://tandem/..%2f..%2fpackage.json'))).status).toBe(404);
  });

  it('hands a tandem://join code to the app window as a host event once its renderer has loaded', async () => {
    const argv = process.argv;
    process.argv = [...argv, 'tandem://join/482-193-675'];
    try {
      await import('./main');
    } finally {
      process.argv = argv;
    }
    await vi.waitFor(() => expect(FakeBrowserWindow.instances).toHaveLength(1));
    const window = FakeBrowserWindow.instances[0]!;
    // The link that started the app waits for the renderer, which subscribes as it loads.
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(window.webContents.send).not.toHaveBeenCalled();
    window.webContents.emit('did-finish-load');
    await vi.waitFor(() => expect(window.webContents.send).toHaveBeenCalledWith(HOST_EVENT_CHANNEL, { type: 'deeplink.join', code: '482193675' }));

    // A link opened while Tandem runs arrives through the second instance; a page still loading gets it after load.
    window.webContents.isLoading.mockReturnValue(true);
    fake.electron.app.emit('second-instance', {}, ['tandem', 'tandem://join/111222333'], '/');
    expect(window.webContents.send).not.toHaveBeenCalledWith(HOST_EVENT_CHANNEL, { type: 'deeplink.join', code: '111222333' });
    window.webContents.emit('did-finish-load');
    expect(window.webContents.send).toHaveBeenCalledWith(HOST_EVENT_CHANNEL, { type: 'deeplink.join', code: '111222333' });
    window.webContents.isLoading.mockReturnValue(false);
    fake.electron.app.emit('second-instance', {}, ['tandem', 'tandem://join/not-a-code'], '/');
    expect(window.webContents.send).toHaveBeenCalledTimes(2);
  });

  it('tells the renderer an update is ready, and passes the updater the session-activity flag', async () => {
    let isBusy: (() => boolean) | undefined;
    let ready: ((update: { version: string }) => void) | undefined;
    const updater = { enabled: true, onUpdateReady: vi.fn((listener: (update: { version: string }) => void) => ((ready = listener), () => undefined)), restartNow: vi.fn(() => !isBusy?.()), later: vi.fn(), checkNow: vi.fn(), dispose: vi.fn() };
    vi.doMock('./updater', () => ({ setupUpdater: (_policy: unknown, _log: unknown, options: { isBusy?: () => boolean }) => ((isBusy = options.isBusy), updater) }));
    await import('./main');
    await vi.waitFor(() => expect(FakeBrowserWindow.instances).toHaveLength(1));
    const window = FakeBrowserWindow.instances[0]!;
    window.webContents.emit('did-finish-load');
    ready?.({ version: '1.2.3' });
    expect(window.webContents.send).toHaveBeenCalledWith(HOST_EVENT_CHANNEL, { type: 'update.ready', version: '1.2.3' });

    const call = (method: string, params?: unknown) =>
      fake.electron.ipcMain.handlers.get(hostChannel(method))!({ sender: window.webContents, senderFrame: window.webContents.mainFrame } as never, params);
    expect(isBusy?.()).toBe(false);
    await call('app.setBusy', { busy: true });
    expect(isBusy?.()).toBe(true);
    expect(await call('update.restartNow')).toEqual({ ok: true, value: false });
    await call('app.setBusy', { busy: false });
    expect(await call('update.restartNow')).toEqual({ ok: true, value: true });
    expect(await call('update.later')).toEqual({ ok: true, value: null });
    expect(updater.later).toHaveBeenCalledTimes(1);
    vi.doUnmock('./updater');
  });

  it('does nothing else when another instance already runs', async () => {
    fake.electron.app.requestSingleInstanceLock.mockReturnValue(false);
    await import('./main');
    expect(fake.electron.app.quit).toHaveBeenCalledTimes(1);
    expect(fake.electron.protocol.registerSchemesAsPrivileged).not.toHaveBeenCalled();
    expect(fake.electron.app.whenReady).not.toHaveBeenCalled();
    expect(FakeBrowserWindow.instances).toHaveLength(0);
  });
});
