import { randomInt, timingSafeEqual } from 'node:crypto';
import { CODE_DIGITS, splitSessionCode } from '../shared/session-code';
import type { PairingStore } from './pairing-store';
import type { GuessBudget } from './guess-budget';
import { networkPrefix } from './source-address';
import { CLEAN, type ThrottleDecision, type ThrottleStore } from './throttle';

/**
 * Creating and redeeming session codes, over the stores only (no sockets): what a code may
 * reveal and how guessing is slowed down is decided here.
 */
export const MAX_WRONG_TRIES = 5;
/** With 10^5 lookups, 20 random draws that all collide means the server is saturated. */
const CREATE_ATTEMPTS = 20;

export interface PairingDeps {
  pairing: PairingStore;
  throttle: ThrottleStore;
  /** The second tier, per /24 or /48 network (NETWORK_THROTTLE_POLICY); absent in unit tests of the first. */
  networkThrottle?: ThrottleStore;
  /** The server-wide brake on wrong guesses; absent: none. */
  guessBudget?: GuessBudget;
  now: () => number;
  codeTtlMs: number;
  randomCode?: () => string;
}

/** Uniform over all 10^9 codes, from the CSPRNG. */
export function randomSessionCode(): string {
  return randomInt(0, 10 ** CODE_DIGITS).toString().padStart(CODE_DIGITS, '0');
}

export interface CreatedCode {
  code: string;
  lookup: string;
  expiresAt: number;
}

/** A fresh code whose lookup digits are unique among stored records, or null if none could be found. */
export async function createCode(deps: PairingDeps, consultantName: string): Promise<CreatedCode | null> {
  const draw = deps.randomCode ?? randomSessionCode;
  for (let attempt = 0; attempt < CREATE_ATTEMPTS; attempt += 1) {
    const code = draw();
    const { lookup, secret } = splitSessionCode(code);
    const createdAt = deps.now();
    const expiresAt = createdAt + deps.codeTtlMs;
    if (await deps.pairing.insert({ lookup, secret, consultantName, createdAt, expiresAt, used: false, wrongTries: 0 })) {
      return { code, lookup, expiresAt };
    }
  }
  return null;
}

export type JoinOutcome =
  | { ok: true; lookup: string; consultantName: string }
  /** `by`: which brake refused: this address, its network, or the server-wide budget. */
  | { ok: false; error: 'too-many-attempts'; retryAfterMs: number; by: 'address' | 'network' | 'server' }
  | { ok: false; error: 'wrong-code' | 'expired-code' | 'used-code'; revokedLookup?: string };

/**
 * Checks a code typed by a user and, on success, claims it (single use).
 *
 * The secret is checked before anything about the record's state is revealed, and a missing
 * lookup answers exactly like a wrong secret: otherwise the replies would tell a guesser which
 * 4-digit prefixes are live, shrinking the search to 10^5 per prefix.
 */
export async function redeemCode(deps: PairingDeps, address: string, code: string): Promise<JoinOutcome> {
  const now = deps.now();
  const network = networkPrefix(address);
  const networkThrottle = deps.networkThrottle;
  const [byAddress, byNetwork] = await Promise.all([deps.throttle.check(address, now), networkThrottle ? networkThrottle.check(network, now) : CLEAN]);
  if (!byAddress.allowed) return { ok: false, error: 'too-many-attempts', retryAfterMs: byAddress.retryAfterMs, by: 'address' };
  if (!byNetwork.allowed) return { ok: false, error: 'too-many-attempts', retryAfterMs: byNetwork.retryAfterMs, by: 'network' };
  // Under a distributed attack only clean addresses are still evaluated (guess-budget.ts).
  const underAttack = deps.guessBudget?.spent(now) ?? false;
  if (underAttack && !isClean(byAddress)) return { ok: false, error: 'too-many-attempts', retryAfterMs: 1000, by: 'server' };

  const fail = async (error: 'wrong-code' | 'expired-code' | 'used-code', revokedLookup?: string): Promise<JoinOutcome> => {
    await Promise.all([deps.throttle.recordFailure(address, now), networkThrottle?.recordFailure(network, now), deps.guessBudget?.recordWrong(now)]);
    return revokedLookup === undefined ? { ok: false, error } : { ok: false, error, revokedLookup };
  };

  const { lookup, secret } = splitSessionCode(code);
  const record = await deps.pairing.get(lookup);
  if (!record) return fail('wrong-code');
  if (!secretsEqual(record.secret, secret)) {
    // Counting per code (not only per address) stops a guesser spreading tries over a few
    // addresses against one waiting code: after a few wrong tries the code is dead. While the
    // server-wide budget is spent, the clean addresses still evaluated do not count: that is
    // how a guesser with thousands of addresses would otherwise revoke real waiting codes
    // (each of them needs a fresh address per guess, and a lucky one only joins as the person
    // being helped, who shares nothing of anyone else's).
    if (underAttack) return fail('wrong-code');
    const wrongTries = await deps.pairing.recordWrongTry(lookup);
    if (wrongTries >= MAX_WRONG_TRIES) {
      await deps.pairing.delete(lookup);
      return fail('wrong-code', lookup);
    }
    return fail('wrong-code');
  }
  if (record.used) return fail('used-code');
  if (now >= record.expiresAt) return fail('expired-code');
  // The claim is atomic in the store: of two simultaneous correct joins only one pairs.
  if (!(await deps.pairing.markUsed(lookup))) return fail('used-code');
  return { ok: true, lookup, consultantName: record.consultantName };
}

function isClean(decision: ThrottleDecision): boolean {
  return decision.failures === 0;
}

function secretsEqual(expected: string, given: string): boolean {
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(given, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}
