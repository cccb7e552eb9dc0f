/**
 * Guards applied to every webContents the app ever gets: the renderer cannot navigate
 * away from the app, open windows, or embed <webview>; https links open in the user's
 * browser and nothing else leaves the app.
 */
import { app, shell, type WebContents } from 'electron';
import type { Logger } from '../../shared/log';
import { isAppOrigin } from './app-origin';

/** Only plain https URLs may be handed to the OS: never file:, smb:, javascript: or custom handlers. */
export function isSafeExternalUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' && url.username === '' && url.password === '';
  } catch {
    return false;
  }
}

export function guardWebContents(contents: WebContents, log: Logger, openExternal: (url: string) => Promise<void> = (url) => shell.openExternal(url)): void {
  const keepInApp = (event: { preventDefault: () => void; url: string }, kind: string) => {
    if (isAppOrigin(event.url)) return;
    event.preventDefault();
    log.warn('security.navigation-blocked', { kind, url: event.url.slice(0, 200) });
  };
  contents.on('will-navigate', (event) => keepInApp(event, 'navigate'));
  contents.on('will-redirect', (event) => keepInApp(event, 'redirect'));
  // Subframe navigations too: an iframe (blocked by CSP anyway) must not load foreign content.
  contents.on('will-frame-navigate', (event) => keepInApp(event, 'frame-navigate'));

  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log.warn('security.webview-blocked');
  });

  contents.setWindowOpenHandler(({ url }) => {
    if (isSafeExternalUrl(url)) {
      openExternal(url).catch((error: unknown) => log.warn('security.open-external-failed', { reason: String(error) }));
    } else {
      log.warn('security.window-open-blocked', { url: url.slice(0, 200) });
    }
    return { action: 'deny' };
  });
}

/** Must run before any window exists. */
export function setupSecurityGuards(log: Logger): void {
  // Sandbox every renderer, including any a future code path forgets to configure.
  app.enableSandbox();
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, log));
}
