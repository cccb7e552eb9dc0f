import { afterEach, describe, expect, it } from 'vitest';
import { runCheck } from '../check';
import { LOOPBACK, closedPort, closedUdpPort, config, dnsResponder, fakeContext, fakeRunner, httpServer, tcpAccepting, type Closable } from '../test-fixtures';
import { networkCaptivePortal } from './network-captive';
import { networkDnsCustom, networkDnsSystem } from './network-dns';
import { networkGateway, parseProcRoute } from './network-gateway';
import { networkProxy } from './network-proxy';
import { networkHosts, networkServer } from './network-reachability';
import { networkWifi, parseProcWireless } from './network-wifi';

const open: Closable[] = [];
const keep = <T extends Closable>(c: T) => (open.push(c), c);
afterEach(async () => {
  await Promise.all(open.splice(0).map((c) => c.close()));
});

// 127.0.0.1 as the default gateway, in /proc/net/route's little-endian hex.
const LOOPBACK_ROUTE = 'Iface\tDestination\tGateway\tFlags\tRefCnt\tUse\tMetric\tMask\nlo\t00000000\t0100007F\t0003\t0\t0\t0\t00000000\n';

describe('network.server', () => {
  it('is ok when the server accepts and answers its health endpoint', async () => {
    const server = keep(await httpServer((_req, res) => res.end('ok')));
    const result = await runCheck(networkServer, config({ serverUrl: `ws://${LOOPBACK}:${server.port}/ws` }), fakeContext());
    expect(result).toMatchObject({ status: 'ok', data: { reachable: true, healthy: true } });
  });
  it('fails when the server refuses connections', async () => {
    const result = await runCheck(networkServer, config({ serverUrl: `ws://${LOOPBACK}:${await closedPort()}/ws` }), fakeContext());
    expect(result.status).toBe('fail');
    expect(result.detail).toContain('refused');
  });
  it('warns when the server accepts but never answers HTTP', async () => {
    const server = keep(await httpServer(() => {}));
    const result = await runCheck(networkServer, config({ serverUrl: `http://${LOOPBACK}:${server.port}` }), fakeContext());
    expect(result).toMatchObject({ status: 'warn', data: { reachable: true, healthy: false } });
  });
  it('is unknown when no server is configured', async () => {
    expect((await runCheck(networkServer, config(), fakeContext())).status).toBe('unknown');
  });
});

describe('network.hosts', () => {
  it('reports each host: accepting, refused, HTTP', async () => {
    const tcp = keep(await tcpAccepting());
    const web = keep(await httpServer((_req, res) => res.end()));
    const hosts = [`${LOOPBACK}:${tcp.port}`, `${LOOPBACK}:${await closedPort()}`, `http://${LOOPBACK}:${web.port}/`];
    const result = await runCheck(networkHosts, config({ hosts }), fakeContext());
    expect(result.status).toBe('warn');
    expect(result.data).toEqual({ hosts: [{ target: hosts[0], ok: true }, { target: hosts[1], ok: false }, { target: hosts[2], ok: true }] });
  });
  it('fails when nothing answers', async () => {
    const result = await runCheck(networkHosts, config({ hosts: [`${LOOPBACK}:${await closedPort()}`] }), fakeContext());
    expect(result.status).toBe('fail');
  });
});

describe('network.gateway', () => {
  it('parses the default route', () => {
    expect(parseProcRoute('Iface\tDestination\tGateway\tFlags\neth0\t00000000\t010200C0\t0003\neth0\t000200C0\t00000000\t0001\n')).toEqual({ iface: 'eth0', gateway: '192.0.2.1' });
  });
  it('does not probe unless asked', async () => {
    const result = await runCheck(networkGateway, config(), fakeContext({ readFile: () => Promise.resolve(LOOPBACK_ROUTE) }));
    expect(result).toMatchObject({ status: 'ok', data: { gateway: '127.0.0.1', probed: false } });
  });
  it('counts a refusal as an answer from the router', async () => {
    const result = await runCheck(networkGateway, config({ probeGateway: true, gatewayPorts: [await closedPort()] }), fakeContext({ readFile: () => Promise.resolve(LOOPBACK_ROUTE) }));
    expect(result).toMatchObject({ status: 'ok', data: { reachable: true } });
  });
  it('fails with no default route', async () => {
    const result = await runCheck(networkGateway, config(), fakeContext({ readFile: () => Promise.resolve('Iface\tDestination\n') }));
    expect(result.status).toBe('fail');
  });
});

describe('DNS', () => {
  it('system resolver: unknown without a name, ok with one, fail on error', async () => {
    expect((await runCheck(networkDnsSystem, config(), fakeContext())).status).toBe('unknown');
    expect((await runCheck(networkDnsSystem, config({ dnsName: 'tandem.test' }), fakeContext())).status).toBe('ok');
    const failing = fakeContext({ lookup: () => Promise.reject(Object.assign(new Error('again'), { code: 'EAI_AGAIN' })) });
    expect((await runCheck(networkDnsSystem, config({ dnsName: 'tandem.test' }), failing)).status).toBe('fail');
    const hanging = fakeContext({ lookup: () => new Promise(() => {}), timeouts: { ...fakeContext().timeouts, dnsMs: 20 } });
    expect(await runCheck(networkDnsSystem, config({ dnsName: 'tandem.test' }), hanging)).toMatchObject({ status: 'fail', detail: expect.stringContaining('no answer') as unknown });
  });
  it('configured resolver: answer, SERVFAIL, silence, no listener', async () => {
    const run = (port: number) => runCheck(networkDnsCustom, config({ dnsName: 'tandem.test', dnsServer: `${LOOPBACK}:${port}` }), fakeContext());
    const good = keep(await dnsResponder({ answer: '192.0.2.9' }));
    expect(await run(good.port)).toMatchObject({ status: 'ok', data: { addresses: ['192.0.2.9'] } });
    const servfail = keep(await dnsResponder('servfail'));
    expect((await run(servfail.port)).status).toBe('fail');
    const silent = keep(await dnsResponder('silent'));
    expect(await run(silent.port)).toMatchObject({ status: 'fail', detail: expect.stringContaining('ETIMEOUT') as unknown });
    expect((await run(await closedUdpPort())).status).toBe('fail');
  });
});

describe('captive portal, proxy, Wi-Fi', () => {
  it('captive portal: ok on the expected answer, warn on a redirect, unknown unconfigured', async () => {
    const good = keep(await httpServer((_req, res) => res.writeHead(204).end()));
    const portal = keep(await httpServer((_req, res) => res.writeHead(302, { location: 'http://login.hotel/' }).end()));
    const run = (port: number) => runCheck(networkCaptivePortal, config({ captivePortal: { url: `http://${LOOPBACK}:${port}/generate_204`, expectStatus: 204 } }), fakeContext());
    expect((await run(good.port)).status).toBe('ok');
    expect((await run(portal.port)).status).toBe('warn');
    expect((await run(await closedPort())).status).toBe('unknown');
    expect((await runCheck(networkCaptivePortal, config(), fakeContext())).status).toBe('unknown');
  });
  it('proxy: reads the variables and hides credentials', async () => {
    const result = await runCheck(networkProxy, config(), fakeContext({ env: { HTTPS_PROXY: 'http://bob:secret@proxy.corp:3128' } }));
    expect(result.detail).toContain('http://***@proxy.corp:3128');
    expect(JSON.stringify(result)).not.toContain('secret');
    expect(result.verdict.en).toMatch(/proxy/);
  });
  it('Wi-Fi: unknown without /proc/net/wireless, parsed when present', async () => {
    expect((await runCheck(networkWifi, config(), fakeContext())).status).toBe('unknown');
    const text = 'Inter-| sta-|   Quality        |\n face | tus | link level noise |\nwlp2s0: 0000   14.  -86.  -256        0      0      0      0     62        0\n';
    expect(parseProcWireless(text)).toEqual({ iface: 'wlp2s0', quality: 14, level: -86 });
    expect(await runCheck(networkWifi, config(), fakeContext({ readFile: () => Promise.resolve(text) }))).toMatchObject({ status: 'warn', data: { signalPercent: 20 } });
  });
  it('Wi-Fi on Windows reads netsh', async () => {
    const runner = fakeRunner((file) => (file === 'netsh.exe' ? { stdout: '    SSID : Office\n    Signal : 81%\n' } : undefined));
    expect(await runCheck(networkWifi, config(), fakeContext({ platform: 'win32', runner }))).toMatchObject({ status: 'ok', data: { signalPercent: 81 } });
    expect(runner.calls[0]).toMatchObject({ file: 'netsh.exe', args: ['wlan', 'show', 'interfaces'] });
  });
});
