/** Diagnostics snapshots attached to help requests: the consultants' summary and size fitting. */
import * as z from 'zod';
import { bilingualSchema, checkIdSchema, checkStatusSchema, type DiagnosticsReport } from './diagnostics';

/** UTF-8 bytes of a serialised snapshot attached to a help request (keeps every message under 64 kB). */
export const DIAGNOSTICS_SNAPSHOT_MAX_BYTES = 40_000;

export const diagnosticsSummarySchema = z.strictObject({
  platform: z.string().max(32),
  ok: z.number().int().nonnegative(),
  warn: z.number().int().nonnegative(),
  fail: z.number().int().nonnegative(),
  unknown: z.number().int().nonnegative(),
  /** The first few failing then warning checks (verdicts cut to 120 characters: this goes in every queue snapshot). */
  problems: z.array(z.strictObject({ id: checkIdSchema, status: checkStatusSchema, verdict: bilingualSchema })).max(3),
});
export type DiagnosticsSummary = z.infer<typeof diagnosticsSummarySchema>;

export function summarizeDiagnostics(report: DiagnosticsReport): DiagnosticsSummary {
  const count = (status: string) => report.results.filter((result) => result.status === status).length;
  const problems = [...report.results.filter((r) => r.status === 'fail'), ...report.results.filter((r) => r.status === 'warn')]
    .slice(0, 3)
    .map((r) => ({ id: r.id, status: r.status, verdict: { fr: r.verdict.fr.slice(0, 120), en: r.verdict.en.slice(0, 120) } }));
  return { platform: report.platform, ok: count('ok'), warn: count('warn'), fail: count('fail'), unknown: count('unknown'), problems };
}

const byteLength = (value: unknown) => new TextEncoder().encode(JSON.stringify(value)).length;

/**
 * The most complete version of a report that fits in `maxBytes` (default: what a help request
 * accepts), or null: first as-is, then without the raw `data`, then with details cut short,
 * then only the checks that did not pass.
 */
export function compactDiagnostics(report: DiagnosticsReport, maxBytes = DIAGNOSTICS_SNAPSHOT_MAX_BYTES): DiagnosticsReport | null {
  const noData = { ...report, results: report.results.map(({ data: _data, ...rest }) => rest) };
  const shortDetail = { ...noData, results: noData.results.map((r) => ({ ...r, detail: r.detail.slice(0, 300) })) };
  const problemsOnly = { ...shortDetail, results: shortDetail.results.filter((r) => r.status !== 'ok') };
  for (const candidate of [report, noData, shortDetail, problemsOnly]) if (byteLength(candidate) <= maxBytes) return candidate;
  return null;
}
