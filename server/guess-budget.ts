import type { WindowCounter } from './window-counter';

/**
 * A brake on wrong code guesses across the whole server (every instance of a cluster), the
 * answer to a guesser spread over thousands of addresses (issue 15, weakness 3): per-address
 * and per-network throttles cannot see such a guesser, a server-wide count can.
 *
 * While the wrong guesses of the current second exceed the budget, only clean addresses (no
 * failure remembered) still have their codes checked; every other attempt is refused before
 * it is evaluated. A real user typing a code for the first time still gets in during an
 * attack, while the attacker's addresses get one evaluated guess each per throttle memory.
 * That also protects waiting codes from being revoked by the five-wrong-tries rule: few
 * guesses reach them.
 *
 * The count is kept in the shared counter, but whether the budget is spent is read from the
 * last count this instance saw (no Redis round trip on the hot path): an instance that has not
 * seen a failure in this window evaluates at most one more before it knows.
 */
export interface GuessBudgetPolicy {
  /** Wrong guesses per second, over the whole server, before the brake engages. */
  perSecond: number;
}

export const DEFAULT_GUESS_BUDGET: GuessBudgetPolicy = { perSecond: 50 };
const WINDOW_MS = 1000;

export interface GuessBudget {
  /** True while the server-wide budget of wrong guesses of this second is spent. */
  spent(now: number): boolean;
  /** Counts one wrong guess. */
  recordWrong(now: number): Promise<void>;
}

export function createGuessBudget(policy: GuessBudgetPolicy, counter: WindowCounter, onSpent: () => void = () => {}): GuessBudget {
  let seen = { count: 0, resetAt: 0 };
  const spent = (now: number) => now < seen.resetAt && seen.count >= policy.perSecond;
  return {
    spent,
    async recordWrong(now) {
      const wasSpent = spent(now);
      seen = await counter.add('guesses:wrong', WINDOW_MS, now);
      if (!wasSpent && spent(now)) onSpent();
    },
  };
}
