import { networkPrefix } from '../source-address';

/**
 * A global bound on concurrent password checks (scrypt: ~32 MiB and ~50–100 ms of the libuv
 * thread pool each). Without it, 300 addresses × 3 attempts queue 900 hashes in the pool and a
 * real sign-in waits behind all of them (issue 15, weakness 6).
 *
 * At most `concurrency` checks run; at most `maxWaiting` more wait, and of those at most
 * `perPrefixWaiting` from one source prefix (/24 for IPv4, /48 for IPv6), so one network cannot
 * take every waiting place from everyone else. Anything beyond is refused at once with `busy`:
 * failing fast costs the attacker a round trip and costs the server nothing.
 *
 * Attempts marked `priority` (auth-service.ts: they carry a valid second-factor code, which
 * only the account's owner has) skip the queue and its bounds: a flood spread over many
 * networks fills every waiting place, and the real admin must still get in at once.
 */
export interface PasswordGateOptions {
  concurrency: number;
  maxWaiting: number;
  perPrefixWaiting: number;
}

/** The libuv pool has 4 threads by default: keep one free for other file and crypto work. */
export const DEFAULT_PASSWORD_GATE: PasswordGateOptions = { concurrency: 3, maxWaiting: 32, perPrefixWaiting: 2 };

export type Gated<T> = { ok: true; value: T } | { ok: false; error: 'busy' };

export interface PasswordGate {
  /** Runs `check` once a place is free, or answers `busy` at once when the wait queue is full for this source. */
  run<T>(source: string, check: () => Promise<T>, priority?: boolean): Promise<Gated<T>>;
  /** For metrics and tests: checks running and waiting now. */
  load(): { running: number; waiting: number };
}

export function createPasswordGate(options: PasswordGateOptions = DEFAULT_PASSWORD_GATE): PasswordGate {
  if (options.concurrency < 1 || options.maxWaiting < 0 || options.perPrefixWaiting < 0) throw new Error('password gate: concurrency must be ≥ 1 and the waiting bounds ≥ 0');
  let running = 0;
  const waiting: { prefix: string; start: () => void }[] = [];
  const waitingByPrefix = new Map<string, number>();

  /** Priority attempts, first served; bounded by maxWaiting on their own. */
  const first: (() => void)[] = [];

  const release = () => {
    running -= 1;
    const urgent = first.shift();
    if (urgent) return urgent();
    const next = waiting.shift();
    if (!next) return;
    const left = (waitingByPrefix.get(next.prefix) ?? 1) - 1;
    if (left === 0) waitingByPrefix.delete(next.prefix);
    else waitingByPrefix.set(next.prefix, left);
    next.start();
  };

  const execute = async <T>(check: () => Promise<T>): Promise<Gated<T>> => {
    running += 1;
    try {
      return { ok: true, value: await check() };
    } finally {
      release();
    }
  };

  return {
    run<T>(source: string, check: () => Promise<T>, priority = false): Promise<Gated<T>> {
      if (running < options.concurrency && (priority || (waiting.length === 0 && first.length === 0))) return execute(check);
      if (priority) {
        if (first.length >= Math.max(1, options.maxWaiting)) return Promise.resolve({ ok: false, error: 'busy' });
        return new Promise((resolve, reject) => first.push(() => void execute(check).then(resolve, reject)));
      }
      const prefix = networkPrefix(source);
      const fromPrefix = waitingByPrefix.get(prefix) ?? 0;
      if (waiting.length >= options.maxWaiting || fromPrefix >= options.perPrefixWaiting) return Promise.resolve({ ok: false, error: 'busy' });
      waitingByPrefix.set(prefix, fromPrefix + 1);
      return new Promise((resolve, reject) => waiting.push({ prefix, start: () => void execute(check).then(resolve, reject) }));
    },
    load: () => ({ running, waiting: waiting.length + first.length }),
  };
}
