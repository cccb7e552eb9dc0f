import type { Language } from '../../../shared/host-api';
import type { PdfBlock } from './pdf/build-pdf';
import type { FontLoader } from './pdf/report-fonts';
import type { Screenshot } from './report-store';
import type { SessionReport } from '../../../shared/report';
import type { Translate } from '../i18n/language-store';

export interface ReportSection {
  title: string;
  lines: string[];
}

/** One line per screenshot, in the order they were taken. */
export function screenshotLines(screenshots: readonly Screenshot[], t: Translate, language: Language): string[] {
  const time = new Intl.DateTimeFormat(language, { timeStyle: 'short' });
  return screenshots.map((shot, index) => t('report.screenshotLine', { number: index + 1, time: time.format(shot.takenAt), width: shot.width, height: shot.height }));
}

/** The report as titled sections of plain lines: one model for the screen, HTML and PDF. */
export function reportSections(
  report: SessionReport,
  t: Translate,
  language: Language,
  screenshots: readonly Screenshot[] = [],
): { title: string; subtitle: string; sections: ReportSection[] } {
  const date = new Intl.DateTimeFormat(language, { dateStyle: 'long', timeStyle: 'short' }).format(report.startedAt);
  const minutes = (ms: number) => Math.max(1, Math.round(ms / 60_000));
  const control = report.controlPeriods.reduce((total, period) => total + (period.to - period.from), 0);
  const done = [
    report.controlPeriods.length > 0 ? t('report.controlPeriods', { count: report.controlPeriods.length, minutes: minutes(control) }) : t('report.noControl'),
    ...report.repairs.map((repair) => t('report.repair', { title: repair.title, status: repair.status })),
    ...report.files.map((file) => t('report.file', { direction: t(file.direction === 'in' ? 'report.fileIn' : 'report.fileOut'), name: file.name, status: file.status })),
    t('report.messages', { count: report.messages }),
  ];
  const sections: ReportSection[] = [
    { title: t('report.category'), lines: [report.category ? t(`category.${report.category}`) : t('report.categoryNone')] },
    {
      title: t('report.found'),
      lines: report.diagnostics
        ? [t('report.foundSummary', { ok: report.diagnostics.ok, warn: report.diagnostics.warn, fail: report.diagnostics.fail, unknown: report.diagnostics.unknown }), ...report.diagnostics.problems]
        : [t('report.nothingFound')],
    },
    { title: t('report.done'), lines: done },
    { title: t('report.notes'), lines: [report.notes.trim() || t('report.noNotes')] },
    { title: t('report.advice'), lines: [t(`advice.${report.category ?? 'other'}`)] },
  ];
  if (screenshots.length > 0) sections.push({ title: t('report.screenshots'), lines: screenshotLines(screenshots, t, language) });
  return {
    title: t('report.sessionTitle'),
    subtitle: `${t('report.with', { name: report.peerName || '—' })} · ${t('report.when', { date, duration: t('report.minutes', { count: minutes(report.endedAt - report.startedAt) }) })}`,
    sections,
  };
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

/** A self-contained HTML page: escaped text only, no script, no external resource. */
export function reportHtml(report: SessionReport, t: Translate, language: Language, screenshots: readonly Screenshot[] = []): string {
  const { title, subtitle, sections } = reportSections(report, t, language, screenshots);
  const body = sections.map((section) => `<h2>${escapeHtml(section.title)}</h2>\n${section.lines.map((line) => `<p>${escapeHtml(line)}</p>`).join('\n')}`).join('\n');
  return `<!doctype html>
<html lang="${language}"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${escapeHtml(title)}</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:44rem;margin:2rem auto;color:#1d2b2a}h1{color:#0f5246}h2{font-size:1.1rem;margin-top:1.5rem}</style>
</head><body><h1>${escapeHtml(title)}</h1><p>${escapeHtml(subtitle)}</p>
${body}
</body></html>`;
}

/**
 * The report as a PDF, each screenshot's picture under its line. The writer and its fonts load
 * on first use (pdf-lib and fontkit are most of a megabyte), and the fonts come from the app's
 * own files unless `loadFont` says otherwise.
 */
export async function reportPdf(
  report: SessionReport,
  t: Translate,
  language: Language,
  options: { screenshots?: readonly Screenshot[]; loadFont?: FontLoader } = {},
): Promise<Uint8Array> {
  const [{ buildPdf }, { fetchFont }] = await Promise.all([import('./pdf/build-pdf'), import('./pdf/report-fonts')]);
  const screenshots = options.screenshots ?? [];
  const { title, subtitle, sections } = reportSections(report, t, language);
  const blocks: PdfBlock[] = [{ text: title, size: 20, bold: true }, { text: subtitle, gap: 4 }];
  for (const section of sections) {
    blocks.push({ text: section.title, size: 13, bold: true, gap: 12 });
    for (const line of section.lines) blocks.push({ text: line });
  }
  if (screenshots.length > 0) {
    blocks.push({ text: t('report.screenshots'), size: 13, bold: true, gap: 12 });
    screenshotLines(screenshots, t, language).forEach((line, index) => {
      blocks.push({ text: line, gap: index === 0 ? 0 : 8 });
      const png = screenshots[index]?.png;
      if (png) blocks.push({ picture: { bytes: png, type: 'png' } });
    });
  }
  return buildPdf(blocks, { title, language, loadFont: options.loadFont ?? fetchFont });
}

/** Saves a file from the page (the browser's or Electron's download). */
export function download(name: string, type: string, data: string | Uint8Array): void {
  const url = URL.createObjectURL(new Blob([data as BlobPart], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
