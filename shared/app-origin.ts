/**
 * The app's own origin. The renderer is served from `app://tandem/`, a privileged custom
 * scheme, so every trust decision in main (IPC senders, permissions, display capture,
 * navigation) compares against this one origin instead of `file://`, which any local
 * file shares.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'tandem';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * Whether a URL or an origin string belongs to the app. Parsed field by field because
 * Node's URL reports the origin of a non-special scheme as "null", unlike Chromium,
 * which knows `app:` is a standard scheme.
 */
export function isAppOrigin(value: string | null | undefined): boolean {
  if (!value) return false;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  return url.protocol === `${APP_SCHEME}:` && url.hostname === APP_HOST && url.port === '' && url.username === '' && url.password === '';
}
