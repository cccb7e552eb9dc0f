/**
 * Per-source-address throttling of join attempts. A session code has 10^9 values, but only
 * if guessing stays slow: after a few free mistakes (people mistype codes read over the
 * phone) every further attempt waits twice as long as the previous one.
 */
export const THROTTLE_POLICY = {
  /** Failures that cost nothing. */
  freeFailures: 3,
  /** Wait imposed by the first failure past the free ones, then doubled per failure. */
  baseDelayMs: 1000,
  maxDelayMs: 5 * 60 * 1000,
  /** A quiet period this long (no new failure) forgets the address entirely. */
  forgetAfterMs: 15 * 60 * 1000,
} as const;

export interface ThrottleDecision {
  allowed: boolean;
  /** 0 when allowed. */
  retryAfterMs: number;
}

/** Async like PairingStore: a shared (Redis) implementation will follow. */
export interface ThrottleStore {
  check(address: string, now: number): Promise<ThrottleDecision>;
  /** Counts a failure. Successes are deliberately not reported: they never reset the count. */
  recordFailure(address: string, now: number): Promise<void>;
  /** Drops state that has been forgotten anyway (keeps memory bounded). */
  purge(now: number): Promise<void>;
}

/** How long an address must wait after its `failures`-th failure. */
export function delayAfterFailures(failures: number): number {
  const { freeFailures, baseDelayMs, maxDelayMs } = THROTTLE_POLICY;
  if (failures < freeFailures) return 0;
  // Exponent capped well before overflow; the cap applies anyway.
  const exponent = Math.min(failures - freeFailures, 30);
  return Math.min(baseDelayMs * 2 ** exponent, maxDelayMs);
}

interface AddressState {
  failures: number;
  lastFailureAt: number;
}

export class MemoryThrottleStore implements ThrottleStore {
  private readonly states = new Map<string, AddressState>();

  check(address: string, now: number): Promise<ThrottleDecision> {
    const state = this.current(address, now);
    if (!state) return Promise.resolve({ allowed: true, retryAfterMs: 0 });
    const allowedAt = state.lastFailureAt + delayAfterFailures(state.failures);
    return Promise.resolve(now >= allowedAt ? { allowed: true, retryAfterMs: 0 } : { allowed: false, retryAfterMs: allowedAt - now });
  }

  recordFailure(address: string, now: number): Promise<void> {
    const failures = (this.current(address, now)?.failures ?? 0) + 1;
    this.states.set(address, { failures, lastFailureAt: now });
    return Promise.resolve();
  }

  purge(now: number): Promise<void> {
    for (const address of [...this.states.keys()]) this.current(address, now);
    return Promise.resolve();
  }

  /** The live state, or undefined once it has been quiet for forgetAfterMs. */
  private current(address: string, now: number): AddressState | undefined {
    const state = this.states.get(address);
    if (state && now - state.lastFailureAt >= THROTTLE_POLICY.forgetAfterMs) {
      this.states.delete(address);
      return undefined;
    }
    return state;
  }
}
