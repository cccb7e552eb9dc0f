export { loadPolicy, LINUX_POLICY_PATH, type PolicyLoaderDeps } from './load-policy';
export { nodePolicyFs } from './node-deps';
export { resolvePolicy, safestPolicy, unmanagedPolicy } from './resolve';
export type { PolicyFs, PolicyFileStat, SourceRead } from './types';
export { effectiveSettings, isAllowed, isConsultantAllowed, lockedKeysIn, type Capability, type ManagedPolicy } from '../../../shared/policy';
