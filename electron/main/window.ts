/**
 * The one application window. Every window gets the same locked-down webPreferences, and
 * the webContents of windows created here are the only ones whose IPC calls main answers.
 */
import path from 'node:path';
import { app, BrowserWindow, type WebContents, type WebPreferences } from 'electron';
import type { Logger } from '../../shared/log';
import { APP_ENTRY_URL } from './app-origin';

const appWebContents = new WeakSet<WebContents>();

/** True only for the webContents of a window this module created. */
export function isAppWebContents(contents: WebContents): boolean {
  return appWebContents.has(contents);
}

export function preloadPath(): string {
  // app.getAppPath() is the folder (or app.asar) holding package.json, in dev and packaged.
  return path.join(app.getAppPath(), 'dist', 'electron', 'preload.cjs');
}

export function rendererRoot(): string {
  return path.join(app.getAppPath(), 'dist', 'renderer');
}

export function secureWebPreferences(preload: string): WebPreferences {
  return {
    // The renderer only ever sees the frozen `window.tandem` bridge: no Node, no
    // `require`, an isolated preload world and an OS-level sandboxed process.
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    spellcheck: false,
    preload,
  };
}

export function createMainWindow(log: Logger): BrowserWindow {
  const window = new BrowserWindow({
    title: 'Tandem',
    width: 1100,
    height: 760,
    minWidth: 720,
    minHeight: 520,
    show: false,
    webPreferences: secureWebPreferences(preloadPath()),
  });
  appWebContents.add(window.webContents);
  window.once('ready-to-show', () => window.show());
  window.loadURL(APP_ENTRY_URL).catch((error: unknown) => {
    log.error('window.load-failed', { reason: String(error) });
  });
  return window;
}

/** Brings a window to the front, e.g. when a second instance is launched. */
export function focusWindow(window: BrowserWindow | null): void {
  if (!window || window.isDestroyed()) return;
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}
