/**
 * Serves the renderer bundle from `app://tandem/`. A custom standard+secure scheme gives
 * the renderer a real origin of its own (file:// would share one with every local file)
 * and lets us attach the CSP as a response header, which a <meta> tag cannot fully do.
 */
import { readFile as fsReadFile } from 'node:fs/promises';
import path from 'node:path';
import { protocol } from 'electron';
import type { Logger } from '../../shared/log';
import { APP_HOST, APP_SCHEME } from './app-origin';
import { CONTENT_TYPES } from '../../shared/content-types';


/** Must run before `app.ready`: Chromium fixes scheme privileges at startup. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

/**
 * Maps an app URL to a file inside `rootDir`, or null. The URL parser already folds plain
 * `..` segments; this also refuses other hosts, undecodable, NUL- or backslash-bearing
 * paths, and anything (encoded slashes, drive letters) that resolves outside the root.
 */
export function resolveAppFile(rootDir: string, requestUrl: string, paths: path.PlatformPath = path): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.hostname !== APP_HOST) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  // Backslashes are separators on Windows; no bundle file name contains one.
  if (pathname.includes('\0') || pathname.includes('\\')) return null;
  if (pathname === '/' || pathname === '') pathname = '/index.html';
  const root = paths.resolve(rootDir);
  const file = paths.resolve(root, `.${pathname}`);
  // The decisive check: whatever the decoding produced, the result stays under the root.
  if (!file.startsWith(root + paths.sep)) return null;
  return file;
}

export interface AppProtocolDeps {
  rootDir: string;
  /** Computed per response, so a changed signaling server applies on the next load. */
  contentSecurityPolicy: () => string;
  log: Logger;
  readFile?: (file: string) => Promise<Uint8Array>;
}

export function createAppProtocolHandler(deps: AppProtocolDeps): (request: Request) => Promise<Response> {
  const readFile = deps.readFile ?? ((file: string) => fsReadFile(file));
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return new Response(null, { status: 405 });
    const file = resolveAppFile(deps.rootDir, request.url);
    if (file === null) {
      deps.log.warn('protocol.refused', { url: request.url.slice(0, 200) });
      return new Response(null, { status: 404 });
    }
    let body: Uint8Array;
    try {
      body = await readFile(file);
    } catch {
      return new Response(null, { status: 404 });
    }
    const headers = {
      'Content-Type': CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
      'Content-Security-Policy': deps.contentSecurityPolicy(),
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
    };
    return new Response(request.method === 'HEAD' ? null : body, { status: 200, headers });
  };
}

/** Call after `app.ready`. */
export function setupAppProtocol(deps: AppProtocolDeps): void {
  protocol.handle(APP_SCHEME, createAppProtocolHandler(deps));
}
