import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { REVOKE_SHORTCUT } from '../../shared/control';
import { HOST_EVENT_CHANNEL, HOST_METHODS, hostChannel } from '../../shared/host-bridge';
import { createMemorySettingsBackend } from '../services/settings';
import { fake, FakeBrowserWindow } from '../test/fake-electron';

vi.mock('electron', async () => (await import('../test/fake-electron')).fakeElectronModule());
// Keep the wiring test off the disk; the store backend has its own test.
vi.mock('./settings-store', () => ({ createSettingsStoreBackend: () => createMemorySettingsBackend() }));

beforeEach(() => {
  fake.reset();
  vi.resetModules();
});

describe('main', () => {
  it('wires every concern and opens one secure window once ready', async () => {
    await import('./main');
    const { app, protocol, session, ipcMain } = fake.electron;
    expect(protocol.registerSchemesAsPrivileged).toHaveBeenCalledTimes(1);
    expect(app.enableSandbox).toHaveBeenCalledTimes(1);
    expect(app.listenerCount('web-contents-created')).toBe(1);
    expect(app.listenerCount('second-instance')).toBe(1);
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
    expect(response.headers.get('content-security-policy')).toContain('connect-src ws://127.0.0.1:8787;');
    expect((await handler(new Request('app://tandem/..%2f..%2fpackage.json'))).status).toBe(404);
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
