import { resolveBranding } from '../../shared/branding';
import type { ManagedPolicy } from '../../shared/policy';
import { unmanagedPolicy } from '../services/policy';

/** The policy and branding of an unmanaged machine, optionally changed, for tests. */
export function testPolicy(changes: Partial<ManagedPolicy> = {}) {
  const policy = { ...unmanagedPolicy(), ...changes };
  return { policy, branding: resolveBranding(policy.branding, {}) };
}
