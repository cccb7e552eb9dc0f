import { throttleKey } from './source-address';

/**
 * How many session codes one source address may create per window. A help desk behind one NAT
 * creates a few sessions a minute at most; a script taking every code creates thousands. Counted
 * per instance (a cluster multiplies it by its instances: still far below the code space).
 */
export interface CreateBudgetPolicy {
  perWindow: number;
  windowMs: number;
}

export const DEFAULT_CREATE_BUDGET: CreateBudgetPolicy = { perWindow: 60, windowMs: 10 * 60 * 1000 };

/** A fixed-window counter per address (IPv6 per /64); windows past their end are dropped on the next use. */
export function createCreateBudget(policy: CreateBudgetPolicy) {
  const windows = new Map<string, { startedAt: number; used: number }>();
  let sweptAt = 0;
  return {
    /** Takes one creation for `address`; `retryAfterMs` > 0 means refused until then. */
    take(address: string, now: number): { allowed: true } | { allowed: false; retryAfterMs: number } {
      const key = throttleKey(address);
      let window = windows.get(key);
      if (!window || now - window.startedAt >= policy.windowMs) {
        // Expired windows of other addresses go too (at most once a window): the map holds only addresses active lately.
        if (now - sweptAt >= policy.windowMs) {
          sweptAt = now;
          for (const [other, state] of windows) if (now - state.startedAt >= policy.windowMs) windows.delete(other);
        }
        window = { startedAt: now, used: 0 };
        windows.set(key, window);
      }
      if (window.used >= policy.perWindow) return { allowed: false, retryAfterMs: window.startedAt + policy.windowMs - now };
      window.used += 1;
      return { allowed: true };
    },
  };
}
