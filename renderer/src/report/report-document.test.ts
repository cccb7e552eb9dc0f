import { describe, expect, it } from 'vitest';
import type { SessionReport } from '../../../shared/report';
import { translate } from '../i18n/i18n';
import { packageFontLoader } from '../test/package-fonts';
import { readPdf } from '../test/read-pdf';
import { reportPdf } from './report-document';

const report: SessionReport = {
  id: 'r1',
  role: 'user',
  startedAt: Date.UTC(2026, 11, 4, 9, 30),
  endedAt: Date.UTC(2026, 11, 4, 9, 52),
  peerName: 'Nguyễn Thị Minh Khai',
  endReason: 'ended',
  category: 'network',
  notes: 'Łukasz, Ιωάννης, Дмитрий et 李 : le câble était débranché.',
  diagnostics: null,
  controlPeriods: [],
  repairs: [],
  files: [{ name: 'Ведомость.pdf', direction: 'in', bytes: 10, status: 'done' }],
  messages: 2,
};

/** A 4 × 3 red PNG. */
const PNG = Uint8Array.from(atob('iVBORw0KGgoAAAANSUhEUgAAAAQAAAADCAIAAAA7ljmRAAAAEElEQVR4nGP4z8AARww4OQD1MQv1NXv7ggAAAABJRU5ErkJggg=='), (char) => char.charCodeAt(0));

describe('reportPdf', () => {
  it.each(['fr', 'en'] as const)('writes the report in %s with every name and note as typed', async (language) => {
    const t = (key: Parameters<typeof translate>[1], vars?: Parameters<typeof translate>[2]) => translate(language, key, vars);
    const reading = await readPdf(await reportPdf(report, t, language, { loadFont: packageFontLoader().load }));
    const lines = reading.pages.flat();
    expect(reading.title).toBe(t('report.sessionTitle'));
    expect(reading.language).toBe(language);
    expect(lines[0]).toBe(t('report.sessionTitle'));
    expect(lines[1]).toContain(t('report.with', { name: 'Nguyễn Thị Minh Khai' }));
    for (const key of ['report.category', 'report.done', 'report.notes', 'report.advice'] as const) expect(lines).toContain(t(key));
    expect(lines).toContain(t('category.network'));
    expect(lines).toContain(report.notes);
    expect(lines).toContain(t('report.file', { direction: t('report.fileIn'), name: 'Ведомость.pdf', status: 'done' }));
  });

  it('lists the screenshots and draws each picture under its line', async () => {
    const t = (key: Parameters<typeof translate>[1], vars?: Parameters<typeof translate>[2]) => translate('en', key, vars);
    const screenshots = [
      { id: 'a', takenAt: report.startedAt, width: 4, height: 3, png: PNG },
      { id: 'b', takenAt: report.endedAt, width: 4, height: 3, png: PNG },
    ];
    const reading = await readPdf(await reportPdf(report, t, 'en', { screenshots, loadFont: packageFontLoader().load }));
    const lines = reading.pages.flat();
    expect(lines).toContain('Screenshots');
    expect(lines.filter((line) => /^Screenshot [12]: .*, 4 × 3$/.test(line))).toHaveLength(2);
    expect(reading.pictures.reduce((sum, count) => sum + count, 0)).toBe(2);
  });
});
