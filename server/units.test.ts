import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from './accounts/password';
import { base32Decode, base32Encode, hotp, matchTotp, totpAt } from './accounts/totp';
import { estimateWaitMs, median } from './queue/eta';

describe('TOTP (RFC 6238 / RFC 4226)', () => {
  const secret = base32Encode(Buffer.from('12345678901234567890'));
  it('matches the RFC test vectors', () => {
    expect(hotp(Buffer.from('12345678901234567890'), 0)).toBe('755224');
    expect(hotp(Buffer.from('12345678901234567890'), 9)).toBe('520489');
    // RFC 6238 appendix B, SHA-1, last 6 of the 8 digits.
    expect(totpAt(secret, 59_000)).toBe('287082');
    expect(totpAt(secret, 1_111_111_109_000)).toBe('081804');
    expect(totpAt(secret, 2_000_000_000_000)).toBe('279037');
  });
  it('round-trips base32 and matches ±1 step only', () => {
    expect(base32Decode(secret).toString()).toBe('12345678901234567890');
    const t = 1_111_111_109_000;
    expect(matchTotp(secret, totpAt(secret, t - 30_000), t)).toBe(Math.floor(t / 30_000) - 1);
    expect(matchTotp(secret, totpAt(secret, t + 30_000), t)).toBe(Math.floor(t / 30_000) + 1);
    expect(matchTotp(secret, totpAt(secret, t + 60_000), t)).toBeNull();
  });
});

describe('passwords', () => {
  it('hashes with scrypt and verifies', async () => {
    const stored = await hashPassword('s3cret passphrase');
    expect(stored).toMatch(/^scrypt\$15\$8\$1\$/);
    expect(await verifyPassword('s3cret passphrase', stored)).toBe(true);
    expect(await verifyPassword('s3cret passphrasE', stored)).toBe(false);
    // A tampered hash asking for absurd cost is refused, not computed.
    expect(await verifyPassword('x', stored.replace('scrypt$15$', 'scrypt$30$'))).toBe(false);
  });
});

describe('estimated wait', () => {
  it('is the median handling time × position ÷ consultants online, or null without history', () => {
    expect(median([10, 2, 6])).toBe(6);
    expect(median([1, 2, 3, 10])).toBe(2.5);
    expect(estimateWaitMs([4, 10, 6].map((m) => m * 60_000), 2, 1)).toBe(12 * 60_000);
    expect(estimateWaitMs([4, 10, 6].map((m) => m * 60_000), 3, 2)).toBe(9 * 60_000);
    expect(estimateWaitMs([], 1, 3)).toBeNull();
  });
});
