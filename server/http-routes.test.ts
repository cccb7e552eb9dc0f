import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../shared/log';
import { SECURITY_HEADERS } from './http-routes';
import { startSignalingServer, type SignalingServer } from './signaling-server';
import { TestClient } from './test-client';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** Raw request: the path goes on the wire exactly as written (no client-side normalisation). */
function get(server: SignalingServer, rawPath: string, method = 'GET', headers: Record<string, string> = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path: rawPath, method, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

let workDir: string;
let server: SignalingServer;
let unbuilt: SignalingServer;

beforeAll(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), 'tandem-static-'));
  const root = path.join(workDir, 'renderer');
  await mkdir(path.join(root, 'assets'), { recursive: true });
  await writeFile(path.join(root, 'index.html'), '<!doctype html><title>Tandem</title>');
  await writeFile(path.join(root, 'assets', 'app-1234.js'), 'console.log(1)');
  await writeFile(path.join(root, 'assets', 'app-1234.css'), 'body{}');
  await writeFile(path.join(root, '.env'), 'SECRET=1');
  await writeFile(path.join(workDir, 'secret.txt'), 'outside');
  await symlink(path.join(workDir, 'secret.txt'), path.join(root, 'link.txt'));
  server = await startSignalingServer({ port: 0, staticDir: root, logger: silentLogger, version: '9.9.9' });
  unbuilt = await startSignalingServer({ port: 0, staticDir: path.join(workDir, 'missing'), logger: silentLogger });
});

afterAll(async () => {
  await server.close();
  await unbuilt.close();
  await rm(workDir, { recursive: true, force: true });
});

describe('http routes', () => {
  it('tells anyone only that it is up and which instance answered', async () => {
    const client = await TestClient.ready(server.wsUrl);
    const reply = await get(server, '/healthz');
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toMatch(/^application\/json/);
    const body = JSON.parse(reply.body) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(['instance', 'status']);
    expect(body.status).toBe('ok');
    expect(typeof body.instance).toBe('string');
    await client.close();
  });

  it('reports the version and live counts only to the holder of the metrics token', async () => {
    const token = 'metrics-token-0123456789';
    const guarded = await startSignalingServer({ port: 0, staticDir: workDir, logger: silentLogger, version: '9.9.9', metricsToken: token });
    try {
      const client = await TestClient.ready(guarded.wsUrl);
      const details = JSON.parse((await get(guarded, '/healthz', 'GET', { authorization: `Bearer ${token}` })).body) as Record<string, unknown>;
      expect(details).toMatchObject({ status: 'ok', version: '9.9.9', connections: 1, sessions: 0 });
      expect(typeof details.uptimeS).toBe('number');
      for (const headers of [{}, { authorization: 'Bearer wrong-token-0123456789' }] as Record<string, string>[]) {
        expect(Object.keys(JSON.parse((await get(guarded, '/healthz', 'GET', headers)).body) as object).sort()).toEqual(['instance', 'status']);
      }
      await client.close();
    } finally {
      await guarded.close();
    }
  });

  it('/readyz on a single server: Redis off, the database ok; /metrics open when no token is set', async () => {
    const ready = await get(server, '/readyz');
    expect(ready.status).toBe(200);
    expect(JSON.parse(ready.body)).toEqual({ status: 'ok', redis: 'off', database: 'ok' });
    expect(ready.headers['cache-control']).toBe('no-store');
    const metrics = await get(server, '/metrics');
    expect(metrics.status).toBe(200);
    expect(metrics.headers['content-type']).toMatch(/^text\/plain/);
    expect(metrics.body).toContain('# TYPE tandem_live_sessions gauge');
    expect(metrics.body).toContain('# TYPE tandem_relay_latency_seconds histogram');
  });

  it('serves index.html at / and assets with their types and cache policy', async () => {
    const index = await get(server, '/');
    expect(index.status).toBe(200);
    expect(index.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(index.headers['cache-control']).toBe('no-cache');
    expect(index.body).toContain('<title>Tandem</title>');
    const js = await get(server, '/assets/app-1234.js?v=1');
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(js.headers['cache-control']).toContain('immutable');
    expect((await get(server, '/assets/app-1234.css')).headers['content-type']).toBe('text/css; charset=utf-8');
    const head = await get(server, '/index.html', 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
  });

  it('sends the security headers on every response', async () => {
    for (const target of ['/', '/healthz', '/nope', '/../package.json']) {
      const reply = await get(server, target);
      for (const [name, value] of Object.entries(SECURITY_HEADERS)) expect(reply.headers[name.toLowerCase()]).toBe(value);
    }
    expect((await get(server, '/')).headers['content-security-policy']).toContain("default-src 'none'");
  });

  it.each([
    '/../package.json',
    '/../secret.txt',
    '/%2e%2e/secret.txt',
    '/assets/%2e%2e/%2e%2e/secret.txt',
    '/assets/..%2f..%2fsecret.txt',
    '/..%5csecret.txt',
    '/.env',
    '/%2eenv',
    '/link.txt',
    '/index.html%00.js',
    '/%E0%A4%A',
    '/assets',
    '/nope.html',
  ])('refuses %s', async (target) => {
    const reply = await get(server, target);
    expect(reply.status).toBe(404);
    expect(reply.body).not.toContain('outside');
    expect(reply.body).not.toContain('SECRET');
  });

  it('answers other methods with 405', async () => {
    const reply = await get(server, '/', 'POST');
    expect(reply.status).toBe(405);
    expect(reply.headers.allow).toBe('GET, HEAD');
  });

  it('says how to build the renderer when it is missing', async () => {
    const reply = await get(unbuilt, '/');
    expect(reply.status).toBe(503);
    expect(reply.body).toContain('npm run build:renderer');
    expect((await get(unbuilt, '/healthz')).status).toBe(200);
  });
});
