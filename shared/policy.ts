/**
 * Managed policy: what an organisation's IT department imposes on Tandem, read by the host
 * at start-up (electron/services/policy) and shown by the UI ("Managed by your organisation").
 *
 * Security rule for everything below: a policy can only be *applied* when it validates. A
 * value that does not validate never falls back to the permissive default; it falls back to
 * the safest value for that key (see SAFEST_VALUES in electron/services/policy/resolve.ts
 * and docs/deployment.md).
 */
import * as z from 'zod';
import { serverUrlSchema } from './server-url';
import type { Settings } from './settings';
import { DEFAULT_RECORDING_RETENTION_DAYS, recordingModeSchema, recordingRetentionDaysSchema } from './recording';
import { DEFAULT_RECONNECT_LIMIT_SECONDS, DEFAULT_RECONNECT_TICKET_MINUTES, MAX_RECONNECT_TICKET_MINUTES } from './reconnect';

/** The bundle id / app id. macOS managed preferences are keyed by it; dist:check compares it with electron-builder.yml. */
export const APP_ID = 'org.tandem.app';

export const CAPABILITIES = ['control', 'files', 'clipboard', 'repairs', 'voice'] as const;
export const capabilitySchema = z.enum(CAPABILITIES);
export type Capability = z.infer<typeof capabilitySchema>;

/**
 * Every key IT may set, with its kind ('number': a whole number, REG_DWORD). Registry values (REG_DWORD, REG_MULTI_SZ) and plist
 * values are coerced by kind; the ADMX template, the sample profile and the sample JSON file
 * are tested against this list.
 */
export const POLICY_KEYS = {
  serverUrl: 'string',
  organizationName: 'string',
  organizationLogo: 'string',
  primaryColor: 'string',
  accentColor: 'string',
  allowedCapabilities: 'list',
  requireVerifiedConsultants: 'boolean',
  allowedConsultantOrganizations: 'list',
  updatesEnabled: 'boolean',
  updateUrl: 'string',
  updateChannel: 'string',
  defaultLanguage: 'string',
  reconnectLimitSeconds: 'number',
  reconnectTicketMinutes: 'number',
  autoResumeAfterRestart: 'boolean',
  requireSafetyCodeForControl: 'string',
  sessionRecording: 'string',
  recordingRetentionDays: 'number',
} as const satisfies Record<string, 'string' | 'boolean' | 'list' | 'number'>;
export type PolicyKey = keyof typeof POLICY_KEYS;
export const POLICY_KEY_NAMES = Object.keys(POLICY_KEYS) as PolicyKey[];

/** Decoded bytes of a logo; the data URL is ~4/3 of that. Bounded so a policy cannot bloat every IPC reply. */
export const MAX_LOGO_BYTES = 128 * 1024;
const MAX_LOGO_DATA_URL = Math.ceil(MAX_LOGO_BYTES / 3) * 4 + 64;

export const policyServerUrlSchema = serverUrlSchema;

/** Updates run code from this server: https only, no credentials, no query to smuggle options. */
export const updateUrlSchema = z
  .string()
  .max(2048)
  .refine((value) => {
    try {
      const url = new URL(value);
      return url.protocol === 'https:' && url.username === '' && url.password === '' && url.search === '' && url.hash === '';
    } catch {
      return false;
    }
  }, 'must be an https:// URL without credentials, query or fragment');

/** Raster images only: an SVG can carry script and external references. */
export const logoDataUrlSchema = z
  .string()
  .max(MAX_LOGO_DATA_URL)
  .regex(/^data:image\/(png|jpeg|webp);base64,[A-Za-z0-9+/]+={0,2}$/, 'must be a base64 PNG, JPEG or WebP data URL');

/** A colour the UI puts into CSS: only #rrggbb, so no value can escape into other CSS. */
export const colorSchema = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be #rrggbb');
export const organizationNameSchema = z
  .string()
  .trim()
  .min(1)
  .max(80)
  // No control characters and no U+FFFD (a name garbled by a wrong code page).
  .regex(/^[^\p{Cc}\uFFFD]+$/u, 'must be printable text');
/** Organisation identifiers as the server will assert them: domain-like, compared in lower case. */
export const organizationIdSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9](?:[a-z0-9-]{0,62})(?:\.[a-z0-9](?:[a-z0-9-]{0,62}))*$/, 'must look like example.org')
  .max(253);
/** electron-updater fetches `<url>/<channel>.yml`: letters, digits and dashes only, no path. */
export const updateChannelSchema = z.string().regex(/^[a-z][a-z0-9-]{0,31}$/, 'must be like latest or beta');
export const policyLanguageSchema = z.enum(['system', 'fr', 'en']);
export const reconnectLimitSecondsSchema = z.number().int().min(10).max(600);
/**
 * When the user must confirm the safety code (shared/safety-code.ts) before control is even
 * offered: always, only for helpers no organisation vouches for (the default), or never.
 */
export const safetyCodeForControlSchema = z.enum(['always', 'unverified-consultants', 'never']);
export type SafetyCodeForControl = z.infer<typeof safetyCodeForControlSchema>;
export const reconnectTicketMinutesSchema = z.number().int().min(1).max(MAX_RECONNECT_TICKET_MINUTES);

/** The settings a policy can lock; the UI disables their controls and says why. */
export const LOCKABLE_SETTINGS = ['serverUrl', 'language'] as const satisfies readonly (keyof Settings)[];
export type LockableSetting = (typeof LOCKABLE_SETTINGS)[number];

export const policyProblemSchema = z.strictObject({
  /** unreadable: a policy exists but could not be read at all; invalid-values: some keys were rejected. */
  code: z.enum(['unreadable', 'invalid-values']),
  /** The rejected keys (empty when unreadable). For the log and IT; the UI shows a general message. */
  fields: z.array(z.string()),
  /** Names no Tandem version knows (typos, or keys for a newer version): ignored, reported. */
  unknownKeys: z.array(z.string()),
});
export type PolicyProblem = z.infer<typeof policyProblemSchema>;

export const managedBrandingSchema = z.strictObject({
  organizationName: organizationNameSchema.nullable(),
  logo: logoDataUrlSchema.nullable(),
  primaryColor: colorSchema.nullable(),
  accentColor: colorSchema.nullable(),
});
export type ManagedBranding = z.infer<typeof managedBrandingSchema>;

/** What `policy.get` returns: the policy in force, already resolved (never the raw sources). */
export const managedPolicySchema = z.strictObject({
  /** True when any policy source exists, valid or not. */
  managed: z.boolean(),
  /** Where it came from, highest precedence first, e.g. "file:/etc/tandem/policy.json". */
  sources: z.array(z.string()),
  /** Locked signaling server, or null when the user may choose. */
  serverUrl: policyServerUrlSchema.nullable(),
  capabilities: z.strictObject({ control: z.boolean(), files: z.boolean(), clipboard: z.boolean(), repairs: z.boolean(), voice: z.boolean() }),
  requireVerifiedConsultants: z.boolean(),
  /** null: any organisation; []: none. */
  allowedConsultantOrganizations: z.array(organizationIdSchema).nullable(),
  updates: z.strictObject({ enabled: z.boolean(), url: updateUrlSchema.nullable(), channel: updateChannelSchema }),
  defaultLanguage: policyLanguageSchema.nullable(),
  /**
   * Surviving faults: how long both apps try to restore a lost connection before giving up,
   * how long a reboot-and-reconnect ticket lives, and whether the user's app may resume after
   * the restart without asking (it asks by default).
   */
  reconnect: z.strictObject({
    limitSeconds: reconnectLimitSecondsSchema,
    ticketMinutes: reconnectTicketMinutesSchema,
    autoResumeAfterRestart: z.boolean(),
  }),
  requireSafetyCodeForControl: safetyCodeForControlSchema,
  /**
   * Recording (issue 18). `mode` applies where the user shares their screen: 'forbidden'
   * refuses every request without asking, 'required' makes the helper's app ask as soon as
   * the screen is shared (the person still decides: consent is asked either way).
   * `retentionDays` applies where recordings are kept, the consultant's app.
   */
  recording: z.strictObject({ mode: recordingModeSchema, retentionDays: recordingRetentionDaysSchema }),
  branding: managedBrandingSchema,
  lockedSettings: z.array(z.enum(LOCKABLE_SETTINGS)),
  problem: policyProblemSchema.nullable(),
});
export type ManagedPolicy = z.infer<typeof managedPolicySchema>;

/** No policy anywhere: the app behaves as an unmanaged install (also the plain browser's policy). */
export function unmanagedPolicy(): ManagedPolicy {
  return {
    managed: false,
    sources: [],
    serverUrl: null,
    capabilities: { control: true, files: true, clipboard: true, repairs: true, voice: true },
    requireVerifiedConsultants: false,
    allowedConsultantOrganizations: null,
    updates: { enabled: false, url: null, channel: 'latest' },
    defaultLanguage: null,
    reconnect: defaultReconnectPolicy(),
    requireSafetyCodeForControl: 'unverified-consultants',
    recording: { mode: 'allowed', retentionDays: DEFAULT_RECORDING_RETENTION_DAYS },
    branding: { organizationName: null, logo: null, primaryColor: null, accentColor: null },
    lockedSettings: [],
    problem: null,
  };
}

export function defaultReconnectPolicy(): ManagedPolicy['reconnect'] {
  return { limitSeconds: DEFAULT_RECONNECT_LIMIT_SECONDS, ticketMinutes: DEFAULT_RECONNECT_TICKET_MINUTES, autoResumeAfterRestart: false };
}

/** Capability gating, for the host (refuse) and the UI (hide). */
export function isAllowed(policy: Pick<ManagedPolicy, 'capabilities'>, capability: Capability): boolean {
  return policy.capabilities[capability] === true;
}

/** Whether a consultant's organisation (as verified by the server) may be let in at all. */
export function isConsultantAllowed(
  policy: Pick<ManagedPolicy, 'requireVerifiedConsultants' | 'allowedConsultantOrganizations'>,
  consultant: { verified: boolean; organization: string | null },
): boolean {
  if (policy.requireVerifiedConsultants && !consultant.verified) return false;
  const allowed = policy.allowedConsultantOrganizations;
  if (allowed === null) return true;
  // An organisation claim only counts when the server verified it.
  if (!consultant.verified || consultant.organization === null) return false;
  return allowed.includes(consultant.organization.trim().toLowerCase());
}

/**
 * Policy over user settings: a locked server replaces the user's; the policy's default
 * language applies only while the user has not picked one ("system").
 */
export function effectiveSettings(user: Settings, policy: Pick<ManagedPolicy, 'serverUrl' | 'defaultLanguage'>): Settings {
  return {
    ...user,
    serverUrl: policy.serverUrl ?? user.serverUrl,
    language: user.language === 'system' && policy.defaultLanguage !== null ? policy.defaultLanguage : user.language,
  };
}

/** The locked settings a patch tries to change; the host refuses such a patch. */
export function lockedKeysIn(patch: Partial<Settings>, policy: Pick<ManagedPolicy, 'lockedSettings'>): LockableSetting[] {
  return policy.lockedSettings.filter((key) => key in patch && patch[key] !== undefined);
}
