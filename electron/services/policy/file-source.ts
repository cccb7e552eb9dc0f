import { MAX_POLICY_FILE_BYTES, untrustedFileReason, type PolicyFs, type SourceRead } from './types';

/** Linux: /etc/tandem/policy.json, one JSON object with the policy keys. */
export async function readPolicyFile(path: string, fs: PolicyFs, options: { requireRootOwned: boolean }): Promise<SourceRead> {
  const source = `file:${path}`;
  try {
    const stat = await fs.stat(path);
    if (stat === null) return { status: 'absent', source };
    const untrusted = options.requireRootOwned ? untrustedFileReason(stat) : null;
    if (untrusted !== null) return { status: 'error', source, reason: `refused: ${untrusted}` };
    if (stat.size > MAX_POLICY_FILE_BYTES) return { status: 'error', source, reason: `larger than ${MAX_POLICY_FILE_BYTES} bytes` };
    const text = new TextDecoder('utf-8', { fatal: true }).decode(await fs.readFile(path));
    const parsed: unknown = JSON.parse(text.replace(/^\uFEFF/, ''));
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      return { status: 'error', source, reason: 'not a JSON object' };
    }
    return { status: 'found', source, values: parsed as Record<string, unknown> };
  } catch (error) {
    return { status: 'error', source, reason: error instanceof Error ? error.message : String(error) };
  }
}
