/** Test helper: a typed signaling client that collects the server's messages. Used only by *.test.ts. */
import { WebSocket } from 'ws';
import { LOOKUP_DIGITS } from '../shared/session-code';
import { serverMessageSchema, type ClientMessage, type ServerMessage } from '../shared/signaling';

type MessageOf<T extends ServerMessage['type']> = Extract<ServerMessage, { type: T }>;

export class TestClient {
  private readonly inbox: ServerMessage[] = [];
  private readonly waiters: (() => void)[] = [];
  /** Resolves with the close code once the socket has closed. */
  readonly closed: Promise<number>;
  /** The close reason, once closed. */
  closeReason = '';
  /** The server instance that accepted the socket (its X-Tandem-Instance header). */
  instance: string | undefined;

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data: Buffer) => {
      // Every server message must satisfy the shared schema: a test fails loudly otherwise.
      this.inbox.push(serverMessageSchema.parse(JSON.parse(data.toString('utf8'))));
      for (const wake of this.waiters.splice(0)) wake();
    });
    socket.once('upgrade', (response) => {
      const header = response.headers['x-tandem-instance'];
      this.instance = Array.isArray(header) ? header[0] : header;
    });
    this.closed = new Promise((resolve) => socket.on('close', (code, reason) => {
      this.closeReason = reason.toString('utf8');
      resolve(code);
      for (const wake of this.waiters.splice(0)) wake();
    }));
  }

  static async connect(url: string, headers?: Record<string, string>): Promise<TestClient> {
    const socket = new WebSocket(url, { headers });
    const client = new TestClient(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    return client;
  }

  /** Connects and consumes the hello. */
  static async ready(url: string, headers?: Record<string, string>): Promise<TestClient> {
    const client = await TestClient.connect(url, headers);
    await client.next('hello');
    return client;
  }

  send(message: ClientMessage | Record<string, unknown>): void {
    this.socket.send(JSON.stringify(message));
  }

  sendRaw(data: string | Buffer, binary = false): void {
    this.socket.send(data, { binary });
  }

  /** The first not-yet-consumed message of this type (earlier messages of other types stay queued). */
  async next<T extends ServerMessage['type']>(type: T, timeoutMs = 3000): Promise<MessageOf<T>> {
    return (await this.nextMatching((message) => message.type === type, type, timeoutMs)) as MessageOf<T>;
  }

  /** The first not-yet-consumed message that `matches` (described by `what` in a timeout's error). */
  async nextMatching(matches: (message: ServerMessage) => boolean, what: string, timeoutMs = 3000): Promise<ServerMessage> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const index = this.inbox.findIndex(matches);
      const found = index >= 0 ? this.inbox.splice(index, 1)[0] : undefined;
      if (found) return found;
      if (this.socket.readyState === WebSocket.CLOSED) throw new Error(`socket closed while waiting for ${what}`);
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw new Error(`timed out waiting for ${what}; got ${JSON.stringify(this.inbox)}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, remaining);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Sends a message and returns the next error reply. */
  async expectError(message: ClientMessage | Record<string, unknown>): Promise<MessageOf<'error'>> {
    this.send(message);
    return this.next('error');
  }

  /** Messages received but not consumed yet. */
  pending(): readonly ServerMessage[] {
    return [...this.inbox];
  }

  /** Consumes and returns every message received so far. */
  drain(): ServerMessage[] {
    return this.inbox.splice(0);
  }

  close(): Promise<number> {
    this.socket.close();
    return this.closed;
  }
}

/** A clock the test moves by hand. */
export function manualClock(start = 1_800_000_000_000): { now: () => number; advance: (ms: number) => void } {
  let current = start;
  return { now: () => current, advance: (ms) => void (current += ms) };
}

/** The same code with its last secret digit changed: a wrong guess against that very code. */
export function wrongSecret(code: string): string {
  return code.slice(0, -1) + String((Number(code.at(-1)) + 1) % 10);
}

/** The same secret under the next lookup: a code that is (almost surely) not waiting. */
export function otherLookup(code: string): string {
  const lookup = (Number(code.slice(0, LOOKUP_DIGITS)) + 1) % 10 ** LOOKUP_DIGITS;
  return String(lookup).padStart(LOOKUP_DIGITS, '0') + code.slice(LOOKUP_DIGITS);
}
