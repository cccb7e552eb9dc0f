import type { ClientMessage, RtcConfig, ServerMessage } from '../../../shared/signaling';
import type { SignalingConnection, SignalingHandlers } from './signaling-client';

/** First wait before reconnecting; each failed attempt doubles it, up to the cap. */
export const RECONNECT_BASE_MS = 250;
export const RECONNECT_CAP_MS = 5000;
/** Messages kept while the server is away; beyond it the oldest go (fresh ICE candidates matter most). */
export const MAX_QUEUED_MESSAGES = 64;

/**
 * "Full jitter" (each wait is uniform between 0 and the exponential bound): after a server
 * restart every app reconnects at once, and spreading them out keeps the new server from a
 * thundering herd while the first apps still come back quickly.
 */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  const bound = Math.min(RECONNECT_CAP_MS, RECONNECT_BASE_MS * 2 ** Math.min(attempt, 16));
  return Math.floor(random() * bound);
}

export interface ResumableEvents {
  onMessage(message: ServerMessage): void;
  /** The socket went away and the session can be resumed: reconnecting has begun. */
  onDown(): void;
  /** The server took this side back into the session (`peerPresent`: the other side's socket is there too; `ice`: the session's fresh TURN servers). */
  onResumed(resumed: Extract<ServerMessage, { type: 'session.resumed' }>): void;
  /** No way back: 'refused' (the server rejected the secret), 'unreachable' (the limit passed), 'lost' (nothing to resume with). */
  onGone(reason: 'refused' | 'unreachable' | 'lost'): void;
}

export interface ResumableOptions {
  connect(url: string, handlers: SignalingHandlers): Promise<SignalingConnection>;
  url: string;
  /** The session's current resume secret, or null when there is none (not paired yet). */
  token(): string | null;
  /** How long to keep trying after a loss before giving up. */
  limitMs(): number;
  random?: () => number;
  now?: () => number;
}

/**
 * A signaling connection that outlives its sockets. While the server is away (a network blip,
 * a restart, a draining instance closing with 1012) it reconnects with backoff, asks for the
 * session back with the last resume secret, and only then sends what was queued meanwhile. The
 * peer link is not touched: media and the data channel go on directly between the two apps.
 */
export class ResumableSignaling implements SignalingConnection {
  private socket: SignalingConnection | null = null;
  private queue: ClientMessage[] = [];
  private closed = false;
  /** Set while there is no resumed socket to send on. */
  private downSince: number | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private attempt = 0;
  private rtcConfig: RtcConfig | null = null;

  constructor(
    private readonly options: ResumableOptions,
    private readonly events: ResumableEvents,
  ) {}

  get rtc(): RtcConfig {
    if (!this.rtcConfig) throw new Error('not connected');
    return this.rtcConfig;
  }

  /** The first connection; rejects when the server cannot be reached (nothing to resume yet). */
  async open(): Promise<void> {
    const socket = await this.options.connect(this.options.url, this.handlersFor(() => socket));
    if (this.closed) {
      socket.close();
      return;
    }
    this.rtcConfig = socket.rtc;
    this.socket = socket;
    for (const queued of this.queue.splice(0)) socket.send(queued);
  }

  send(message: ClientMessage): void {
    if (this.closed) return;
    if (this.socket && this.downSince === null) {
      this.socket.send(message);
      return;
    }
    this.queue.push(message);
    if (this.queue.length > MAX_QUEUED_MESSAGES) this.queue.shift();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.queue = [];
    this.socket?.close();
    this.socket = null;
  }

  /**
   * Drops the current socket and resumes on a new one, as if it had been lost: for a socket
   * that may be dead without knowing it (a network cut gives no close for a long time).
   */
  recycle(): void {
    const socket = this.socket;
    if (this.closed || this.downSince !== null || !socket) return;
    this.socket = null;
    socket.close();
    this.lost();
  }

  /** Whether the server is away right now (for how long: `now() - downSince`). */
  get down(): boolean {
    return this.downSince !== null;
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  private handlersFor(current: () => SignalingConnection): SignalingHandlers {
    return {
      onMessage: (message) => {
        if (this.closed || current() !== this.socket) return;
        if (this.downSince !== null) return this.whileResuming(message);
        this.events.onMessage(message);
      },
      onLost: () => {
        if (this.closed || current() !== this.socket) return;
        this.socket = null;
        this.lost();
      },
    };
  }

  /** On a new socket, only the resume's answer counts; the session's messages follow it. */
  private whileResuming(message: ServerMessage): void {
    if (message.type === 'session.resumed') {
      this.downSince = null;
      this.attempt = 0;
      this.events.onResumed(message);
      for (const queued of this.queue.splice(0)) this.socket?.send(queued);
      return;
    }
    if (message.type === 'error' && message.code === 'resume-refused') {
      this.giveUp('refused');
      return;
    }
    // The new token and the signals kept for us come after session.resumed; nothing else is ours yet.
  }

  private lost(): void {
    if (this.options.token() === null) {
      this.giveUp('lost');
      return;
    }
    if (this.downSince === null) {
      this.downSince = this.now();
      this.events.onDown();
    }
    this.schedule();
  }

  private schedule(): void {
    const delay = backoffDelay(this.attempt, this.options.random);
    this.attempt += 1;
    this.timer = setTimeout(() => void this.reconnect(), delay);
  }

  private async reconnect(): Promise<void> {
    this.timer = null;
    if (this.closed || this.downSince === null) return;
    if (this.now() - this.downSince >= this.options.limitMs()) {
      this.giveUp('unreachable');
      return;
    }
    const token = this.options.token();
    if (token === null) {
      this.giveUp('lost');
      return;
    }
    let socket: SignalingConnection | null = null;
    try {
      socket = await this.options.connect(this.options.url, this.handlersFor(() => socket as SignalingConnection));
    } catch {
      if (!this.closed) this.schedule();
      return;
    }
    if (this.closed) {
      socket.close();
      return;
    }
    this.socket = socket;
    socket.send({ type: 'session.resume', token });
  }

  private giveUp(reason: 'refused' | 'unreachable' | 'lost'): void {
    this.close();
    this.events.onGone(reason);
  }
}
