import { WebSocket } from 'ws';
import type { ServerMessage } from '../../shared/signaling';

/** A bare signaling client for load: resolves its waiters as server messages arrive. */
export class LoadClient {
  private readonly waiting = new Map<string, (message: ServerMessage) => void>();
  onSignal: ((message: Extract<ServerMessage, { type: 'signal' }>) => void) | null = null;
  readonly errors: string[] = [];

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data: Buffer) => {
      const message = JSON.parse(data.toString('utf8')) as ServerMessage;
      if (message.type === 'signal') this.onSignal?.(message);
      if (message.type === 'error') this.errors.push(message.code);
      const waiter = this.waiting.get(message.type);
      if (waiter) {
        this.waiting.delete(message.type);
        waiter(message);
      }
    });
  }

  /** Connects and waits for the server's hello (so the server has fully set the socket up). */
  /** `from`: the address the server should believe (X-Forwarded-For; only the hostile runs trust it). */
  static async open(url: string, timeoutMs = 10_000, from?: string): Promise<LoadClient> {
    const socket = new WebSocket(url, { perMessageDeflate: false, ...(from ? { headers: { 'x-forwarded-for': from } } : {}) });
    socket.on('error', () => undefined);
    const client = new LoadClient(socket);
    await client.next('hello', timeoutMs);
    return client;
  }

  next<T extends ServerMessage['type']>(type: T, timeoutMs = 10_000): Promise<Extract<ServerMessage, { type: T }>> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(type);
        reject(new Error(`timed out waiting for ${type}${this.errors.length ? ` (errors: ${this.errors.join(',')})` : ''}`));
      }, timeoutMs);
      this.waiting.set(type, (message) => {
        clearTimeout(timer);
        resolve(message as Extract<ServerMessage, { type: T }>);
      });
    });
  }

  /** The next reply of any of these types (an error included), or null after the timeout. */
  reply(types: readonly ServerMessage['type'][], timeoutMs = 10_000): Promise<ServerMessage | null> {
    return new Promise((resolve) => {
      const done = (message: ServerMessage | null) => {
        clearTimeout(timer);
        this.socket.off('message', onMessage);
        resolve(message);
      };
      const onMessage = (data: Buffer) => {
        const message = JSON.parse(data.toString('utf8')) as ServerMessage;
        if (types.includes(message.type)) done(message);
      };
      const timer = setTimeout(() => done(null), timeoutMs);
      this.socket.on('message', onMessage);
    });
  }

  send(message: object): void {
    this.socket.send(JSON.stringify(message));
  }

  close(): void {
    this.socket.terminate();
  }
}

/** Opens up to `max` idle sockets in batches, within `timeLimitMs`; returns the ones that got their hello. */
export async function openIdleSockets(url: string, max: number, batch: number, timeLimitMs: number): Promise<{ clients: LoadClient[]; failed: number; ms: number }> {
  const started = Date.now();
  const clients: LoadClient[] = [];
  let failed = 0;
  while (clients.length < max && Date.now() - started < timeLimitMs) {
    const results = await Promise.allSettled(Array.from({ length: Math.min(batch, max - clients.length) }, () => LoadClient.open(url)));
    for (const result of results) {
      if (result.status === 'fulfilled') clients.push(result.value);
      else failed += 1;
    }
    if (failed > batch) break;
  }
  return { clients, failed, ms: Date.now() - started };
}

/**
 * Where the two sides of a pairing connect: one URL for both, or (a cluster) the consultant on
 * one instance and the user on another.
 */
export type PairUrls = string | { consultant: string; user: string };
const consultantUrl = (urls: PairUrls) => (typeof urls === 'string' ? urls : urls.consultant);
const userUrl = (urls: PairUrls) => (typeof urls === 'string' ? urls : urls.user);

/** One complete pairing over fresh sockets: create → code → join → both sides told. */
async function pairOnce(urls: PairUrls): Promise<string[]> {
  const consultant = await LoadClient.open(consultantUrl(urls));
  const user = await LoadClient.open(userUrl(urls));
  try {
    consultant.send({ type: 'session.create', consultantName: 'Load Test' });
    const { code } = await consultant.next('session.created');
    const peerJoined = consultant.next('peer.joined');
    user.send({ type: 'session.join', code });
    await Promise.all([user.next('session.joined'), peerJoined]);
    return [...consultant.errors, ...user.errors];
  } finally {
    consultant.close();
    user.close();
  }
}

/** Pairs as fast as `concurrency` loops allow, for `durationMs` or `maxPairs`, whichever comes first. */
export async function pairingRun(urls: PairUrls, concurrency: number, durationMs: number, maxPairs: number) {
  const started = performance.now();
  let done = 0;
  let failed = 0;
  const errors: Record<string, number> = {};
  const loop = async () => {
    while (performance.now() - started < durationMs && done + failed < maxPairs) {
      try {
        for (const code of await pairOnce(urls)) errors[code] = (errors[code] ?? 0) + 1;
        done += 1;
      } catch {
        failed += 1;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, loop));
  return { pairs: done, failed, errors, seconds: (performance.now() - started) / 1000 };
}

/** Paired sockets relaying signal messages both ways at `perSocketRate`/s (under the server's 30/s limit). */
export async function relayRun(urls: PairUrls, pairs: number, perSocketRate: number, durationMs: number) {
  const latencies: number[] = [];
  const sentAt = new Map<string, number>();
  const clients: LoadClient[] = [];
  try {
    for (let i = 0; i < pairs; i += 1) {
      const consultant = await LoadClient.open(consultantUrl(urls));
      const user = await LoadClient.open(userUrl(urls));
      clients.push(consultant, user);
      consultant.send({ type: 'session.create', consultantName: 'Load Test' });
      const { code } = await consultant.next('session.created');
      const joined = consultant.next('peer.joined');
      user.send({ type: 'session.join', code });
      await Promise.all([user.next('session.joined'), joined]);
    }
    for (const client of clients) {
      client.onSignal = (message) => {
        const { data } = message;
        const key = 'type' in data && data.type === 'candidate' ? data.candidate.candidate : '';
        const at = sentAt.get(key);
        if (at !== undefined) latencies.push(performance.now() - at);
      };
    }
    let seq = 0;
    const started = performance.now();
    const timers = clients.map((client, index) =>
      setInterval(() => {
        const key = `candidate:${index} ${seq++} 1 udp 2122260223 127.0.0.1 50000 typ host`;
        sentAt.set(key, performance.now());
        client.send({ type: 'signal', data: { type: 'candidate', candidate: { candidate: key, sdpMid: '0', sdpMLineIndex: 0 } } });
      }, 1000 / perSocketRate),
    );
    await new Promise((resolve) => setTimeout(resolve, durationMs));
    timers.forEach(clearInterval);
    await new Promise((resolve) => setTimeout(resolve, 200));
    return { latencies, sent: sentAt.size, seconds: (performance.now() - started) / 1000, errors: clients.flatMap((client) => client.errors) };
  } finally {
    clients.forEach((client) => client.close());
  }
}
