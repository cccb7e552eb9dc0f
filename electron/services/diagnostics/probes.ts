/**
 * Small network probes of our own. We avoid `systeminformation`'s internet helpers: they
 * report a refused connection as HTTP 404 and shell out to ping, which is often absent.
 */
import { promises as dnsPromises } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import tls from 'node:tls';

export type ProbeFailure = 'refused' | 'timeout' | 'not-found' | 'tls' | 'error';

export type TcpProbe = { ok: true; ms: number } | { ok: false; failure: ProbeFailure; code: string; ms: number };

export type Connect = (options: { host: string; port: number }) => net.Socket;

/** Connects and closes at once; sends no payload. */
export function tcpProbe(host: string, port: number, timeoutMs: number, signal?: AbortSignal, connect: Connect = net.connect): Promise<TcpProbe> {
  const started = Date.now();
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (probe: TcpProbe) => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      socket.destroy();
      resolve(probe);
    };
    const fail = (failure: ProbeFailure, code: string) => done({ ok: false, failure, code, ms: Date.now() - started });
    const onAbort = () => fail('timeout', 'ETIMEDOUT');
    const timer = setTimeout(onAbort, timeoutMs);
    signal?.addEventListener('abort', onAbort, { once: true });
    socket.once('connect', () => done({ ok: true, ms: Date.now() - started }));
    socket.once('error', (error: NodeJS.ErrnoException) => fail(classify(error.code), error.code ?? error.message));
  });
}

export function classify(code: string | undefined): ProbeFailure {
  switch (code) {
    case 'ECONNREFUSED':
      return 'refused';
    case 'ETIMEDOUT':
    case 'ETIMEOUT':
    case 'ECONNRESET':
      return 'timeout';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'ENODATA':
      return 'not-found';
    default:
      return code?.startsWith('ERR_TLS') || code?.includes('CERT') || code === 'DEPTH_ZERO_SELF_SIGNED_CERT' ? 'tls' : 'error';
  }
}

export type HttpProbe =
  | { ok: true; status: number; location: string; body: string; ms: number }
  | { ok: false; failure: ProbeFailure; code: string; ms: number };

/** One GET, no redirects followed, the first bytes of the body kept, certificates verified. */
export function httpProbe(url: URL, timeoutMs: number, options: { signal?: AbortSignal; ca?: string } = {}): Promise<HttpProbe> {
  const started = Date.now();
  return new Promise((resolve) => {
    let settled = false;
    const finish = (probe: HttpProbe) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      request.destroy();
      resolve(probe);
    };
    const fail = (failure: ProbeFailure, code: string) => finish({ ok: false, failure, code, ms: Date.now() - started });
    const onAbort = () => fail('timeout', 'ETIMEDOUT');
    const secure = url.protocol === 'https:';
    const request = (secure ? https : http).request(url, {
      method: 'GET',
      agent: false,
      headers: { 'user-agent': 'Tandem-diagnostics', accept: '*/*' },
      ...(secure && options.ca ? { ca: [...tls.rootCertificates, options.ca] } : {}),
    });
    const timer = setTimeout(onAbort, timeoutMs);
    options.signal?.addEventListener('abort', onAbort, { once: true });
    request.once('error', (error: NodeJS.ErrnoException) => fail(classify(error.code), error.code ?? error.message));
    request.once('response', (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        body += chunk;
        if (body.length >= 512) response.destroy();
      });
      const end = () =>
        finish({ ok: true, status: response.statusCode ?? 0, location: response.headers.location ?? '', body: body.slice(0, 512), ms: Date.now() - started });
      response.once('end', end);
      response.once('close', end);
    });
    request.end();
  });
}

export type DnsProbe = { ok: true; addresses: string[]; ms: number } | { ok: false; failure: ProbeFailure; code: string; ms: number };

/** Resolves A records through one given server, one try, bounded by `timeoutMs`. */
export async function resolveThrough(server: string, name: string, timeoutMs: number, signal?: AbortSignal): Promise<DnsProbe> {
  const started = Date.now();
  const resolver = new dnsPromises.Resolver({ timeout: timeoutMs, tries: 1 });
  resolver.setServers([server]);
  const guard = new Promise<DnsProbe>((resolve) => {
    const stop = () => resolve({ ok: false, failure: 'timeout', code: 'ETIMEOUT', ms: Date.now() - started });
    const timer = setTimeout(stop, timeoutMs + 250);
    timer.unref();
    signal?.addEventListener('abort', stop, { once: true });
  });
  const query = resolver.resolve4(name).then(
    (addresses): DnsProbe => ({ ok: true, addresses, ms: Date.now() - started }),
    (error: NodeJS.ErrnoException): DnsProbe => ({ ok: false, failure: dnsFailure(error.code), code: error.code ?? error.message, ms: Date.now() - started }),
  );
  const probe = await Promise.race([query, guard]);
  resolver.cancel();
  return probe;
}

function dnsFailure(code: string | undefined): ProbeFailure {
  if (code === 'ESERVFAIL' || code === 'EREFUSED') return 'error';
  return classify(code);
}
