import { WebSocket, type RawData } from 'ws';
import { clientMessageSchema, MAX_MESSAGE_BYTES, parseWireMessage, type ClientMessage, type ClientMessageType, type ErrorCode, type ServerMessage } from '../shared/signaling';

/**
 * One client socket as the session logic sees it, plus the gate every inbound frame passes:
 * rate limit first (cheapest, and it caps the work a flood can cause), then size, then schema.
 */
export interface InboundLimits {
  /** Token bucket refill rate. */
  messagesPerSecond: number;
  burst: number;
  /** Invalid frames tolerated before the socket is closed. */
  maxInvalid: number;
  /** Rate-limited frames tolerated before the socket is closed (a sustained flood). */
  maxDropped: number;
}

export const DEFAULT_INBOUND_LIMITS: InboundLimits = { messagesPerSecond: 30, burst: 60, maxInvalid: 20, maxDropped: 60 };

/** 1008 "policy violation": what a client that keeps misbehaving is closed with. */
export const CLOSE_POLICY_VIOLATION = 1008;

export class TokenBucket {
  private tokens: number;
  private updatedAt: number;

  constructor(
    private readonly ratePerSecond: number,
    private readonly capacity: number,
    private readonly now: () => number,
  ) {
    this.tokens = capacity;
    this.updatedAt = now();
  }

  take(): boolean {
    const now = this.now();
    // max(0, …): a clock that steps backwards must not drain or overfill the bucket.
    this.tokens = Math.min(this.capacity, this.tokens + (Math.max(0, now - this.updatedAt) * this.ratePerSecond) / 1000);
    this.updatedAt = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

export type InboundResult =
  | { kind: 'message'; message: ClientMessage }
  | { kind: 'reject'; code: Extract<ErrorCode, 'invalid-message' | 'message-too-large' | 'rate-limited'>; detail: string }
  | { kind: 'close'; reason: string };

/** Decides what to do with each raw frame of one socket. */
export function createInboundGate(limits: InboundLimits, now: () => number): (data: RawData, isBinary: boolean) => InboundResult {
  const bucket = new TokenBucket(limits.messagesPerSecond, limits.burst, now);
  let invalid = 0;
  let dropped = 0;
  const reject = (code: 'invalid-message' | 'message-too-large', detail: string): InboundResult => {
    invalid += 1;
    return invalid >= limits.maxInvalid ? { kind: 'close', reason: 'too many invalid messages' } : { kind: 'reject', code, detail };
  };
  return (data, isBinary) => {
    if (!bucket.take()) {
      dropped += 1;
      return dropped >= limits.maxDropped ? { kind: 'close', reason: 'message flood' } : { kind: 'reject', code: 'rate-limited', detail: 'too many messages' };
    }
    const buffer = toBuffer(data);
    // Checked on bytes before decoding: no point building a huge string to refuse it.
    if (buffer.length > MAX_MESSAGE_BYTES) return reject('message-too-large', `over ${MAX_MESSAGE_BYTES} bytes`);
    if (isBinary) return reject('invalid-message', 'binary frames are not accepted');
    const parsed = parseWireMessage(buffer.toString('utf8'), clientMessageSchema);
    return parsed.ok ? { kind: 'message', message: parsed.value } : reject(parsed.error, parsed.detail);
  };
}

function toBuffer(data: RawData): Buffer {
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.isBuffer(data) ? data : Buffer.from(data);
}

export interface Connection {
  readonly id: number;
  /** Throttle key of the client's source address (see source-address.ts). */
  readonly address: string;
  readonly isOpen: boolean;
  send(message: ServerMessage): void;
  sendError(code: ErrorCode, message: string, retryAfterMs?: number): void;
}

/**
 * Which message each socket's handler is answering. A socket's messages are handled one after
 * another (signaling-server.ts chains them), so one slot per socket is enough: an error sent to
 * that socket meanwhile names the message it answers (`replyTo`, and its `ref` if it had one),
 * and each feature of the app takes only its own errors from a shared socket. (This replaced an
 * AsyncLocalStorage: its promise hooks cost about 13 % of the pairing rate on Node 20.)
 */
const answering = new WeakMap<Connection, { type: ClientMessageType; ref: number | undefined }>();

export async function handleReplyingTo<T>(conn: Connection, message: ClientMessage, handler: () => Promise<T>): Promise<T> {
  answering.set(conn, { type: message.type, ref: 'ref' in message ? message.ref : undefined });
  try {
    return await handler();
  } finally {
    answering.delete(conn);
  }
}

/** An error that answers no message of the client's (a refused frame, a server notice). */
export function unsolicitedError(code: ErrorCode, message: string, retryAfterMs?: number): ServerMessage {
  return { type: 'error', code, message, ...(retryAfterMs === undefined ? {} : { retryAfterMs: Math.ceil(retryAfterMs) }) };
}

export function wrapSocket(id: number, address: string, socket: WebSocket): Connection {
  const send = (message: ServerMessage) => {
    if (socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(message));
  };
  const conn: Connection = {
    id,
    address,
    get isOpen() {
      return socket.readyState === WebSocket.OPEN;
    },
    send,
    sendError: (code, message, retryAfterMs) => {
      const current = answering.get(conn);
      send({ ...unsolicitedError(code, message, retryAfterMs), ...(current ? { replyTo: current.type, ...(current.ref === undefined ? {} : { ref: current.ref }) } : {}) });
    },
  };
  return conn;
}
