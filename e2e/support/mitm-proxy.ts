import { once } from 'node:events';
import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import { signalDataSchema, type SignalData } from '../../shared/signaling';

export type Side = 'user' | 'consultant';

/**
 * A malicious signaling relay: what an attacker who controls the network path (or the
 * signaling server's front end) can do. Both apps use it as their server; it passes every
 * frame to the real server and back unchanged, except the WebRTC signals. Those never reach
 * the server: each app's signals go to the attacker (`onSignal`), and the attacker's own
 * signals are written to the apps as if the server had relayed them from the other app.
 * The server sees an ordinary session, with no signal at all.
 *
 * It also passes the server's plain HTTP on (the page the e2e apps load comes from their
 * server, and its CSP lets it connect to that origin only), so it stands exactly where the
 * server stands for the apps.
 */
export interface MitmRelay {
  /** The addresses to give the apps as their server. */
  readonly httpUrl: string;
  readonly wsUrl: string;
  /** How many signals each app sent, all diverted to the attacker. */
  readonly diverted: Record<Side, number>;
  /** How many attacker signals each app was given. */
  readonly injected: Record<Side, number>;
  /** Message types from the apps that the relay swallows too (the attacker hiding what an app tells the server). */
  readonly swallowed: Set<string>;
  /** Hands the app on `to` one signal, as the server would relay it (kept until that app is known). */
  inject(to: Side, data: SignalData): void;
  close(): Promise<void>;
}

interface Frame {
  type?: unknown;
  data?: unknown;
  token?: unknown;
}

function parse(text: string): Frame | null {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null ? value : null;
  } catch {
    return null;
  }
}

function textOf(raw: RawData): string {
  if (Array.isArray(raw)) return Buffer.concat(raw).toString('utf8');
  return Buffer.isBuffer(raw) ? raw.toString('utf8') : Buffer.from(raw).toString('utf8');
}

/** Codes a peer may send in a close frame (1005, 1006 and 1015 are reserved for local use). */
function sendableCloseCode(code: number): number | undefined {
  return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999) ? code : undefined;
}

export async function startMitmRelay(
  upstream: { httpUrl: string; wsUrl: string },
  onSignal: (from: Side, data: SignalData) => void,
): Promise<MitmRelay> {
  const target = new URL(upstream.httpUrl);
  const http = createServer((incoming, outgoing) => {
    const forwarded = httpRequest(
      { host: target.hostname, port: target.port, method: incoming.method, path: incoming.url, headers: { ...incoming.headers, host: target.host } },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      },
    );
    forwarded.on('error', () => outgoing.destroy());
    incoming.pipe(forwarded);
  });
  const wss = new WebSocketServer({ server: http, path: '/ws' });
  http.listen(0, '127.0.0.1');
  await once(http, 'listening');
  const { port } = http.address() as AddressInfo;
  const apps: Partial<Record<Side, WebSocket>> = {};
  const waiting: Record<Side, string[]> = { user: [], consultant: [] };
  const diverted: Record<Side, number> = { user: 0, consultant: 0 };
  const injected: Record<Side, number> = { user: 0, consultant: 0 };
  // A resumed socket is recognised by the resume secret the server gave that side.
  const tokens = new Map<string, Side>();
  const swallowed = new Set<string>();

  const deliver = (to: Side, text: string) => {
    const app = apps[to];
    if (app?.readyState === WebSocket.OPEN) app.send(text);
    else waiting[to].push(text);
  };

  wss.on('connection', (app) => {
    // To the server the relay is a native client (no Origin header): it accepts those.
    const server = new WebSocket(upstream.wsUrl);
    const toServer: string[] = [];
    let side: Side | null = null;
    const claim = (claimed: Side) => {
      side = claimed;
      apps[claimed] = app;
      for (const text of waiting[claimed].splice(0)) app.send(text);
    };

    app.on('message', (raw: RawData) => {
      const text = textOf(raw);
      const frame = parse(text);
      if (frame?.type === 'session.create') claim('consultant');
      else if (frame?.type === 'session.join') claim('user');
      else if (frame?.type === 'session.resume' && typeof frame.token === 'string') {
        const known = tokens.get(frame.token);
        if (known) claim(known);
      }
      if (frame?.type === 'signal') {
        const data = signalDataSchema.safeParse(frame.data);
        if (side && data.success) {
          diverted[side] += 1;
          onSignal(side, data.data);
        }
        return;
      }
      if (typeof frame?.type === 'string' && swallowed.has(frame.type)) return;
      if (server.readyState === WebSocket.OPEN) server.send(text);
      else toServer.push(text);
    });
    server.on('open', () => {
      for (const text of toServer.splice(0)) server.send(text);
    });
    server.on('message', (raw: RawData) => {
      const text = textOf(raw);
      const frame = parse(text);
      // The server relays no signal (it gets none); anything else goes to the app untouched.
      if (frame?.type === 'signal') return;
      if (frame?.type === 'session.resume-token' && side && typeof frame.token === 'string') tokens.set(frame.token, side);
      if (app.readyState === WebSocket.OPEN) app.send(text);
    });

    app.on('close', (code) => server.close(sendableCloseCode(code)));
    server.on('close', (code) => app.close(sendableCloseCode(code)));
    app.on('error', () => server.terminate());
    server.on('error', () => app.terminate());
  });

  return {
    httpUrl: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}/ws`,
    diverted,
    injected,
    swallowed,
    inject(to, data) {
      injected[to] += 1;
      deliver(to, JSON.stringify({ type: 'signal', data }));
    },
    async close() {
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}
