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
  /** Adds one to each key in one step (one Redis round trip); the counts in the same order. */
  addAll(keys: readonly string[], windowMs: number, now: number): Promise<WindowCount[]>;
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

  addAll(keys: readonly string[], windowMs: number, now: number): Promise<WindowCount[]> {
    return Promise.all(keys.map((key) => this.add(key, windowMs, now)));
  }

  /** Drops ended windows at most once a minute: the map holds only keys active lately. */
  private sweep(now: number) {
    if (now - this.sweptAt < 60_000) return;
    this.sweptAt = now;
    for (const [key, window] of this.windows) if (windowOf(window.windowMs, now).index !== window.index) this.windows.delete(key);
  }
}

/** One key per window, created with its expiry in the same atomic step; several keys at once. */
const ADD = redisScript(`
local counts = {}
for i, key in ipairs(KEYS) do
  local count = redis.call('INCR', key)
  if count == 1 then redis.call('PEXPIRE', key, ARGV[1]) end
  counts[i] = count
end
return counts
`);

export class RedisWindowCounter implements WindowCounter {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  async add(key: string, windowMs: number, now: number): Promise<WindowCount> {
    const [count] = await this.addAll([key], windowMs, now);
    if (!count) throw new Error('window counter: no count from Redis');
    return count;
  }

  async addAll(keys: readonly string[], windowMs: number, now: number): Promise<WindowCount[]> {
    const { index, resetAt } = windowOf(windowMs, now);
    // The keys outlive their window a little so that instances with slightly skewed clocks still share them.
    const counts = await ADD(this.redis, keys.map((key) => `${this.prefix}${key}:${windowMs}:${index}`), [windowMs + 5_000]);
    if (!Array.isArray(counts) || counts.length !== keys.length) throw new Error('window counter: unexpected answer from Redis');
    return counts.map((count) => ({ count: Number(count), resetAt }));
  }
}

export type BudgetDecision = { allowed: true } | { allowed: false; retryAfterMs: number };

const decide = ({ count, resetAt }: WindowCount, limit: number, now: number): BudgetDecision =>
  count <= limit ? { allowed: true } : { allowed: false, retryAfterMs: Math.max(1, resetAt - now) };

/** Takes one unit of `limit` per window for `key`. Refused attempts count too: hammering never refills it. */
export async function takeBudget(counter: WindowCounter, key: string, limit: number, windowMs: number, now: number): Promise<BudgetDecision> {
  return decide(await counter.add(key, windowMs, now), limit, now);
}

/** Takes one unit of each budget (same window) in one step; the first refusal, or allowed. */
export async function takeBudgets(counter: WindowCounter, budgets: readonly { key: string; limit: number }[], windowMs: number, now: number): Promise<BudgetDecision> {
  const counts = await counter.addAll(budgets.map((budget) => budget.key), windowMs, now);
  const decisions = counts.map((count, i) => decide(count, budgets[i]?.limit ?? 0, now));
  return decisions.find((decision) => !decision.allowed) ?? { allowed: true };
}
