/**
 * Per-source-address throttling of join attempts. A session code has 10^9 values, but only
 * if guessing stays slow: after a few free mistakes (people mistype codes read over the
 * phone) every further attempt waits twice as long as the previous one.
 */
export interface ThrottlePolicy {
  /** Failures that cost nothing. */
  readonly freeFailures: number;
  /** Wait imposed by the first failure past the free ones, then doubled per failure. */
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** A quiet period this long (no new failure) forgets the address entirely. */
  readonly forgetAfterMs: number;
}

export const THROTTLE_POLICY: ThrottlePolicy = {
  freeFailures: 3,
  baseDelayMs: 1000,
  maxDelayMs: 5 * 60 * 1000,
  forgetAfterMs: 15 * 60 * 1000,
};

/**
 * The second tier of join attempts, per /24 (IPv4) or /48 (IPv6) network: a guesser with a
 * whole network of addresses (or a botnet's share of one) gets a few dozen tries, not 256 × 3.
 * Generous enough for a large office's typos behind one network.
 */
export const NETWORK_THROTTLE_POLICY: ThrottlePolicy = { ...THROTTLE_POLICY, freeFailures: 30 };

export interface ThrottleDecision {
  allowed: boolean;
  /** 0 when allowed. */
  retryAfterMs: number;
  /** Failures still remembered for this key (0 for a clean one). */
  failures: number;
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
export function delayAfterFailures(failures: number, policy: ThrottlePolicy = THROTTLE_POLICY): number {
  const { freeFailures, baseDelayMs, maxDelayMs } = policy;
  if (failures < freeFailures) return 0;
  // Exponent capped well before overflow; the cap applies anyway.
  const exponent = Math.min(failures - freeFailures, 30);
  return Math.min(baseDelayMs * 2 ** exponent, maxDelayMs);
}

interface AddressState {
  failures: number;
  lastFailureAt: number;
}

/** The decision for a key with `failures` remembered, the last at `lastFailureAt`. */
export function decide(failures: number, lastFailureAt: number, now: number, policy: ThrottlePolicy): ThrottleDecision {
  const allowedAt = lastFailureAt + delayAfterFailures(failures, policy);
  return now >= allowedAt ? { allowed: true, retryAfterMs: 0, failures } : { allowed: false, retryAfterMs: allowedAt - now, failures };
}

export const CLEAN: ThrottleDecision = { allowed: true, retryAfterMs: 0, failures: 0 };

export class MemoryThrottleStore implements ThrottleStore {
  private readonly states = new Map<string, AddressState>();

  constructor(private readonly policy: ThrottlePolicy = THROTTLE_POLICY) {}

  check(address: string, now: number): Promise<ThrottleDecision> {
    const state = this.current(address, now);
    return Promise.resolve(state ? decide(state.failures, state.lastFailureAt, now, this.policy) : CLEAN);
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
    if (state && now - state.lastFailureAt >= this.policy.forgetAfterMs) {
      this.states.delete(address);
      return undefined;
    }
    return state;
  }
}
