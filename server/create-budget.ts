import { LOOKUP_DIGITS } from '../shared/session-code';
import { networkPrefix } from './source-address';
import { takeBudget, takeBudgets, type BudgetDecision, type WindowCounter } from './window-counter';

/**
 * How many session codes may be created per window, so that nobody can take every code
 * (issue 15, weakness 1). An anonymous helper is counted by its address and by its network
 * (/24, /48): a help desk creates a few sessions a minute at most, a script taking codes
 * thousands. A signed-in consultant is counted by account instead (a whole help desk behind one
 * NAT must not share one address's budget), so a stolen token reused on many sockets or
 * addresses is bounded too. The counts live in a WindowCounter: Redis in a cluster, so they
 * hold across instances.
 *
 * A code lives at most its TTL (10 min), so with a window of that length the live codes of one
 * address are at most twice `perAddress` (a window boundary inside a code's life), which keeps
 * the 10^5 lookups out of reach of any one address, network or account. Against a botnet, all
 * anonymous creations together are capped too, at a quarter of the lookups per window (so at
 * most half of them live): signed-in consultants always find a free code.
 */
export interface CreateBudgetPolicy {
  /** Per source address (IPv6 per /64). */
  perWindow: number;
  /** Per /24 (IPv4) or /48 (IPv6) network; default 4 × perWindow. */
  perNetwork?: number;
  /** Per signed-in account, wherever it connects from. */
  perAccount?: number;
  /** All anonymous creations together, over the whole server; default a quarter of the lookups. */
  anonymousTotal?: number;
  windowMs: number;
}

export const DEFAULT_CREATE_BUDGET: CreateBudgetPolicy = { perWindow: 60, perNetwork: 240, perAccount: 60, anonymousTotal: 10 ** LOOKUP_DIGITS / 4, windowMs: 10 * 60 * 1000 };

export interface CreateBudget {
  /** Takes one creation for an anonymous helper (`address` is a throttle key) or for a signed-in account. */
  take(who: { address: string; accountId?: string | undefined }, now: number): Promise<BudgetDecision>;
}

export function createCreateBudget(policy: CreateBudgetPolicy, counter: WindowCounter): CreateBudget {
  const perNetwork = policy.perNetwork ?? policy.perWindow * 4;
  const perAccount = policy.perAccount ?? policy.perWindow;
  const anonymousTotal = policy.anonymousTotal ?? 10 ** LOOKUP_DIGITS / 4;
  return {
    async take({ address, accountId }, now) {
      if (accountId !== undefined) return takeBudget(counter, `create:account:${accountId}`, perAccount, policy.windowMs, now);
      const budgets = [
        { key: `create:address:${address}`, limit: policy.perWindow },
        { key: `create:network:${networkPrefix(address)}`, limit: perNetwork },
        { key: 'create:anonymous', limit: anonymousTotal },
      ];
      return takeBudgets(counter, budgets, policy.windowMs, now);
    },
  };
}
