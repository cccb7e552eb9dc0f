/**
 * Diagnostics and repair contracts. These results cross IPC (main → renderer) and the data
 * channel (user → consultant), so every field is bounded: a hostile or buggy peer cannot
 * make the other side allocate without limit, and a chatty check cannot flood the channel.
 */
import * as z from 'zod';

export const LIMITS = {
  verdict: 400,
  detail: 2000,
  /** Serialised size of a result's `data` record. */
  dataJson: 4096,
  results: 64,
  /** Each of a repair's stdout and stderr. */
  output: 8000,
} as const;

/** Every check Tandem knows. Re-running one by id is validated against this list. */
export const CHECK_IDS = [
  'system.os',
  'system.desktop',
  'system.cpu',
  'system.memory',
  'system.disk-space',
  'system.disk-health',
  'system.battery',
  'system.processes',
  'system.software',
  'system.updates',
  'network.interfaces',
  'network.gateway',
  'network.dns-system',
  'network.dns-custom',
  'network.server',
  'network.hosts',
  'network.proxy',
  'network.captive-portal',
  'network.wifi',
  'printers.status',
  'security.firewall',
  'security.antivirus',
] as const;
export const checkIdSchema = z.enum(CHECK_IDS);
export type CheckId = z.infer<typeof checkIdSchema>;

/** Every repair Tandem knows; each platform's catalogue offers a subset. */
export const REPAIR_IDS = [
  'dns.flush',
  'network.renew-dhcp',
  'network.reset-stack',
  'printing.restart-spooler',
  'printing.clear-queue',
  'security.quick-scan',
  'system.clear-temp',
  /** Only with a reconnect ticket saved first (shared/reconnect.ts): the user's app comes back by itself. */
  'system.restart-computer',
  'settings.open-network',
  'settings.open-printers',
  'settings.open-security',
] as const;
export const repairIdSchema = z.enum(REPAIR_IDS);
export type RepairId = z.infer<typeof repairIdSchema>;

export const checkCategorySchema = z.enum(['system', 'network', 'printers', 'security']);
export type CheckCategory = z.infer<typeof checkCategorySchema>;
export const checkStatusSchema = z.enum(['ok', 'warn', 'fail', 'unknown']);
export type CheckStatus = z.infer<typeof checkStatusSchema>;

/** Plain language for the person being helped, in both interface languages. */
export const bilingualSchema = z.strictObject({ fr: z.string().max(LIMITS.verdict), en: z.string().max(LIMITS.verdict) });
export type Bilingual = z.infer<typeof bilingualSchema>;

const durationSchema = z.number().int().nonnegative().max(24 * 3600 * 1000);

export const checkDataSchema = z
  .record(z.string().max(64), z.json())
  .refine((data) => JSON.stringify(data).length <= LIMITS.dataJson, `data must serialise to at most ${LIMITS.dataJson} characters`);

export const checkResultSchema = z.strictObject({
  id: checkIdSchema,
  category: checkCategorySchema,
  status: checkStatusSchema,
  verdict: bilingualSchema,
  /** Technical detail for the consultant. */
  detail: z.string().max(LIMITS.detail),
  durationMs: durationSchema,
  data: checkDataSchema.optional(),
});
export type CheckResult = z.infer<typeof checkResultSchema>;

export const diagnosticsReportSchema = z.strictObject({
  startedAt: z.iso.datetime(),
  finishedAt: z.iso.datetime(),
  platform: z.string().max(32),
  results: z.array(checkResultSchema).max(LIMITS.results),
});
export type DiagnosticsReport = z.infer<typeof diagnosticsReportSchema>;

/** What the user and the consultant see before a repair runs. */
export const repairActionSchema = z.strictObject({
  id: repairIdSchema,
  title: bilingualSchema,
  explanation: bilingualSchema,
  /** True when the OS will show its own elevation prompt (UAC, macOS authorization, pkexec). */
  needsAdmin: z.boolean(),
  /** The exact program and arguments, for display only (never parsed back). */
  commandPreview: z.string().max(LIMITS.detail),
});
export type RepairAction = z.infer<typeof repairActionSchema>;

export const repairStatusSchema = z.enum(['succeeded', 'failed', 'timed-out', 'unavailable']);
export type RepairStatus = z.infer<typeof repairStatusSchema>;

export const repairOutcomeSchema = z.strictObject({
  id: repairIdSchema,
  status: repairStatusSchema,
  exitCode: z.number().int().nullable(),
  stdout: z.string().max(LIMITS.output),
  stderr: z.string().max(LIMITS.output),
  durationMs: durationSchema,
});
export type RepairOutcome = z.infer<typeof repairOutcomeSchema>;

/** Keeps the end of long text (the last lines of a command are usually the useful ones). */
export function boundText(text: string, max: number): string {
  if (text.length <= max) return text;
  const marker = '…[truncated]…\n';
  return marker + text.slice(text.length - (max - marker.length));
}
