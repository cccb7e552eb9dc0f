/** The report as plain text for IT staff and phone support: grouped, worst first. */
import type { CheckCategory, CheckResult, CheckStatus, DiagnosticsReport } from '../../../shared/diagnostics';

export type ReportLanguage = 'fr' | 'en';

const RANK: Record<CheckStatus, number> = { fail: 0, warn: 1, unknown: 2, ok: 3 };
const LABEL: Record<ReportLanguage, Record<CheckStatus, string>> = {
  en: { fail: 'FAIL', warn: 'WARN', unknown: '????', ok: ' OK ' },
  fr: { fail: 'ÉCHEC', warn: 'ATTN', unknown: '????', ok: ' OK ' },
};
const CATEGORY: Record<ReportLanguage, Record<CheckCategory, string>> = {
  en: { network: 'Network', system: 'System', printers: 'Printers', security: 'Security' },
  fr: { network: 'Réseau', system: 'Système', printers: 'Imprimantes', security: 'Sécurité' },
};
const TITLE: Record<ReportLanguage, string> = { en: 'Tandem diagnostics', fr: 'Diagnostic Tandem' };
const SUMMARY: Record<ReportLanguage, (counts: Record<CheckStatus, number>) => string> = {
  en: (c) => `${c.fail} failed, ${c.warn} warnings, ${c.unknown} unknown, ${c.ok} ok`,
  fr: (c) => `${c.fail} en échec, ${c.warn} avertissements, ${c.unknown} inconnus, ${c.ok} ok`,
};

const worst = (results: CheckResult[]) => Math.min(...results.map((r) => RANK[r.status]));

export function formatReport(report: DiagnosticsReport, lang: ReportLanguage): string {
  const groups = new Map<CheckCategory, CheckResult[]>();
  for (const result of report.results) groups.set(result.category, [...(groups.get(result.category) ?? []), result]);
  const counts: Record<CheckStatus, number> = { fail: 0, warn: 0, unknown: 0, ok: 0 };
  for (const result of report.results) counts[result.status] += 1;
  const lines = [`${TITLE[lang]} — ${report.platform} — ${report.finishedAt}`, SUMMARY[lang](counts), ''];
  const ordered = [...groups.entries()].sort(([, a], [, b]) => worst(a) - worst(b));
  for (const [category, results] of ordered) {
    lines.push(`== ${CATEGORY[lang][category]} ==`);
    for (const result of [...results].sort((a, b) => RANK[a.status] - RANK[b.status])) {
      lines.push(`[${LABEL[lang][result.status].padEnd(5)}] ${result.id}: ${result.verdict[lang]}`);
      lines.push(`        ${result.detail.replace(/\n/g, '\n        ')} (${result.durationMs} ms)`);
    }
    lines.push('');
  }
  return lines.join('\n');
}
