import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import https from 'node:https';
import type net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { httpProbe, resolveThrough, tcpProbe } from './probes';
import { LOOPBACK, closedPort, closedUdpPort, dnsResponder, httpServer, hangingConnect, tcpAccepting, type Closable } from './test-fixtures';

const open: Closable[] = [];
const keep = <T extends Closable>(c: T) => (open.push(c), c);
afterEach(async () => {
  await Promise.all(open.splice(0).map((c) => c.close()));
});

describe('tcpProbe', () => {
  it('connects to a listener', async () => {
    const server = keep(await tcpAccepting());
    expect(await tcpProbe(LOOPBACK, server.port, 1000)).toMatchObject({ ok: true });
  });
  it('reports a closed port as refused', async () => {
    expect(await tcpProbe(LOOPBACK, await closedPort(), 1000)).toMatchObject({ ok: false, failure: 'refused', code: 'ECONNREFUSED' });
  });
  it('reports a connection that never completes as a timeout', async () => {
    expect(await tcpProbe(LOOPBACK, 9, 50, undefined, hangingConnect())).toMatchObject({ ok: false, failure: 'timeout', code: 'ETIMEDOUT' });
  });
  it('stops when its signal aborts', async () => {
    const controller = new AbortController();
    const probe = tcpProbe(LOOPBACK, 9, 60_000, controller.signal, hangingConnect());
    controller.abort();
    expect(await probe).toMatchObject({ ok: false, failure: 'timeout' });
  });
});

describe('httpProbe', () => {
  it('returns status, redirect target and the start of the body', async () => {
    const server = keep(await httpServer((_req, res) => res.writeHead(302, { location: 'http://portal.example/login' }).end('x'.repeat(2000))));
    const probe = await httpProbe(new URL(`http://${LOOPBACK}:${server.port}/`), 1000);
    expect(probe).toMatchObject({ ok: true, status: 302, location: 'http://portal.example/login' });
    expect(probe.ok && probe.body.length).toBeLessThanOrEqual(512);
  });
  it('reports a refused connection as refused, never as an HTTP status', async () => {
    expect(await httpProbe(new URL(`http://${LOOPBACK}:${await closedPort()}/`), 1000)).toMatchObject({ ok: false, failure: 'refused' });
  });
  it('times out on a server that never answers', async () => {
    const server = keep(await httpServer(() => {}));
    expect(await httpProbe(new URL(`http://${LOOPBACK}:${server.port}/`), 200)).toMatchObject({ ok: false, failure: 'timeout' });
  });
  it('checks HTTPS certificates: untrusted fails, trusted with the CA succeeds', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'tandem-tls-'));
    try {
      execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=localhost', '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem')], { stdio: 'ignore' });
      const cert = readFileSync(path.join(dir, 'cert.pem'), 'utf8');
      const server = https.createServer({ key: readFileSync(path.join(dir, 'key.pem')), cert }, (_req, res) => res.end('ok'));
      await new Promise<void>((resolve) => server.listen(0, LOOPBACK, resolve));
      keep({ port: 0, close: () => new Promise((resolve) => server.close(() => resolve())) });
      const url = new URL(`https://${LOOPBACK}:${(server.address() as net.AddressInfo).port}/`);
      expect(await httpProbe(url, 2000)).toMatchObject({ ok: false, failure: 'tls' });
      expect(await httpProbe(url, 2000, { ca: cert })).toMatchObject({ ok: true, status: 200, body: 'ok' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('resolveThrough', () => {
  it('returns the A record a resolver gives', async () => {
    const dns = keep(await dnsResponder({ answer: '192.0.2.7' }));
    expect(await resolveThrough(`${LOOPBACK}:${dns.port}`, 'tandem.test', 1000)).toMatchObject({ ok: true, addresses: ['192.0.2.7'] });
  });
  it('reports SERVFAIL', async () => {
    const dns = keep(await dnsResponder('servfail'));
    expect(await resolveThrough(`${LOOPBACK}:${dns.port}`, 'tandem.test', 1000)).toMatchObject({ ok: false, code: 'ESERVFAIL' });
  });
  it('times out when the resolver never answers', async () => {
    const dns = keep(await dnsResponder('silent'));
    expect(await resolveThrough(`${LOOPBACK}:${dns.port}`, 'tandem.test', 200)).toMatchObject({ ok: false, failure: 'timeout' });
  });
  it('reports a port with no resolver as refused', async () => {
    expect(await resolveThrough(`${LOOPBACK}:${await closedUdpPort()}`, 'tandem.test', 1000)).toMatchObject({ ok: false, failure: 'refused' });
  });
});
