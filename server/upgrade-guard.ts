import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { WebSocket } from 'ws';
import { APP_ORIGIN } from '../shared/app-origin';
import { MAX_MESSAGE_BYTES } from '../shared/signaling';
import { throttleKey } from './source-address';

/**
 * What the signaling socket accepts before any message is read: which web origins may open
 * it, how many sockets one address and the whole server hold, and how long a started message
 * may take to finish. Every other limit is per message (connection.ts); these bound what a
 * client costs the server just by being connected.
 */
export interface SocketLimits {
  /** Sockets from one source address (IPv6 counted per /64, like the throttles). */
  maxSocketsPerAddress: number;
  /** Sockets on this instance. */
  maxSockets: number;
  /** A message whose first bytes arrived this long ago and is still not complete closes the socket. */
  messageTimeoutMs: number;
}

/**
 * A help desk behind one NAT has a few dozen consultants, each with one socket (plus a second
 * during a reconnect); 200 leaves them room while one attacker's address stays far from the
 * instance's total.
 */
export const DEFAULT_SOCKET_LIMITS: SocketLimits = { maxSocketsPerAddress: 200, maxSockets: 20_000, messageTimeoutMs: 10_000 };

/**
 * ws buffers a message up to this size before handing it over. The protocol's own size plus a
 * kilobyte: a message just over the limit still gets the clear `message-too-large` answer from
 * connection.ts instead of a bare close, and nothing much larger is ever held in memory.
 */
export const WS_MAX_PAYLOAD = MAX_MESSAGE_BYTES + 1024;

/**
 * Who may open the socket. No Origin header: a native client (not a browser), allowed. The
 * packaged app (`app://tandem`), the renderer served by this very server (same host, as in the
 * e2e harness and the browser build), and the operator's ALLOWED_ORIGINS pass. Any other web
 * page is refused, so visitors' browsers cannot be turned into a distributed attacker.
 */
export function originAllowed(request: Pick<IncomingMessage, 'headers'>, allowedOrigins: readonly string[]): boolean {
  const origin = request.headers.origin;
  if (origin === undefined) return true;
  if (origin === APP_ORIGIN || allowedOrigins.includes(origin)) return true;
  const host = request.headers.host;
  if (host === undefined) return false;
  try {
    const url = new URL(origin);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.host === host.toLowerCase();
  } catch {
    return false;
  }
}

/** An origin as ALLOWED_ORIGINS takes it: scheme://host[:port], nothing after. */
export function isOriginEntry(entry: string): boolean {
  try {
    const url = new URL(entry);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.origin === entry;
  } catch {
    return false;
  }
}

export type Admission = { ok: true; release: () => void } | { ok: false; status: 429 | 503; reason: 'too-many-from-address' | 'server-full' };

/** Counts open sockets per address and in total; `admit` reserves a place that `release` gives back (once). */
export function createSocketCounter(limits: Pick<SocketLimits, 'maxSockets' | 'maxSocketsPerAddress'>) {
  const perAddress = new Map<string, number>();
  let total = 0;
  return {
    admit(address: string): Admission {
      const key = throttleKey(address);
      const held = perAddress.get(key) ?? 0;
      if (total >= limits.maxSockets) return { ok: false, status: 503, reason: 'server-full' };
      if (held >= limits.maxSocketsPerAddress) return { ok: false, status: 429, reason: 'too-many-from-address' };
      perAddress.set(key, held + 1);
      total += 1;
      let released = false;
      return {
        ok: true,
        release: () => {
          if (released) return;
          released = true;
          total -= 1;
          const left = (perAddress.get(key) ?? 1) - 1;
          if (left === 0) perAddress.delete(key);
          else perAddress.set(key, left);
        },
      };
    },
    get total() {
      return total;
    },
  };
}

/**
 * Closes a socket whose message was started and not finished within `timeoutMs`: half-sent
 * (fragmented or trickled) messages are buffered by ws, so without this a thousand idle
 * sockets could each pin a message's worth of memory for ever. The clock starts with the
 * first raw bytes after a complete message and stops at the next one; when it runs out, the
 * socket is closed only if ws still holds an unfinished message (a fragment sequence begun, or
 * a frame partly received). Pings and pongs never stop the clock: control frames may come
 * between the fragments of a message, and every WebSocket library answers pings by itself, so
 * an attacker's half-sent message would otherwise survive every heartbeat.
 */
export function reapUnfinishedMessages(raw: Duplex, socket: WebSocket, timeoutMs: number, onTimeout: () => void): void {
  let timer: NodeJS.Timeout | undefined;
  const stop = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
  };
  // prependListener: counted before ws parses the chunk, so a chunk that completes a message
  // starts the clock and has it stopped again within the same turn.
  raw.prependListener('data', () => {
    timer ??= setTimeout(() => {
      timer = undefined;
      if (holdsUnfinishedMessage(socket)) onTimeout();
    }, timeoutMs);
  });
  socket.on('message', stop);
  socket.on('close', stop);
}

/** The part of ws's (8.x) frame receiver this reads; checked by upgrade-guard.test.ts against the installed ws. */
interface ReceiverState {
  /** The opcode of a fragmented message in progress, 0 when none. */
  _fragmented: number;
  /** Bytes of a frame received but not yet complete. */
  _bufferedBytes: number;
}

function receiverOf(socket: WebSocket): ReceiverState | undefined {
  const receiver: unknown = Reflect.get(socket, '_receiver');
  if (typeof receiver !== 'object' || receiver === null) return undefined;
  const fragmented: unknown = Reflect.get(receiver, '_fragmented');
  const buffered: unknown = Reflect.get(receiver, '_bufferedBytes');
  return typeof fragmented === 'number' && typeof buffered === 'number' ? { _fragmented: fragmented, _bufferedBytes: buffered } : undefined;
}

/** True when ws is holding the beginning of a message (or of a frame) that has not been completed. */
export function holdsUnfinishedMessage(socket: WebSocket): boolean {
  const receiver = receiverOf(socket);
  // Unknown internals (a ws upgrade that renamed them) would fail upgrade-guard.test.ts first;
  // closing every idle socket whose pong started the clock would be worse than keeping one.
  if (!receiver) return false;
  return receiver._fragmented !== 0 || receiver._bufferedBytes > 0;
}

/** The HTTP answer that refuses an upgrade before the handshake (the socket is then closed). */
export function refuseUpgrade(socket: Duplex, status: 403 | 429 | 503): void {
  const text = { 403: 'Forbidden', 429: 'Too Many Requests', 503: 'Service Unavailable' }[status];
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\n${status === 403 ? '' : 'Retry-After: 5\r\n'}Content-Length: 0\r\n\r\n`);
}
