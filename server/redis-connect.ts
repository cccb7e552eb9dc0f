import { Redis } from 'ioredis';
import type { Logger } from '../shared/log';

/**
 * The two Redis connections of a cluster instance (commands; pub/sub needs its own), opened
 * from REDIS_URL. At start an unreachable Redis is retried for `startTimeoutMs`, then refused
 * with one line naming host:port: starting without shared state would split the cluster. Once
 * running, an outage is logged (once, and again when it is over) and ioredis reconnects; the
 * `error` listeners are what keeps a lost connection from crashing the process. The URL's
 * password never reaches a message or a log line.
 */
export interface ClusterConnections {
  redis: Redis;
  subscriber: Redis;
  close(): Promise<void>;
}

export class RedisUnavailableError extends Error {
  override readonly name = 'RedisUnavailableError';
}

/** host:port of a redis:// URL, nothing else (no user, no password, no database). */
export function redisEndpoint(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || '6379'}`;
  } catch {
    return 'an unparsable REDIS_URL';
  }
}

export async function connectRedis(url: string, log: Logger, startTimeoutMs = 5000): Promise<ClusterConnections> {
  const endpoint = redisEndpoint(url);
  const open = (role: 'commands' | 'subscriber') => {
    // Reconnect for ever, backing off to 2 s: a Redis restart must not need an instance restart.
    const client = new Redis(url, { retryStrategy: (times) => Math.min(times * 100, 2000), connectionName: `tandem-${role}` });
    let down = false;
    client.on('error', (error: NodeJS.ErrnoException) => {
      if (down) return;
      down = true;
      // The code only (ECONNREFUSED, ETIMEDOUT…): some messages quote the command or its arguments.
      log.warn('redis.down', { role, endpoint, code: error.code ?? error.name });
    });
    client.on('ready', () => {
      if (down) log.info('redis.back', { role, endpoint });
      down = false;
    });
    return client;
  };
  const redis = open('commands');
  const subscriber = open('subscriber');
  const close = async () => {
    await Promise.all([redis, subscriber].map((client) => client.quit().catch(() => client.disconnect())));
  };
  const ready = (client: Redis) => (client.status === 'ready' ? Promise.resolve() : new Promise<void>((resolve) => client.once('ready', () => resolve())));
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), startTimeoutMs);
  });
  const outcome = await Promise.race([Promise.all([ready(redis), ready(subscriber)]), late]);
  clearTimeout(timer);
  if (outcome === 'late') {
    redis.disconnect();
    subscriber.disconnect();
    throw new RedisUnavailableError(`Redis at ${endpoint} is unreachable (tried for ${Math.round(startTimeoutMs / 1000)} s); check REDIS_URL and that Redis is running`);
  }
  return { redis, subscriber, close };
}
