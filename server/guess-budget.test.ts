import { describe, expect, it } from 'vitest';
import { createGuessBudget } from './guess-budget';
import { createCode, MAX_WRONG_TRIES, redeemCode, type JoinOutcome, type PairingDeps } from './pairing';
import { MemoryPairingStore } from './pairing-store';
import { wrongSecret } from './test-client';
import { MemoryThrottleStore, NETWORK_THROTTLE_POLICY } from './throttle';
import { MemoryWindowCounter } from './window-counter';

const NOW = 1_800_000_000_000;

function deps(options: { budgetPerSecond?: number; onSpent?: () => void } = {}): PairingDeps {
  const counter = new MemoryWindowCounter();
  return {
    pairing: new MemoryPairingStore(),
    throttle: new MemoryThrottleStore(),
    networkThrottle: new MemoryThrottleStore(NETWORK_THROTTLE_POLICY),
    ...(options.budgetPerSecond !== undefined ? { guessBudget: createGuessBudget({ perSecond: options.budgetPerSecond }, counter, options.onSpent) } : {}),
    now: () => NOW,
    codeTtlMs: 10 * 60_000,
  };
}

/** Twenty real waiting codes. */
async function waitingCodes(d: PairingDeps): Promise<string[]> {
  const codes: string[] = [];
  for (let i = 0; i < 20; i++) {
    const created = await createCode(d, `Consultant ${i}`);
    if (created) codes.push(created.code);
  }
  return codes;
}

/**
 * A distributed guesser (issue 15, weakness 3) at a bounded size: 2,000 addresses spread over 500
 * networks, each guessing 5 times at the real codes' lookups with wrong secrets (the worst case: a
 * guesser who somehow hits live lookups every time), all within one
 * second. Returns the outcomes and which real codes were revoked.
 */
async function distributedAttack(d: PairingDeps, codes: readonly string[]) {
  const outcomes: JoinOutcome[] = [];
  for (let round = 0; round < 5; round++) {
    for (let host = 0; host < 2000; host++) {
      const address = `10.${Math.floor(host / 4) % 250}.${Math.floor(host / 1000)}.${host % 4}`;
      outcomes.push(await redeemCode(d, address, wrongSecret(codes[(host + round) % codes.length] ?? '')));
    }
  }
  const revoked = new Set(outcomes.flatMap((outcome) => (!outcome.ok && 'revokedLookup' in outcome && outcome.revokedLookup ? [outcome.revokedLookup] : [])));
  return { outcomes, revoked };
}

describe('server-wide brake on wrong guesses', () => {
  it('without it, a guesser with many addresses revokes every real waiting code (the attack is real)', async () => {
    const d = deps();
    const codes = await waitingCodes(d);
    const { revoked } = await distributedAttack(d, codes);
    expect(revoked.size).toBe(codes.length);
  });

  it('with it, no real waiting code is revoked, few guesses are evaluated, and the real users still join', async () => {
    let alerts = 0;
    const d = deps({ budgetPerSecond: MAX_WRONG_TRIES - 1, onSpent: () => (alerts += 1) });
    const codes = await waitingCodes(d);
    const { outcomes, revoked } = await distributedAttack(d, codes);
    expect(revoked.size).toBe(0);
    const evaluated = outcomes.filter((outcome) => !outcome.ok && outcome.error !== 'too-many-attempts').length;
    // The budget, then one guess per address (clean until its first failure), out of 10,000.
    expect(evaluated).toBeLessThanOrEqual(MAX_WRONG_TRIES - 1 + 2000);
    expect(outcomes.filter((outcome) => !outcome.ok && outcome.error === 'too-many-attempts' && outcome.by === 'server').length).toBeGreaterThan(5000);
    expect(alerts).toBe(1);
    // Every real user, typing the code read to them for the first time, gets in during the attack.
    for (const [index, code] of codes.entries()) expect(await redeemCode(d, `192.0.2.${index + 1}`, code)).toMatchObject({ ok: true });
  });

  it('lets a user who mistyped once in a quiet time in, and refuses addresses that failed before while under attack', async () => {
    const d = deps({ budgetPerSecond: 2 });
    const [code = ''] = await waitingCodes(d);
    expect(await redeemCode(d, '192.0.2.1', '000000000')).toMatchObject({ ok: false, error: 'wrong-code' });
    await redeemCode(d, '10.0.0.1', '000000001');
    await redeemCode(d, '10.0.0.2', '000000002');
    // The budget of this second is spent: the address with a failure waits, its code is not looked at.
    expect(await redeemCode(d, '192.0.2.1', code)).toMatchObject({ ok: false, error: 'too-many-attempts', by: 'server' });
  });
});

describe('second throttle tier per network', () => {
  it('gives a whole /24 a few dozen failures, not 256 × 3, and leaves other networks alone', async () => {
    const d = deps();
    const outcomes: JoinOutcome[] = [];
    for (let host = 0; host < 256; host++) for (let i = 0; i < 3; i++) outcomes.push(await redeemCode(d, `198.51.100.${host}`, '123456789'));
    const evaluated = outcomes.filter((outcome) => !outcome.ok && outcome.error === 'wrong-code').length;
    expect(evaluated).toBe(NETWORK_THROTTLE_POLICY.freeFailures);
    expect(outcomes.at(-1)).toMatchObject({ ok: false, error: 'too-many-attempts', by: 'network' });
    expect(await redeemCode(d, '198.51.101.1', '123456789')).toMatchObject({ ok: false, error: 'wrong-code' });
  });

  it('groups IPv6 by /48', async () => {
    const d = deps();
    for (let i = 0; i <= NETWORK_THROTTLE_POLICY.freeFailures; i++) await redeemCode(d, `2001:db8:1:${i.toString(16)}::/64`, '123456789');
    expect(await redeemCode(d, '2001:db8:1:ff::/64', '123456789')).toMatchObject({ error: 'too-many-attempts', by: 'network' });
    expect(await redeemCode(d, '2001:db8:2::/64', '123456789')).toMatchObject({ error: 'wrong-code' });
  });
});
