import { describe, expect, it, vi } from 'vitest';
import { createLogger, silentLogger } from '../../shared/log';
import { readBuildBranding, setupPolicy } from './policy-sources';

vi.mock('electron', async () => (await import('../test/fake-electron')).fakeElectronModule());

describe('readBuildBranding', () => {
  it('accepts the shipped configuration and a complete example', async () => {
    const shipped: unknown = (await import('../../build/branding.json')).default;
    const example: unknown = (await import('../../build/branding.example.json')).default;
    expect(readBuildBranding(shipped, silentLogger)).toEqual({});
    expect(readBuildBranding(example, silentLogger)).toMatchObject({ organizationName: 'Acme IT Help Desk', primaryColor: '#1f4e9c' });
  });

  it('ignores an invalid configuration and logs why', () => {
    const sink = vi.fn();
    expect(readBuildBranding({ primaryColor: 'red', logo: 'data:image/svg+xml;base64,AAAA' }, createLogger('t', sink))).toEqual({});
    expect(sink).toHaveBeenCalledWith('error', expect.stringContaining('primaryColor'));
  });
});

describe('setupPolicy', () => {
  it('on a machine without a policy (this one): unmanaged, Tandem branding', async () => {
    const { policy, branding } = await setupPolicy(silentLogger, 'linux');
    // /etc/tandem/policy.json does not exist on the test machines.
    expect(policy.managed).toBe(false);
    expect(branding).toMatchObject({ organizationName: null, primaryColor: '#176b5b' });
  });
});
