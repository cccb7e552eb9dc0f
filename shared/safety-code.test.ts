import { describe, expect, it } from 'vitest';
import { canonicalPair, controlNeedsSafetyCode, deriveSafetyCode, formatSafetyCode, spokenSafetyCode, type CertificateFingerprint } from './safety-code';

function fingerprint(byte: (i: number) => number): CertificateFingerprint {
  return { algorithm: 'sha-256', fingerprint: Array.from({ length: 32 }, (_, i) => byte(i).toString(16).padStart(2, '0').toUpperCase()).join(':') };
}
const ascending = fingerprint((i) => i);
const descending = fingerprint((i) => 255 - i);

describe('deriveSafetyCode', () => {
  it('matches the known vector (computed apart with node:crypto over the documented text)', async () => {
    // sha256("tandem-safety-code-v1\nsession-1\nsha-256 00:01:…:1F\nsha-256 FF:FE:…:E0"), first 48 bits mod 10^6.
    await expect(deriveSafetyCode({ sessionId: 'session-1', local: ascending, remote: descending })).resolves.toBe('357476');
  });

  it('gives both sides the same code: swapping local and remote changes nothing', async () => {
    const user = await deriveSafetyCode({ sessionId: 's', local: ascending, remote: descending });
    const consultant = await deriveSafetyCode({ sessionId: 's', local: descending, remote: ascending });
    expect(consultant).toBe(user);
  });

  it('ignores the case and spacing the WebRTC stack happens to use', async () => {
    const lower = { algorithm: ' SHA-256', fingerprint: ascending.fingerprint.toLowerCase() };
    await expect(deriveSafetyCode({ sessionId: 's', local: lower, remote: descending })).resolves.toBe(
      await deriveSafetyCode({ sessionId: 's', local: ascending, remote: descending }),
    );
  });

  it('differs when one certificate is replaced (someone in the middle) or the session differs', async () => {
    const honest = await deriveSafetyCode({ sessionId: 's', local: ascending, remote: descending });
    const attacker = fingerprint((i) => (i * 7 + 3) % 256);
    expect(await deriveSafetyCode({ sessionId: 's', local: ascending, remote: attacker })).not.toBe(honest);
    expect(await deriveSafetyCode({ sessionId: 't', local: ascending, remote: descending })).not.toBe(honest);
  });

  it('always gives six digits', async () => {
    for (let n = 0; n < 20; n += 1) expect(await deriveSafetyCode({ sessionId: `s${n}`, local: ascending, remote: descending })).toMatch(/^\d{6}$/);
  });

  it('refuses what is not a fingerprint, with a clear error', async () => {
    await expect(deriveSafetyCode({ sessionId: 's', local: { algorithm: 'sha-256', fingerprint: 'AB:CD' }, remote: descending })).rejects.toThrow(/colon-separated hex/);
    await expect(deriveSafetyCode({ sessionId: 's', local: { algorithm: 'md5', fingerprint: ascending.fingerprint }, remote: descending })).rejects.toThrow();
    await expect(deriveSafetyCode({ sessionId: '', local: ascending, remote: descending })).rejects.toThrow();
  });
});

describe('canonicalPair', () => {
  it('is the same text in either order', () => {
    expect(canonicalPair(ascending, descending)).toBe(canonicalPair(descending, ascending));
  });
});

describe('formatting', () => {
  it('shows two groups of three and reads each digit', () => {
    expect(formatSafetyCode('042917')).toBe('042 917');
    expect(spokenSafetyCode('042917')).toBe('0 4 2, 9 1 7');
  });
});

describe('controlNeedsSafetyCode', () => {
  it('follows the policy: always, only for unverified helpers, or never', () => {
    expect([true, false].map((verified) => controlNeedsSafetyCode('always', verified))).toEqual([true, true]);
    expect([true, false].map((verified) => controlNeedsSafetyCode('unverified-consultants', verified))).toEqual([false, true]);
    expect([true, false].map((verified) => controlNeedsSafetyCode('never', verified))).toEqual([false, false]);
  });
});
