import { beforeEach, describe, expect, it, vi } from 'vitest';
import { HOST_EVENT_CHANNEL } from '../../shared/host-bridge';
import { silentLogger } from '../../shared/log';
import { FakeBrowserWindow, fake, fakeDisplay } from '../test/fake-electron';
import { createOverlaySurface, OVERLAY_URL, overlayBounds } from './overlay-window';
import { isAppWebContents } from './window';

vi.mock('electron', async () => (await import('../test/fake-electron')).fakeElectronModule());

beforeEach(() => fake.reset());

describe('overlay window', () => {
  it('is transparent, on top, unfocusable, click-through and locked down, and opens only when first shown', () => {
    const surface = createOverlaySurface({ sharedBounds: () => null, appWindow: () => null, log: silentLogger });
    surface.send({ type: 'overlay.event', message: { t: 'overlay.clear' } });
    expect(FakeBrowserWindow.instances).toHaveLength(0);
    surface.setVisible(true);
    const window = FakeBrowserWindow.instances[0];
    expect(window?.options).toMatchObject({ transparent: true, frame: false, focusable: false, skipTaskbar: true, show: false, webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false } });
    expect(window?.setAlwaysOnTop).toHaveBeenCalledWith(true, 'screen-saver');
    expect(window?.setIgnoreMouseEvents).toHaveBeenCalledWith(true);
    expect(window?.loadURL).toHaveBeenCalledWith(OVERLAY_URL);
    expect(window?.showInactive).toHaveBeenCalled();
    // Not an app window: the main preload's host calls from it are refused.
    expect(isAppWebContents(window?.webContents as never)).toBe(false);
  });

  it('queues events until the page has loaded, then sends them on the event channel', () => {
    const surface = createOverlaySurface({ sharedBounds: () => null, appWindow: () => null, log: silentLogger });
    surface.setVisible(true);
    const window = FakeBrowserWindow.instances[0];
    const send = window?.webContents.send;
    surface.send({ type: 'overlay.hidden', hidden: false });
    expect(send).not.toHaveBeenCalled();
    window?.webContents.emit('did-finish-load');
    expect(send).toHaveBeenCalledWith(HOST_EVENT_CHANNEL, { type: 'overlay.hidden', hidden: false });
    surface.setVisible(false);
    expect(window?.hide).toHaveBeenCalled();
  });

  it('covers the display of the shared screen, found again from its physical bounds', () => {
    fake.electron.screen.getDisplayNearestPoint.mockReturnValue(fakeDisplay(2, { x: 1920, y: 0, width: 1280, height: 1024 }));
    expect(overlayBounds({ x: 3840, y: 0, width: 2560, height: 2048 }, 'linux')).toEqual({ x: 1920, y: 0, width: 1280, height: 1024 });
    expect(fake.electron.screen.getDisplayNearestPoint).toHaveBeenCalledWith({ x: 2560, y: 512 });
  });
});
