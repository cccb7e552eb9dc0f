/**
 * Windows: Group Policy writes HKLM\Software\Policies\Tandem (and, for user policies,
 * HKCU\…). Read with reg.exe through the injected runner: no native module, no shell.
 * Both keys are writable by administrators only.
 */
import type { ProcessRunner } from '../diagnostics/process-runner';
import type { SourceRead } from './types';

export const POLICY_REGISTRY_KEYS = ['HKLM\\Software\\Policies\\Tandem', 'HKCU\\Software\\Policies\\Tandem'] as const;

/** A value reg.exe printed with a type Tandem never uses (REG_BINARY…): the key is then rejected. */
export interface UnsupportedRegistryValue {
  unsupportedType: string;
}

export type RegistryValue = string | number | string[] | UnsupportedRegistryValue;

const HIVES: Record<string, string> = {
  HKLM: 'HKEY_LOCAL_MACHINE',
  HKCU: 'HKEY_CURRENT_USER',
};

export function expandHive(key: string): string {
  const [hive = '', ...rest] = key.split('\\');
  return [HIVES[hive.toUpperCase()] ?? hive, ...rest].join('\\');
}

// "    Name    REG_TYPE    data": reg.exe separates columns with four spaces.
const VALUE_LINE = /^ {4}(.+?) {4}(REG_[A-Z_]+)(?: {4}(.*))?$/;

function convert(type: string, data: string): RegistryValue {
  switch (type) {
    case 'REG_SZ':
    case 'REG_EXPAND_SZ':
      return data;
    case 'REG_DWORD':
    case 'REG_QWORD': {
      const value = Number.parseInt(data, 16);
      return /^0x[0-9a-f]+$/i.test(data) && Number.isSafeInteger(value) ? value : { unsupportedType: `${type} ${data}` };
    }
    case 'REG_MULTI_SZ':
      // reg.exe prints the strings joined by a literal "\0".
      return data === '' ? [] : data.split('\\0').filter((entry) => entry !== '');
    default:
      return { unsupportedType: type };
  }
}

/** Parses `reg query <key>` output: only the values directly under `key` (not subkeys). */
export function parseRegQuery(stdout: string, key: string): Record<string, RegistryValue> {
  const wanted = expandHive(key).toLowerCase();
  const values: Record<string, RegistryValue> = {};
  let inKey = false;
  for (const line of stdout.split(/\r?\n/)) {
    if (line.trim() === '') continue;
    if (!line.startsWith(' ')) {
      inKey = line.trim().toLowerCase() === wanted;
      continue;
    }
    const match = inKey ? VALUE_LINE.exec(line) : null;
    if (!match) continue;
    const [, name = '', type = '', data = ''] = match;
    // The unnamed default value ("(Default)", localised) is not a policy.
    if (name.startsWith('(')) continue;
    values[name] = convert(type, data);
  }
  return values;
}

const parentOf = (key: string): string => key.slice(0, Math.max(0, key.lastIndexOf('\\')));

function lists(stdout: string, key: string): boolean {
  const expanded = expandHive(key).toLowerCase();
  return stdout.split(/\r?\n/).some((line) => line.trim().toLowerCase() === expanded);
}

/**
 * reg.exe exits 1 both when the key is missing and on real failures, with a localised
 * message. So "absent" is only concluded when the nearest existing ancestor key is listed
 * and does not name the missing child; anything else is an error, which fails closed
 * (a failure must never pass for "no policy", which would open everything up).
 */
export async function readRegistryPolicy(run: ProcessRunner, key: string, regExe: string): Promise<SourceRead> {
  const source = `registry:${key}`;
  const result = await run(regExe, ['query', key], { timeoutMs: 5000 });
  if (result.status === 'ok') return { status: 'found', source, values: parseRegQuery(result.stdout, key) };
  const error: SourceRead = { status: 'error', source, reason: result.reason || `reg query: ${result.status}` };
  if (result.status !== 'failed' || result.exitCode !== 1) return error;
  // HKCU\Software\Policies may itself be missing on a fresh profile: walk up to an existing key.
  let child = key;
  for (let parent = parentOf(key); parent.includes('\\'); child = parent, parent = parentOf(parent)) {
    const listing = await run(regExe, ['query', parent], { timeoutMs: 5000 });
    if (listing.status === 'ok') return lists(listing.stdout, child) ? error : { status: 'absent', source };
    if (listing.status !== 'failed' || listing.exitCode !== 1) return error;
  }
  return error;
}
