/** Reads the managed policy where each platform's IT tools put it, once, at start-up. */
import type { Logger } from '../../../shared/log';
import { APP_ID, CAPABILITIES, type ManagedPolicy } from '../../../shared/policy';
import type { ProcessRunner } from '../diagnostics/process-runner';
import { readPolicyFile } from './file-source';
import { loadLogo } from './logo';
import { managedPreferencePaths, readManagedPreferences } from './plist-source';
import { POLICY_REGISTRY_KEYS, readRegistryPolicy } from './registry-source';
import { resolvePolicy, safestPolicy } from './resolve';
import type { PolicyFs, SourceRead } from './types';

export const LINUX_POLICY_PATH = '/etc/tandem/policy.json';

export interface PolicyLoaderDeps {
  platform: NodeJS.Platform;
  fs: PolicyFs;
  run: ProcessRunner;
  log: Logger;
  /** macOS: whose per-user managed preferences apply (os.userInfo().username). */
  userName: string | null;
  /** Windows: %SystemRoot%, where reg.exe lives. */
  systemRoot: string;
  /** Linux and other POSIX systems. Only tests and the e2e harness pass another path. */
  linuxPolicyPath?: string;
  /**
   * POSIX: refuse policy and logo files not owned by root. Only tests and the e2e harness turn
   * this off (their files belong to the test user); the app never reads it from the environment.
   */
  requireRootOwned?: boolean;
  appId?: string;
}

/** The sources for this platform, highest precedence first. */
async function readSources(deps: PolicyLoaderDeps): Promise<SourceRead[]> {
  const requireRootOwned = deps.requireRootOwned ?? true;
  switch (deps.platform) {
    case 'win32': {
      // Absolute path, so no directory on the user's PATH can answer for reg.exe.
      const regExe = `${deps.systemRoot}\\System32\\reg.exe`;
      const reads: SourceRead[] = [];
      for (const key of POLICY_REGISTRY_KEYS) reads.push(await readRegistryPolicy(deps.run, key, regExe));
      return reads;
    }
    case 'darwin': {
      const reads: SourceRead[] = [];
      for (const path of managedPreferencePaths(deps.appId ?? APP_ID, deps.userName)) reads.push(await readManagedPreferences(path, deps.fs, deps.run));
      return reads;
    }
    default:
      return [await readPolicyFile(deps.linuxPolicyPath ?? LINUX_POLICY_PATH, deps.fs, { requireRootOwned })];
  }
}

export async function loadPolicy(deps: PolicyLoaderDeps): Promise<ManagedPolicy> {
  const { log } = deps;
  let policy: ManagedPolicy;
  try {
    const resolved = resolvePolicy(await readSources(deps), log);
    policy = resolved.policy;
    if (resolved.logoRef !== null) {
      const logo = await loadLogo(resolved.logoRef, deps.fs, { requireRootOwned: deps.platform !== 'win32' && (deps.requireRootOwned ?? true) });
      if (logo.ok) policy.branding.logo = logo.dataUrl;
      else {
        log.error('policy.invalid-logo', { reason: logo.reason });
        const problem = policy.problem ?? { code: 'invalid-values' as const, fields: [], unknownKeys: [] };
        policy.problem = { ...problem, fields: [...problem.fields, 'organizationLogo'] };
      }
    }
  } catch (error) {
    // A bug in a reader must not pass for "no policy".
    log.error('policy.load-failed', { reason: String(error) });
    policy = safestPolicy(['internal-error']);
  }
  log.info('policy.loaded', {
    managed: policy.managed,
    sources: policy.sources.join(','),
    serverLocked: policy.serverUrl !== null,
    capabilities: CAPABILITIES.filter((name) => policy.capabilities[name]).join(','),
    updates: policy.updates.enabled,
    problem: policy.problem?.code ?? null,
    rejected: policy.problem?.fields.join(',') ?? null,
  });
  return policy;
}
