import { timingSafeEqual } from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../shared/log';
import type { ReadinessReport } from './readiness';
import { openStaticFile, resolveStaticFile, staticDirExists } from './static-files';

/**
 * GET /healthz (alive), /readyz (ready to serve), /metrics, the JSON API under /api/ and the
 * built renderer. Everything else is 404 (unknown path) or 405 (method).
 */
export interface HealthReport {
  /** `draining`: shutting down; answered with 503 so the balancer stops sending clients here. */
  status: 'ok' | 'draining';
  version: string;
  uptimeS: number;
  /** Which instance answered (INSTANCE_ID): behind a balancer, tells operators and tests apart. */
  instance: string;
  connections: number;
  sessions: number;
}

export interface HttpRoutesOptions {
  staticDir: string;
  health: () => HealthReport;
  log: Logger;
  /** The dependencies' states; absent, /readyz answers like /healthz. */
  ready?: () => Promise<ReadinessReport>;
  /** Prometheus text; `token`, when set, must come as `Authorization: Bearer <token>`. */
  metrics?: { contentType: string; render: () => Promise<string>; token?: string };
  /** Handles /api/* paths (GET and HEAD); false means "no such route" (404). */
  api?: (request: IncomingMessage, response: ServerResponse, pathname: string) => Promise<boolean>;
}

/**
 * Sent on every response. The CSP matches what the renderer needs and nothing more: no
 * inline script or style, media only from our own blobs (the remote screen), network only
 * back to this origin (the signaling socket), and no framing (clickjacking a consent prompt).
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; media-src 'self' blob:; connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
};

export function createHttpHandler(options: HttpRoutesOptions): (request: IncomingMessage, response: ServerResponse) => void {
  return (request, response) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.setHeader(name, value);
    route(options, request, response).catch((error: unknown) => {
      options.log.error('http.failed', { url: request.url?.slice(0, 200), error: String(error) });
      if (!response.headersSent) sendText(response, 500, 'Internal error', request.method === 'HEAD');
      else response.destroy();
    });
  };
}

async function route(options: HttpRoutesOptions, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const method = request.method ?? 'GET';
  const head = method === 'HEAD';
  if (method !== 'GET' && !head) {
    response.setHeader('Allow', 'GET, HEAD');
    return sendText(response, 405, 'Method not allowed', false);
  }
  // The raw path, not a URL parse: WHATWG parsing would read '//host/x' as a host and quietly
  // normalise '..'; resolveStaticFile refuses dot segments itself instead.
  const pathname = (request.url ?? '/').split(/[?#]/, 1)[0] ?? '/';
  if (!pathname.startsWith('/')) return sendText(response, 400, 'Bad request', head);
  if (pathname === '/healthz' || pathname === '/readyz') {
    response.setHeader('Cache-Control', 'no-store');
    const health = options.health();
    if (pathname === '/healthz' || health.status === 'draining' || !options.ready) {
      return sendBody(response, health.status === 'ok' ? 200 : 503, 'application/json; charset=utf-8', JSON.stringify(healthFor(request, health, options.metrics?.token)), head);
    }
    const { ready, dependencies } = await options.ready();
    return sendBody(response, ready ? 200 : 503, 'application/json; charset=utf-8', JSON.stringify({ status: ready ? 'ok' : 'unavailable', ...dependencies }), head);
  }
  if (pathname === '/metrics' && options.metrics) {
    response.setHeader('Cache-Control', 'no-store');
    const { token } = options.metrics;
    if (token !== undefined && !bearerMatches(request.headers.authorization, token)) {
      response.setHeader('WWW-Authenticate', 'Bearer');
      return sendText(response, 401, 'Unauthorized', head);
    }
    return sendBody(response, 200, options.metrics.contentType, await options.metrics.render(), head);
  }
  if (pathname.startsWith('/api/')) {
    if (options.api && (await options.api(request, response, pathname))) return;
    return sendText(response, 404, 'Not found', head);
  }
  if (pathname === '/' && !(await staticDirExists(options.staticDir))) {
    return sendText(response, 503, 'The renderer is not built. Run `npm run build:renderer`, then reload.', head);
  }
  const file = await resolveStaticFile(options.staticDir, pathname);
  if (!file) return sendText(response, 404, 'Not found', head);
  response.writeHead(200, { 'Content-Type': file.contentType, 'Content-Length': file.size, 'Cache-Control': file.cacheControl });
  if (head) {
    response.end();
    return;
  }
  try {
    await pipeline(openStaticFile(file), response);
  } catch (error) {
    // A client that hangs up mid-download is not a server error.
    if ((error as NodeJS.ErrnoException).code !== 'ERR_STREAM_PREMATURE_CLOSE') throw error;
  }
}

function sendText(response: ServerResponse, status: number, text: string, head: boolean): void {
  response.setHeader('Cache-Control', 'no-store');
  sendBody(response, status, 'text/plain; charset=utf-8', text, head);
}

function sendBody(response: ServerResponse, status: number, contentType: string, body: string, head: boolean): void {
  response.writeHead(status, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(body) });
  response.end(head ? undefined : body);
}

/**
 * Anyone (a balancer, the app's diagnostics) learns whether the server is up and which instance
 * answered. The version and the live counts help an attacker time and size an attack, so they
 * go only to whoever holds the metrics token (none is set: nobody; /metrics has them then).
 */
function healthFor(request: IncomingMessage, health: HealthReport, token: string | undefined): Partial<HealthReport> {
  if (token !== undefined && bearerMatches(request.headers.authorization, token)) return health;
  return { status: health.status, instance: health.instance };
}

function bearerMatches(header: string | undefined, token: string): boolean {
  const given = Buffer.from(/^Bearer (.+)$/i.exec(header ?? '')?.[1]?.trim() ?? '', 'utf8');
  const expected = Buffer.from(token, 'utf8');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
