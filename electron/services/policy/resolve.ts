/**
 * Turns what the sources read into the policy in force.
 *
 * Precedence, per key: the first source that sets a key wins (sources come highest first:
 * HKLM before HKCU, machine profile before user profile), then the policy overrides user
 * settings (effectiveSettings), and keys no source sets keep Tandem's defaults.
 *
 * Failing closed: a key whose value does not validate takes its *safest* value below, and a
 * source that exists but cannot be read makes every key take its safest value. Nothing a
 * broken policy might have been meant to restrict is ever left open.
 */
import type { Logger } from '../../../shared/log';
import { DEFAULT_RECORDING_RETENTION_DAYS, recordingModeSchema, recordingRetentionDaysSchema, type RecordingMode } from '../../../shared/recording';
import {
  capabilitySchema,
  colorSchema,
  logoDataUrlSchema,
  organizationIdSchema,
  organizationNameSchema,
  policyLanguageSchema,
  policyServerUrlSchema,
  reconnectLimitSecondsSchema,
  safetyCodeForControlSchema,
  type SafetyCodeForControl,
  reconnectTicketMinutesSchema,
  POLICY_KEYS,
  POLICY_KEY_NAMES,
  updateChannelSchema,
  updateUrlSchema,
  type Capability,
  type ManagedPolicy,
  type PolicyKey,
  unmanagedPolicy,
  defaultReconnectPolicy,
} from '../../../shared/policy';
import { DEFAULT_SERVER_URL } from '../settings';
import type { SourceRead } from './types';

const ALL_OFF: Record<Capability, boolean> = { control: false, files: false, clipboard: false, repairs: false, voice: false };

export { unmanagedPolicy };

/**
 * A policy exists but could not be read: every key at its most restrictive. The server is
 * locked to the built-in default, so the user cannot be talked into another server; no
 * capability beyond consented screen viewing; only verified consultants from no listed
 * organisation; no updates from a URL nobody could read. The app still opens and says why.
 */
export function safestPolicy(sources: string[]): ManagedPolicy {
  return {
    ...unmanagedPolicy(),
    managed: true,
    sources,
    serverUrl: DEFAULT_SERVER_URL,
    capabilities: { ...ALL_OFF },
    requireVerifiedConsultants: true,
    allowedConsultantOrganizations: [],
    // The restart repair is off with the repairs; a ticket kept anyway lives the shortest time.
    reconnect: { ...defaultReconnectPolicy(), ticketMinutes: 1, autoResumeAfterRestart: false },
    // Nothing is recorded, and anything already recorded is kept the shortest time.
    recording: { mode: 'forbidden', retentionDays: 1 },
    lockedSettings: ['serverUrl'],
    problem: { code: 'unreadable', fields: [], unknownKeys: [] },
  };
}

/** The policy keys after validation; the logo is still a reference (data URL or file path). */
export interface PolicyValues {
  serverUrl?: string;
  organizationName?: string;
  organizationLogo?: string;
  primaryColor?: string;
  accentColor?: string;
  allowedCapabilities?: Capability[];
  requireVerifiedConsultants?: boolean;
  allowedConsultantOrganizations?: string[];
  updatesEnabled?: boolean;
  updateUrl?: string;
  updateChannel?: string;
  defaultLanguage?: 'system' | 'fr' | 'en';
  reconnectLimitSeconds?: number;
  reconnectTicketMinutes?: number;
  autoResumeAfterRestart?: boolean;
  requireSafetyCodeForControl?: SafetyCodeForControl;
  sessionRecording?: RecordingMode;
  recordingRetentionDays?: number;
}

/** What a rejected key becomes (undefined: as if unset, which for these keys is safe). */
const SAFEST_VALUES: { [K in PolicyKey]: PolicyValues[K] } = {
  serverUrl: DEFAULT_SERVER_URL,
  organizationName: undefined,
  organizationLogo: undefined,
  primaryColor: undefined,
  accentColor: undefined,
  allowedCapabilities: [],
  requireVerifiedConsultants: true,
  allowedConsultantOrganizations: [],
  updatesEnabled: false,
  updateUrl: undefined,
  updateChannel: 'latest',
  defaultLanguage: undefined,
  // How long the apps keep retrying decides nobody's access: the default is safe.
  reconnectLimitSeconds: undefined,
  // The shortest life for the secret a ticket holds, and the user is always asked before resuming.
  reconnectTicketMinutes: 1,
  autoResumeAfterRestart: false,
  // A rejected value asks for the code before every control request.
  requireSafetyCodeForControl: 'always',
  // A value nobody can read never lets a session be recorded, nor a recording be kept long.
  sessionRecording: 'forbidden',
  recordingRetentionDays: 1,
};

type Coerced = { ok: true; value: unknown } | { ok: false };

function toBoolean(raw: unknown): Coerced {
  if (typeof raw === 'boolean') return { ok: true, value: raw };
  // REG_DWORD 0/1, or a JSON/REG_SZ written by hand.
  if (raw === 0 || raw === 1) return { ok: true, value: raw === 1 };
  if (typeof raw === 'string' && /^(true|false|0|1)$/i.test(raw.trim())) return { ok: true, value: /^(true|1)$/i.test(raw.trim()) };
  return { ok: false };
}

/** A whole number: REG_DWORD, a plist integer, JSON, or digits written as text. */
function toInteger(raw: unknown): Coerced {
  if (typeof raw === 'number' && Number.isInteger(raw)) return { ok: true, value: raw };
  if (typeof raw === 'string' && /^\s*\d{1,9}\s*$/.test(raw)) return { ok: true, value: Number(raw.trim()) };
  return { ok: false };
}

function toList(raw: unknown): { entries: string[]; ok: boolean } {
  // REG_SZ / a plain string: "control, files" is accepted as well as a real list.
  if (typeof raw === 'string') return { entries: raw.split(/[,;\s]+/).filter((entry) => entry !== ''), ok: true };
  if (Array.isArray(raw) && raw.length <= 256 && raw.every((entry) => typeof entry === 'string')) return { entries: raw, ok: true };
  return { entries: [], ok: false };
}

/** Validates one list entry by entry. An invalid entry is dropped, which only ever narrows the list. */
function parseList<T>(raw: unknown, parse: (entry: string) => T | null): { value: T[]; clean: boolean } {
  const list = toList(raw);
  if (!list.ok) return { value: [], clean: false };
  const value: T[] = [];
  let clean = true;
  for (const entry of list.entries) {
    const parsed = parse(entry);
    if (parsed === null) clean = false;
    else if (!value.includes(parsed)) value.push(parsed);
  }
  return { value, clean };
}

const safe = <T>(schema: { safeParse(value: unknown): { success: true; data: T } | { success: false } }, raw: unknown): T | null => {
  const result = schema.safeParse(raw);
  return result.success ? result.data : null;
};

type FieldResult = { value: unknown; clean: boolean };

function parseField(key: PolicyKey, raw: unknown): FieldResult {
  const scalar = (value: unknown): FieldResult => (value === null ? { value: SAFEST_VALUES[key], clean: false } : { value, clean: true });
  switch (key) {
    case 'serverUrl':
      return scalar(safe(policyServerUrlSchema, raw));
    case 'organizationName':
      return scalar(safe(organizationNameSchema, raw));
    case 'organizationLogo':
      // A data URL is checked here; a file path is read and checked by the loader.
      return scalar(typeof raw === 'string' && (raw.startsWith('data:') ? logoDataUrlSchema.safeParse(raw).success : isAbsolutePath(raw)) ? raw : null);
    case 'primaryColor':
    case 'accentColor':
      return scalar(safe(colorSchema, raw));
    case 'allowedCapabilities':
      return parseList(raw, (entry) => safe(capabilitySchema, entry.trim().toLowerCase()));
    case 'allowedConsultantOrganizations':
      return parseList(raw, (entry) => safe(organizationIdSchema, entry));
    case 'requireVerifiedConsultants':
    case 'updatesEnabled':
    case 'autoResumeAfterRestart': {
      const coerced = toBoolean(raw);
      return scalar(coerced.ok ? coerced.value : null);
    }
    case 'updateUrl':
      return scalar(safe(updateUrlSchema, raw));
    case 'updateChannel':
      return scalar(safe(updateChannelSchema, typeof raw === 'string' ? raw.trim().toLowerCase() : raw));
    case 'requireSafetyCodeForControl':
      return scalar(safe(safetyCodeForControlSchema, typeof raw === 'string' ? raw.trim().toLowerCase() : raw));
    case 'sessionRecording':
      return scalar(safe(recordingModeSchema, typeof raw === 'string' ? raw.trim().toLowerCase() : raw));
    case 'recordingRetentionDays': {
      const coerced = toInteger(raw);
      return scalar(coerced.ok ? safe(recordingRetentionDaysSchema, coerced.value) : null);
    }
    case 'defaultLanguage':
      return scalar(safe(policyLanguageSchema, typeof raw === 'string' ? raw.trim().toLowerCase() : raw));
    // Out of range is invalid (never clamped): the policy then says which key it rejected.
    case 'reconnectLimitSeconds': {
      const coerced = toInteger(raw);
      return scalar(coerced.ok ? safe(reconnectLimitSecondsSchema, coerced.value) : null);
    }
    case 'reconnectTicketMinutes': {
      const coerced = toInteger(raw);
      return scalar(coerced.ok ? safe(reconnectTicketMinutesSchema, coerced.value) : null);
    }
  }
}

export function isAbsolutePath(value: string): boolean {
  return value.length <= 1024 && !value.includes('\0') && (value.startsWith('/') || /^[A-Za-z]:\\/.test(value));
}

const CANONICAL = new Map(POLICY_KEY_NAMES.map((key) => [key.toLowerCase(), key]));

export interface ResolvedPolicy {
  policy: ManagedPolicy;
  /** The organisation logo still to load (a data URL or a file path), if the policy names one. */
  logoRef: string | null;
}

/** Merges the sources (highest precedence first), validates each key, fails closed. */
export function resolvePolicy(reads: readonly SourceRead[], log: Logger): ResolvedPolicy {
  const present = reads.filter((read) => read.status !== 'absent');
  const sources = present.map((read) => read.source);
  const failed = present.filter((read) => read.status === 'error');
  if (failed.length > 0) {
    for (const read of failed) log.error('policy.unreadable', { source: read.source, reason: read.reason });
    return { policy: safestPolicy(sources), logoRef: null };
  }
  if (present.length === 0) return { policy: unmanagedPolicy(), logoRef: null };

  // Key names match case-insensitively (registry value names are case-insensitive anyway,
  // and "ServerURL" in a JSON file must not silently leave the server unlocked).
  const merged = new Map<PolicyKey, unknown>();
  const rejected = new Set<string>();
  const unknownKeys: string[] = [];
  for (const read of present) {
    if (read.status !== 'found') continue;
    const seenHere = new Set<PolicyKey>();
    for (const [name, raw] of Object.entries(read.values)) {
      const key = CANONICAL.get(name.toLowerCase());
      if (key === undefined) {
        unknownKeys.push(name);
        log.warn('policy.unknown-key', { source: read.source, key: name });
        continue;
      }
      // Two spellings of one key in one source: ambiguous, so the key is rejected.
      if (seenHere.has(key)) rejected.add(key);
      seenHere.add(key);
      if (!merged.has(key)) merged.set(key, raw);
    }
  }

  const values: PolicyValues = {};
  for (const [key, raw] of merged) {
    const field = rejected.has(key) ? { value: SAFEST_VALUES[key], clean: false } : parseField(key, raw);
    if (!field.clean) {
      rejected.add(key);
      log.error('policy.invalid-value', { key, kind: POLICY_KEYS[key], fallback: JSON.stringify(SAFEST_VALUES[key]) ?? 'unset' });
    }
    if (field.value !== undefined) Object.assign(values, { [key]: field.value });
  }
  const fields = POLICY_KEY_NAMES.filter((key) => rejected.has(key));
  const problem = fields.length > 0 || unknownKeys.length > 0 ? { code: 'invalid-values' as const, fields, unknownKeys } : null;
  return { policy: buildPolicy(values, sources, problem), logoRef: values.organizationLogo ?? null };
}

function buildPolicy(values: PolicyValues, sources: string[], problem: ManagedPolicy['problem']): ManagedPolicy {
  const capabilities = values.allowedCapabilities
    ? (Object.fromEntries(capabilitySchema.options.map((name) => [name, values.allowedCapabilities?.includes(name) ?? false])) as Record<Capability, boolean>)
    : { ...unmanagedPolicy().capabilities };
  const updateUrl = values.updateUrl ?? null;
  const serverUrl = values.serverUrl ?? null;
  return {
    managed: true,
    sources,
    serverUrl,
    capabilities,
    requireVerifiedConsultants: values.requireVerifiedConsultants ?? false,
    allowedConsultantOrganizations: values.allowedConsultantOrganizations ?? null,
    // No URL, no updates: there is no built-in update server to fall back to.
    updates: { enabled: (values.updatesEnabled ?? true) && updateUrl !== null, url: updateUrl, channel: values.updateChannel ?? 'latest' },
    defaultLanguage: values.defaultLanguage ?? null,
    reconnect: {
      limitSeconds: values.reconnectLimitSeconds ?? defaultReconnectPolicy().limitSeconds,
      ticketMinutes: values.reconnectTicketMinutes ?? defaultReconnectPolicy().ticketMinutes,
      autoResumeAfterRestart: values.autoResumeAfterRestart ?? false,
    },
    requireSafetyCodeForControl: values.requireSafetyCodeForControl ?? 'unverified-consultants',
    recording: { mode: values.sessionRecording ?? 'allowed', retentionDays: values.recordingRetentionDays ?? DEFAULT_RECORDING_RETENTION_DAYS },
    branding: {
      organizationName: values.organizationName ?? null,
      logo: null,
      primaryColor: values.primaryColor?.toLowerCase() ?? null,
      accentColor: values.accentColor?.toLowerCase() ?? null,
    },
    lockedSettings: serverUrl !== null ? ['serverUrl'] : [],
    problem,
  };
}
