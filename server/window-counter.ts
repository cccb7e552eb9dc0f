import type { Redis } from 'ioredis';
import { redisScript } from './redis-script';

/**
 * Fixed-window counters: "how many times did X happen in this window". The server's budgets
 * (session codes created per address or per account, wrong code guesses across the whole
 * server) are counted here, in memory for one process and in Redis for a cluster, so that a
 * client spreading its attempts over the instances behind the balancer gains nothing.
 */
export interface WindowCount {
  /** The count after this addition, in the window containing `now`. */
  count: number;
  /** When that window ends (the count starts again from zero). */
  resetAt: number;
}

export interface WindowCounter {
  add(key: string, windowMs: number, now: number): Promise<WindowCount>;
}

function windowOf(windowMs: number, now: number) {
  const index = Math.floor(now / windowMs);
  return { index, resetAt: (index + 1) * windowMs };
}

export class MemoryWindowCounter implements WindowCounter {
  private readonly windows = new Map<string, { index: number; windowMs: number; count: number }>();
  private sweptAt = 0;

  add(key: string, windowMs: number, now: number): Promise<WindowCount> {
    const { index, resetAt } = windowOf(windowMs, now);
    this.sweep(now);
    const current = this.windows.get(key);
    const count = current && current.index === index && current.windowMs === windowMs ? current.count + 1 : 1;
    this.windows.set(key, { index, windowMs, count });
    return Promise.resolve({ count, resetAt });
  }

  /** Drops ended windows at most once a minute: the map holds only keys active lately. */
  private sweep(now: number) {
    if (now - this.sweptAt < 60_000) return;
    this.sweptAt = now;
    for (const [key, window] of this.windows) if (windowOf(window.windowMs, now).index !== window.index) this.windows.delete(key);
  }
}

/** One key per window, created with its expiry in the same atomic step. */
const ADD = redisScript(`
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return count
`);

export class RedisWindowCounter implements WindowCounter {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  async add(key: string, windowMs: number, now: number): Promise<WindowCount> {
    const { index, resetAt } = windowOf(windowMs, now);
    // The key outlives its window a little so that instances with slightly skewed clocks still share it.
    const count = Number(await ADD(this.redis, [`${this.prefix}${key}:${windowMs}:${index}`], [windowMs + 5_000]));
    return { count, resetAt };
  }
}

export type BudgetDecision = { allowed: true } | { allowed: false; retryAfterMs: number };

/** Takes one unit of `limit` per window for `key`. Refused attempts count too: hammering never refills it. */
export async function takeBudget(counter: WindowCounter, key: string, limit: number, windowMs: number, now: number): Promise<BudgetDecision> {
  const { count, resetAt } = await counter.add(key, windowMs, now);
  return count <= limit ? { allowed: true } : { allowed: false, retryAfterMs: Math.max(1, resetAt - now) };
}
