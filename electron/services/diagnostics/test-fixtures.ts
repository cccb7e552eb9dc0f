/**
 * Loopback fixtures and fakes for the diagnostics tests. Everything listens on 127.0.0.1;
 * nothing here may reach another address.
 */
import dgram from 'node:dgram';
import http from 'node:http';
import net from 'node:net';
import { DEFAULT_TIMEOUTS, defaultConfig, type DiagnosticsConfig, type DiagnosticsContext } from './context';
import type { ProcessRunner, RunOptions, RunResult } from './process-runner';
import type { SystemInfo } from './system-info';

export const LOOPBACK = '127.0.0.1';

export function fakeSystemInfo(overrides: Partial<SystemInfo> = {}): SystemInfo {
  return {
    osInfo: () => Promise.resolve({ platform: 'linux', distro: 'Debian GNU/Linux', release: '12', arch: 'x64', hostname: 'pc', kernel: '6.1' }),
    uptimeSeconds: () => Promise.resolve(3600),
    currentLoad: () => Promise.resolve({ currentLoad: 12 }),
    loadAverage: () => Promise.resolve({ oneMinute: 0.5, cores: 4 }),
    mem: () => Promise.resolve({ total: 8 * 2 ** 30, available: 4 * 2 ** 30 }),
    fsSize: () => Promise.resolve([{ fs: '/dev/sda1', type: 'ext4', mount: '/', size: 100 * 2 ** 30, available: 50 * 2 ** 30 }]),
    diskLayout: () => Promise.resolve([]),
    battery: () => Promise.resolve({ hasBattery: false, designedCapacity: 0, maxCapacity: 0, percent: 0, cycleCount: 0, isCharging: false }),
    processes: () => Promise.resolve([{ name: 'node', pid: 1, cpu: 1, mem: 1 }]),
    networkInterfaces: () => Promise.resolve([{ iface: 'eth0', ip4: '10.0.0.2', ip6: '', operstate: 'up', internal: false, type: 'wired', virtual: false }]),
    networkGatewayDefault: () => Promise.resolve('127.0.0.1'),
    ...overrides,
  };
}

export interface RecordedCall {
  file: string;
  args: readonly string[];
  options?: RunOptions;
}

export type Script = (file: string, args: readonly string[]) => Partial<RunResult> | undefined;

/** A runner that records calls and answers from `script` (unmatched programs are "not installed"). */
export function fakeRunner(script: Script = () => undefined): ProcessRunner & { calls: RecordedCall[] } {
  const calls: RecordedCall[] = [];
  const runner = (file: string, args: readonly string[], options?: RunOptions) => {
    calls.push(options ? { file, args, options } : { file, args });
    const answer = script(file, args);
    const base: RunResult = answer
      ? { status: 'ok', exitCode: 0, stdout: '', stderr: '', durationMs: 1, reason: '' }
      : { status: 'unavailable', exitCode: null, stdout: '', stderr: '', durationMs: 0, reason: `${file}: not installed (ENOENT)` };
    return Promise.resolve({ ...base, ...answer });
  };
  return Object.assign(runner, { calls });
}

export function fakeContext(overrides: Partial<DiagnosticsContext> = {}): DiagnosticsContext {
  return {
    platform: 'linux',
    now: () => Date.parse('2024-05-10T12:00:00Z'),
    timeouts: { ...DEFAULT_TIMEOUTS, dnsMs: 500, tcpMs: 500, httpMs: 1000, checkMs: 3000, runMs: 10_000 },
    runner: fakeRunner(),
    si: fakeSystemInfo(),
    readFile: (path) => Promise.reject(Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' })),
    lookup: () => Promise.resolve(['127.0.0.1']),
    env: {},
    ...overrides,
  };
}

export function config(overrides: Partial<DiagnosticsConfig> = {}): DiagnosticsConfig {
  return { ...defaultConfig(), ...overrides };
}

export interface Closable {
  port: number;
  close(): Promise<void>;
}

export async function tcpAccepting(): Promise<Closable> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => {});
  });
  await new Promise<void>((resolve) => server.listen(0, LOOPBACK, resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** A port that was just free: connecting to it is refused. */
export async function closedPort(): Promise<number> {
  const server = await tcpAccepting();
  await server.close();
  return server.port;
}

/**
 * A socket whose connection never completes. A real "never accepts" listener needs the
 * kernel to drop SYNs once the accept queue is full; this machine's kernel completes every
 * loopback handshake regardless of backlog (measured), so the probe gets this fake instead.
 */
export function hangingConnect(): () => net.Socket {
  return () => {
    const socket = new net.Socket();
    return socket;
  };
}

export async function httpServer(handler: http.RequestListener): Promise<Closable> {
  const server = http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, LOOPBACK, resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

export type DnsMode = { answer: string } | 'servfail' | 'silent';

/** A tiny DNS responder on UDP: answers every A query with one record, SERVFAIL, or nothing. */
export async function dnsResponder(mode: DnsMode): Promise<Closable> {
  const socket = dgram.createSocket('udp4');
  socket.on('message', (query, peer) => {
    if (mode === 'silent' || query.length < 12) return;
    const id = query.subarray(0, 2);
    const question = query.subarray(12);
    if (mode === 'servfail') {
      const header = Buffer.from([0, 0, 0x81, 0x82, 0, 1, 0, 0, 0, 0, 0, 0]);
      id.copy(header, 0);
      socket.send(Buffer.concat([header, question]), peer.port, peer.address);
      return;
    }
    const header = Buffer.from([0, 0, 0x81, 0x80, 0, 1, 0, 1, 0, 0, 0, 0]);
    id.copy(header, 0);
    const ip = Buffer.from(mode.answer.split('.').map(Number));
    // Name pointer to the question (0xc00c), type A, class IN, TTL 60, 4 bytes.
    const answer = Buffer.concat([Buffer.from([0xc0, 0x0c, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4]), ip]);
    socket.send(Buffer.concat([header, question, answer]), peer.port, peer.address);
  });
  await new Promise<void>((resolve) => socket.bind(0, LOOPBACK, resolve));
  return { port: socket.address().port, close: () => new Promise((resolve) => socket.close(() => resolve())) };
}

/** A UDP port with no listener: the resolver gets ICMP port unreachable (ECONNREFUSED). */
export async function closedUdpPort(): Promise<number> {
  const server = await dnsResponder('silent');
  await server.close();
  return server.port;
}
