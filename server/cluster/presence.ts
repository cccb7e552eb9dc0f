import type { Redis } from 'ioredis';

/**
 * Who is online across a cluster: the consultants watching an organisation's queue (the wait
 * estimate divides by them; colleagues see who is there) and the users watching their request.
 * Each instance reports what its own sockets hold; in Redis every entry carries an expiry that
 * the instance keeps pushing forward, so the entries of an instance that died vanish by
 * themselves within `ttlMs`. A single server just looks at its own sockets.
 */
export interface Presence {
  /** The members of `scope` on any instance. */
  members(scope: string): Promise<Set<string>>;
  has(scope: string, member: string): Promise<boolean>;
}

export type LocalMembers = () => Map<string, Set<string>>;

export function createLocalPresence(local: LocalMembers): Presence {
  return {
    members: (scope) => Promise.resolve(new Set(local().get(scope) ?? [])),
    has: (scope, member) => Promise.resolve(local().get(scope)?.has(member) ?? false),
  };
}

/** `local()` lists this instance's members by scope; they are written every `refreshMs` and read fresh. */
export function createRedisPresence(options: { redis: Redis; instance: string; local: LocalMembers; prefix?: string; ttlMs?: number; refreshMs?: number; now?: () => number }) {
  const { redis, instance } = options;
  const ttlMs = options.ttlMs ?? 30_000;
  const now = options.now ?? Date.now;
  const key = (scope: string) => `${options.prefix ?? 'tandem:'}presence:${scope}`;
  // One entry per instance and member, so that two instances holding the same member do not overwrite each other.
  const entry = (member: string) => `${instance}|${member}`;
  const memberOf = (stored: string) => stored.slice(stored.indexOf('|') + 1);

  const publish = async () => {
    const until = now() + ttlMs;
    const batch = redis.multi();
    for (const [scope, members] of options.local()) for (const member of members) batch.zadd(key(scope), until, entry(member));
    await batch.exec();
  };
  const read = async (scope: string) => {
    await redis.zremrangebyscore(key(scope), '-inf', now());
    return redis.zrange(key(scope), 0, -1);
  };
  const timer = setInterval(() => void publish().catch(() => undefined), options.refreshMs ?? ttlMs / 3);
  timer.unref();

  return {
    members: async (scope: string) => new Set((await read(scope)).map(memberOf)),
    has: async (scope: string, member: string) => (await read(scope)).some((stored) => memberOf(stored) === member),
    /** This instance's sockets changed: written now rather than at the next refresh. A member that left is removed at once. */
    changed: async (scope: string, left?: string) => {
      if (left !== undefined) await redis.zrem(key(scope), entry(left));
      await publish();
    },
    close: () => clearInterval(timer),
  } satisfies Presence & { changed(scope: string, left?: string): Promise<void>; close(): void };
}
