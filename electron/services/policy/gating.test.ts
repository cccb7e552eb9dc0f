import { describe, expect, it } from 'vitest';
import { contrastRatio, resolveBranding } from '../../../shared/branding';
import { serverUrlSchema, type Settings } from '../../../shared/host-api';
import { CAPABILITIES, effectiveSettings, isAllowed, isConsultantAllowed, lockedKeysIn, policyServerUrlSchema } from '../../../shared/policy';
import { safestPolicy, unmanagedPolicy } from './resolve';

const user: Settings = { language: 'system', serverUrl: 'ws://user.example/ws', consultantName: 'Sam' };

describe('isAllowed', () => {
  it('allows every capability without a policy, none with an unreadable one', () => {
    for (const capability of CAPABILITIES) {
      expect(isAllowed(unmanagedPolicy(), capability)).toBe(true);
      expect(isAllowed(safestPolicy(['x']), capability)).toBe(false);
    }
  });

  it('follows the policy per capability', () => {
    const policy = { ...unmanagedPolicy(), capabilities: { control: true, files: false, clipboard: true, repairs: false, voice: false } };
    expect(isAllowed(policy, 'control')).toBe(true);
    expect(isAllowed(policy, 'files')).toBe(false);
  });
});

describe('effectiveSettings', () => {
  it('leaves user settings alone without a policy', () => {
    expect(effectiveSettings(user, unmanagedPolicy())).toEqual(user);
  });

  it('a locked server replaces the user one; the default language applies only to "system"', () => {
    const policy = { ...unmanagedPolicy(), serverUrl: 'wss://org.example/ws', defaultLanguage: 'fr' as const };
    expect(effectiveSettings(user, policy)).toEqual({ language: 'fr', serverUrl: 'wss://org.example/ws', consultantName: 'Sam' });
    expect(effectiveSettings({ ...user, language: 'en' }, policy).language).toBe('en');
  });

  it('refuses patches to locked settings only', () => {
    const policy = { ...unmanagedPolicy(), lockedSettings: ['serverUrl' as const] };
    expect(lockedKeysIn({ serverUrl: 'ws://evil.example/ws' }, policy)).toEqual(['serverUrl']);
    expect(lockedKeysIn({ language: 'fr', serverUrl: undefined }, policy)).toEqual([]);
  });
});

describe('isConsultantAllowed', () => {
  it('lets anyone in without a policy', () => {
    expect(isConsultantAllowed(unmanagedPolicy(), { verified: false, organization: null })).toBe(true);
  });

  it('requires verification and a listed organisation when the policy says so', () => {
    const policy = { requireVerifiedConsultants: true, allowedConsultantOrganizations: ['acme.example'] };
    expect(isConsultantAllowed(policy, { verified: true, organization: 'ACME.example' })).toBe(true);
    expect(isConsultantAllowed(policy, { verified: false, organization: 'acme.example' })).toBe(false);
    expect(isConsultantAllowed(policy, { verified: true, organization: 'evil.example' })).toBe(false);
    // An unverified claim never satisfies an allow-list, even when verification is not required.
    expect(isConsultantAllowed({ ...policy, requireVerifiedConsultants: false }, { verified: false, organization: 'acme.example' })).toBe(false);
    expect(isConsultantAllowed(safestPolicy([]), { verified: true, organization: 'acme.example' })).toBe(false);
  });
});

describe('policyServerUrlSchema', () => {
  it('agrees with the settings schema it mirrors', () => {
    for (const value of ['wss://a.example/ws', 'ws://127.0.0.1:8787/ws', 'https://a.example', 'wss://u:p@a.example', 'not a url', 'x'.repeat(3000)]) {
      expect(policyServerUrlSchema.safeParse(value).success).toBe(serverUrlSchema.safeParse(value).success);
    }
  });
});

describe('resolveBranding', () => {
  const none = { organizationName: null, logo: null, primaryColor: null, accentColor: null };

  it('policy first, then the build configuration, then Tandem’s own', () => {
    const branding = resolveBranding({ ...none, organizationName: 'Acme IT' }, { organizationName: 'Build Corp', primaryColor: '#FFD700' });
    expect(branding).toMatchObject({ organizationName: 'Acme IT', primaryColor: '#ffd700', accentColor: '#0f5246', logo: null });
    expect(branding.origin).toEqual({ organizationName: 'policy', logo: 'default', primaryColor: 'build', accentColor: 'default' });
  });

  it('picks readable text on any primary colour', () => {
    for (const color of ['#ffd700', '#176b5b', '#777777', '#000000', '#ffffff']) {
      const branding = resolveBranding({ ...none, primaryColor: color }, {});
      expect(contrastRatio(branding.primaryColor, branding.onPrimaryColor)).toBeGreaterThanOrEqual(4.5);
    }
  });
});
