import { describe, expect, it } from 'vitest';
import { createResumeSealer, newNonce, type ResumeClaims } from './resume-token';

const claims: ResumeClaims = {
  sessionId: '6f1c1f0e-8a8b-4c55-9a55-2a7c1d7e0b01',
  role: 'user',
  nonce: newNonce(),
  expiresAt: 2_000,
  consultantName: 'Camille',
  verified: { id: 3, orgId: 1, name: 'Camille', organisation: 'Acme IT', organisationId: 'acme' },
  requestId: null,
};

describe('resume secrets', () => {
  const sealer = createResumeSealer(Buffer.alloc(32, 1));

  it('opens what it sealed until it expires, and then still says whose it was', () => {
    const token = sealer.seal(claims);
    expect(sealer.open(token, 1_999)).toEqual({ ok: true, claims });
    expect(sealer.open(token, 2_000)).toEqual({ ok: false, reason: 'expired', claims });
  });

  it('hides the session facts from the app that holds it, and two seals differ', () => {
    const token = sealer.seal(claims);
    expect(token).not.toContain('Camille');
    expect(Buffer.from(token.slice(3), 'base64url').toString('latin1')).not.toContain('acme');
    expect(sealer.seal(claims)).not.toBe(token);
  });

  it('refuses any change to a secret, another key’s secrets and garbage', () => {
    const token = sealer.seal(claims);
    const bytes = Buffer.from(token.slice(3), 'base64url');
    for (let i = 0; i < bytes.length; i += 7) {
      const changed = Buffer.from(bytes);
      changed[i] = (changed[i] ?? 0) ^ 1;
      expect(sealer.open(`v1.${changed.toString('base64url')}`, 0)).toEqual({ ok: false, reason: 'forged' });
    }
    const other = createResumeSealer(Buffer.alloc(32, 2));
    expect(other.open(token, 0).ok).toBe(false);
    for (const garbage of ['', 'v1.', 'v1.AAAA', `v2.${token.slice(3)}`, `${token}.x`, 'v1.!!!!']) expect(sealer.open(garbage, 0)).toEqual({ ok: false, reason: 'forged' });
  });

  it('refuses keys that are too short', () => {
    expect(() => createResumeSealer(Buffer.alloc(16))).toThrow(/at least 32 bytes/);
  });
});
