/**
 * Start-up: reads the managed policy from this platform's real sources and resolves the
 * branding the UI shows. The policy is read once; IT changes apply at the next start.
 */
import { userInfo } from 'node:os';
import buildBrandingFile from '../../build/branding.json';
import { brandingConfigSchema, resolveBranding, type Branding, type BrandingConfig } from '../../shared/branding';
import type { Logger } from '../../shared/log';
import type { ManagedPolicy } from '../../shared/policy';
import { runProcess } from '../services/diagnostics/process-runner';
import { loadPolicy, nodePolicyFs } from '../services/policy';

export interface StartupPolicy {
  policy: ManagedPolicy;
  branding: Branding;
}

/** build/branding.json is bundled at build time; dist:check rejects an invalid one before it ships. */
export function readBuildBranding(raw: unknown, log: Logger): BrandingConfig {
  const parsed = brandingConfigSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  log.error('branding.invalid-build-config', { reason: parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ') });
  return {};
}

function currentUserName(): string | null {
  try {
    return userInfo().username;
  } catch {
    return null;
  }
}

export async function setupPolicy(log: Logger, platform: NodeJS.Platform = process.platform): Promise<StartupPolicy> {
  const policy = await loadPolicy({
    platform,
    fs: nodePolicyFs,
    run: runProcess,
    log,
    userName: currentUserName(),
    systemRoot: process.env.SystemRoot ?? 'C:\\Windows',
  });
  return { policy, branding: resolveBranding(policy.branding, readBuildBranding(buildBrandingFile, log)) };
}
