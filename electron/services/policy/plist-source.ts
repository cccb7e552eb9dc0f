/**
 * macOS: a configuration profile (MDM or installed by hand) for the preference domain
 * org.tandem.app lands in /Library/Managed Preferences/org.tandem.app.plist (machine) and
 * /Library/Managed Preferences/<user>/org.tandem.app.plist (user). Those files are root's;
 * they may be binary plists, so /usr/bin/plutil converts them to JSON for us.
 */
import type { ProcessRunner } from '../diagnostics/process-runner';
import { MAX_POLICY_FILE_BYTES, untrustedFileReason, type PolicyFs, type SourceRead } from './types';

export const MANAGED_PREFERENCES_DIR = '/Library/Managed Preferences';
// Absolute path: a PATH entry of the user's must not be able to answer for plutil.
export const PLUTIL = '/usr/bin/plutil';

export function managedPreferencePaths(appId: string, userName: string | null): string[] {
  const machine = `${MANAGED_PREFERENCES_DIR}/${appId}.plist`;
  // A user name with a slash or dots could walk out of the folder: then only the machine file counts.
  const safeUser = userName !== null && /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/.test(userName) && !userName.startsWith('..');
  return safeUser ? [machine, `${MANAGED_PREFERENCES_DIR}/${userName}/${appId}.plist`] : [machine];
}

export async function readManagedPreferences(path: string, fs: PolicyFs, run: ProcessRunner): Promise<SourceRead> {
  const source = `plist:${path}`;
  try {
    const stat = await fs.stat(path);
    if (stat === null) return { status: 'absent', source };
    const untrusted = untrustedFileReason(stat);
    if (untrusted !== null) return { status: 'error', source, reason: `refused: ${untrusted}` };
    if (stat.size > MAX_POLICY_FILE_BYTES) return { status: 'error', source, reason: `larger than ${MAX_POLICY_FILE_BYTES} bytes` };
    const result = await run(PLUTIL, ['-convert', 'json', '-o', '-', path], { timeoutMs: 5000, maxOutputBytes: 2 * MAX_POLICY_FILE_BYTES });
    if (result.status !== 'ok') return { status: 'error', source, reason: `plutil: ${result.reason || result.status} ${result.stderr.trim()}`.trim() };
    const parsed: unknown = JSON.parse(result.stdout);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return { status: 'error', source, reason: 'not a dictionary' };
    // Profile bookkeeping (PayloadUUID…) may be copied along; it is not policy.
    const values = Object.fromEntries(Object.entries(parsed).filter(([key]) => !key.startsWith('Payload')));
    return { status: 'found', source, values };
  } catch (error) {
    return { status: 'error', source, reason: error instanceof Error ? error.message : String(error) };
  }
}
