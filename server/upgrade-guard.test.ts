import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { APP_ORIGIN } from '../shared/app-origin';
import { silentLogger } from '../shared/log';
import { startSignalingServer, type SignalingServer, type SignalingServerOptions } from './signaling-server';
import { TestClient } from './test-client';
import { createSocketCounter, holdsUnfinishedMessage, isOriginEntry, originAllowed, WS_MAX_PAYLOAD } from './upgrade-guard';

const servers: SignalingServer[] = [];
const sockets: WebSocket[] = [];

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.terminate();
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function start(options: SignalingServerOptions = {}) {
  const server = await startSignalingServer({ host: '127.0.0.1', port: 0, logger: silentLogger, sweepIntervalMs: 50, ...options });
  servers.push(server);
  return server;
}

/** Opens a raw socket; resolves with the HTTP status of a refused upgrade, or 101 and the open socket. */
function open(url: string, headers: Record<string, string> = {}): Promise<{ status: number; socket: WebSocket }> {
  const socket = new WebSocket(url, { headers });
  sockets.push(socket);
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve({ status: 101, socket }));
    socket.once('unexpected-response', (_request, response) => resolve({ status: response.statusCode ?? 0, socket }));
    socket.once('error', reject);
  });
}

const closed = (socket: WebSocket) =>
  new Promise<number>((resolve) => {
    if (socket.readyState === WebSocket.CLOSED) resolve(-1);
    else socket.once('close', (code) => resolve(code));
  });

describe('which origins may open the socket', () => {
  const request = (origin: string | undefined, host = 'help.example.com') => ({ headers: { host, ...(origin === undefined ? {} : { origin }) } });

  it('allows native clients, the app, the serving host and the configured origins; refuses any other page', () => {
    expect(originAllowed(request(undefined), [])).toBe(true);
    expect(originAllowed(request(APP_ORIGIN), [])).toBe(true);
    expect(originAllowed(request('https://help.example.com'), [])).toBe(true);
    expect(originAllowed(request('https://portal.example.com'), ['https://portal.example.com'])).toBe(true);
    expect(originAllowed(request('https://evil.example'), [])).toBe(false);
    expect(originAllowed(request('https://help.example.com.evil.example'), [])).toBe(false);
    expect(originAllowed(request('null'), [])).toBe(false);
    expect(originAllowed(request('file://'), [])).toBe(false);
    expect(originAllowed(request('app://tandem.evil'), [])).toBe(false);
  });

  it('takes only bare origins as ALLOWED_ORIGINS entries', () => {
    expect(isOriginEntry('https://help.example.com')).toBe(true);
    expect(isOriginEntry('http://localhost:5173')).toBe(true);
    expect(isOriginEntry('https://help.example.com/')).toBe(false);
    expect(isOriginEntry('https://help.example.com/app')).toBe(false);
    expect(isOriginEntry('help.example.com')).toBe(false);
    expect(isOriginEntry('javascript:alert(1)')).toBe(false);
  });

  it('answers 403 to a foreign web page on the real server and 101 to the app, its own page and a native client', async () => {
    const server = await start({ allowedOrigins: ['https://portal.example.com'] });
    expect((await open(server.wsUrl, { origin: 'https://evil.example' })).status).toBe(403);
    expect((await open(server.wsUrl, { origin: APP_ORIGIN })).status).toBe(101);
    expect((await open(server.wsUrl, { origin: server.httpUrl })).status).toBe(101);
    expect((await open(server.wsUrl, { origin: 'https://portal.example.com' })).status).toBe(101);
    expect((await open(server.wsUrl)).status).toBe(101);
  });
});

describe('socket caps', () => {
  it('gives each place back exactly once', () => {
    const counter = createSocketCounter({ maxSockets: 2, maxSocketsPerAddress: 1 });
    const first = counter.admit('192.0.2.1');
    expect(first.ok).toBe(true);
    expect(counter.admit('192.0.2.1')).toEqual({ ok: false, status: 429, reason: 'too-many-from-address' });
    // One IPv6 /64 is one subscriber: its addresses share the cap.
    expect(counter.admit('2001:db8::1').ok).toBe(true);
    expect(counter.admit('2001:db8::2')).toEqual({ ok: false, status: 503, reason: 'server-full' });
    if (first.ok) {
      first.release();
      first.release();
    }
    expect(counter.total).toBe(1);
    expect(counter.admit('192.0.2.1').ok).toBe(true);
    expect(counter.admit('198.51.100.1')).toMatchObject({ ok: false, reason: 'server-full' });
  });

  it('refuses the sockets of one address past its cap, and any socket past the total, until places are freed', async () => {
    const limits = { maxSocketsPerAddress: 3, maxSockets: 5 };
    const server = await start({ socketLimits: limits, trustedProxies: ['127.0.0.1'] });
    const from = (address: string) => ({ 'x-forwarded-for': address });
    const held = [];
    for (let i = 0; i < limits.maxSocketsPerAddress; i++) held.push(await open(server.wsUrl, from('192.0.2.7')));
    expect(held.map((h) => h.status)).toEqual(Array(limits.maxSocketsPerAddress).fill(101));
    expect((await open(server.wsUrl, from('192.0.2.7'))).status).toBe(429);
    for (let i = limits.maxSocketsPerAddress; i < limits.maxSockets; i++) expect((await open(server.wsUrl, from(`198.51.100.${i}`))).status).toBe(101);
    expect((await open(server.wsUrl, from('203.0.113.1'))).status).toBe(503);
    const [first] = held;
    if (!first) throw new Error('no socket held');
    const gone = closed(first.socket);
    first.socket.terminate();
    await gone;
    // The server sees the close a moment later; the freed place is then taken by the next one.
    await expect.poll(async () => (await open(server.wsUrl, from('203.0.113.1'))).status).toBe(101);
  });
});

describe('half-sent messages', () => {
  it('closes every socket that starts a message and never finishes it, and keeps a real client', async () => {
    const messageTimeoutMs = 300;
    const server = await start({ socketLimits: { messageTimeoutMs } });
    const real = await TestClient.ready(server.wsUrl);
    const attackers = 100;
    const opened = await Promise.all(Array.from({ length: attackers }, () => open(server.wsUrl)));
    const closes = opened.map(({ socket }) => closed(socket));
    // The first fragment of a text message, just under the cap; the final fragment never comes.
    for (const { socket } of opened) socket.send(Buffer.alloc(WS_MAX_PAYLOAD - 2048, 0x61), { fin: false });
    const codes = await Promise.all(closes);
    // Terminated, not closed politely: 1006 on the client side.
    expect(codes).toEqual(Array(attackers).fill(1006));
    real.send({ type: 'session.create', consultantName: 'Alice' });
    await real.next('session.created');
    await real.close();
  });

  it('closes a half-sent message even when its client answers every heartbeat, and keeps an idle client that does', async () => {
    // Heartbeats far more often than the timeout: each ping is answered (ws does it by itself) before the clock runs out.
    const server = await start({ socketLimits: { messageTimeoutMs: 400 }, heartbeatIntervalMs: 100 });
    const idle = await open(server.wsUrl);
    const attacker = await open(server.wsUrl);
    const pongs: number[] = [];
    attacker.socket.on('ping', () => pongs.push(Date.now()));
    const attackerClosed = closed(attacker.socket);
    attacker.socket.send(Buffer.alloc(1024, 0x61), { fin: false });
    expect(await attackerClosed).toBe(1006);
    expect(pongs.length).toBeGreaterThan(0);
    // The idle client's pongs started the clock many times over; it has no unfinished message and stays.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(idle.socket.readyState).toBe(WebSocket.OPEN);
    idle.socket.close();
  });

  it('reads the state of ws’s receiver that it relies on (fails if a ws upgrade renames it)', async () => {
    const server = await start();
    const { socket } = await open(server.wsUrl);
    const closes = closed(socket);
    // The client's own receiver is the same class as the server's.
    expect(holdsUnfinishedMessage(socket)).toBe(false);
    expect(Reflect.get(Reflect.get(socket, '_receiver') as object, '_fragmented')).toBe(0);
    expect(typeof Reflect.get(Reflect.get(socket, '_receiver') as object, '_bufferedBytes')).toBe('number');
    socket.close();
    await closes;
  });

  it('closes a socket whose message grows past the protocol size instead of buffering it', async () => {
    const server = await start();
    const { socket } = await open(server.wsUrl);
    const code = closed(socket);
    const piece = Buffer.alloc(16 * 1024, 0x61);
    for (let sent = 0; sent <= WS_MAX_PAYLOAD; sent += piece.length) socket.send(piece, { fin: false });
    // 1009 "message too big": ws refused to buffer it.
    expect(await code).toBe(1009);
  });

  it('keeps a client that sends whole messages slowly', async () => {
    const messageTimeoutMs = 200;
    const server = await start({ socketLimits: { messageTimeoutMs } });
    const client = await TestClient.ready(server.wsUrl);
    for (let i = 0; i < 4; i++) {
      await new Promise((resolve) => setTimeout(resolve, messageTimeoutMs));
      // Any whole message is answered (here with an error): the socket is still served.
      client.send({ type: 'no-such-message', n: i });
      await client.next('error');
    }
    expect(client.socket.readyState).toBe(WebSocket.OPEN);
    await client.close();
  });
});
