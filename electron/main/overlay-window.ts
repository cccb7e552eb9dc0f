/**
 * The window that shows the consultant's pointer and drawings on the user's real screen:
 * transparent, frameless, always on top (above full-screen apps), never focusable and
 * click-through, so it can neither steal input nor be mistaken for something to click.
 */
import { BrowserWindow, screen, type Rectangle } from 'electron';
import { HOST_EVENT_CHANNEL } from '../../shared/host-bridge';
import type { Logger } from '../../shared/log';
import type { OverlayPageEvent } from '../../shared/overlay';
import type { ScreenBounds } from '../services/capture';
import type { OverlaySurface } from '../services/overlay';
import { APP_ORIGIN } from './app-origin';
import { preloadPath, secureWebPreferences } from './window';

export const OVERLAY_URL = `${APP_ORIGIN}/overlay.html`;

/**
 * The shared screen's bounds in DIP, which BrowserWindow speaks. CaptureSelection keeps them in
 * the injector's space (physical pixels on Windows and X11, points on macOS), so the display
 * is found again through its centre; with nothing shared yet, the primary display.
 */
export function overlayBounds(shared: ScreenBounds | null, platform: NodeJS.Platform = process.platform): Rectangle {
  if (!shared) return screen.getPrimaryDisplay().bounds;
  const centre = { x: Math.round(shared.x + shared.width / 2), y: Math.round(shared.y + shared.height / 2) };
  return screen.getDisplayNearestPoint(platform === 'darwin' ? centre : screen.screenToDipPoint(centre)).bounds;
}

export interface OverlaySurfaceDeps {
  sharedBounds: () => ScreenBounds | null;
  /** The app window: the overlay closes with it, or it alone would keep the app running. */
  appWindow: () => BrowserWindow | null;
  log: Logger;
}

export function createOverlaySurface({ sharedBounds, appWindow, log }: OverlaySurfaceDeps): OverlaySurface {
  let window: BrowserWindow | null = null;
  let loaded = false;
  let pending: OverlayPageEvent[] = [];

  const open = (): BrowserWindow => {
    const created = new BrowserWindow({
      ...overlayBounds(sharedBounds()),
      transparent: true,
      frame: false,
      resizable: false,
      movable: false,
      focusable: false,
      skipTaskbar: true,
      hasShadow: false,
      show: false,
      // The main preload, for its event subscription only: this webContents is not an app
      // window (isAppWebContents is false), so every host call it might make is refused.
      webPreferences: secureWebPreferences(preloadPath()),
    });
    created.setAlwaysOnTop(true, 'screen-saver');
    created.setIgnoreMouseEvents(true);
    created.webContents.once('did-finish-load', () => {
      loaded = true;
      for (const event of pending) created.webContents.send(HOST_EVENT_CHANNEL, event);
      pending = [];
    });
    appWindow()?.once('closed', () => {
      if (!created.isDestroyed()) created.destroy();
    });
    created.on('closed', () => {
      window = null;
      loaded = false;
    });
    created.loadURL(OVERLAY_URL).catch((error: unknown) => log.error('overlay.load-failed', { reason: String(error) }));
    return created;
  };

  return {
    send(event) {
      if (!window || window.isDestroyed()) return;
      if (!loaded) pending.push(event);
      else window.webContents.send(HOST_EVENT_CHANNEL, event);
    },
    setVisible(visible) {
      if (!visible) {
        if (window && !window.isDestroyed()) window.hide();
        return;
      }
      if (!window || window.isDestroyed()) window = open();
      // The shared screen may have changed since the last drawing.
      window.setBounds(overlayBounds(sharedBounds()));
      if (!window.isVisible()) window.showInactive();
    },
  };
}
