import { describe, expect, it } from 'vitest';
import { packageFontLoader } from '../../test/package-fonts';
import { readPdf } from '../../test/read-pdf';
import { buildPdf } from './build-pdf';

/** Names and notes as people type them, one script each. */
const SAMPLES = {
  latin: 'Rapport : Amélie Dupré a réparé le « Wi-Fi » – 3 € (ok)',
  polish: 'Łukasz Żółć, Gdańsk',
  vietnamese: 'Nguyễn Thị Minh Khai',
  greek: 'Ιωάννης Παπαδόπουλος',
  cyrillic: 'Дмитрий Шостакович, Київ',
  cjk: '李小龙在北京',
};

describe('buildPdf', () => {
  it('writes every script back exactly as it was typed, in regular and bold', async () => {
    const fonts = packageFontLoader();
    const blocks = [{ text: 'Łukasz 李', bold: true, size: 18 }, ...Object.values(SAMPLES).map((text) => ({ text }))];
    const reading = await readPdf(await buildPdf(blocks, { title: 'Rapport — Łukasz 李', language: 'fr', loadFont: fonts.load }));
    expect(reading.pages).toEqual([['Łukasz 李', ...Object.values(SAMPLES)]]);
    expect(reading.title).toBe('Rapport — Łukasz 李');
    expect(reading.language).toBe('fr');
  });

  it('loads only the font files the text needs', async () => {
    const fonts = packageFontLoader();
    await buildPdf([{ text: SAMPLES.polish }, { text: 'Bold', bold: true }], { title: 't', language: 'en', loadFont: fonts.load });
    expect(fonts.loaded.sort()).toEqual(['noto-sans-latin-400-normal.woff', 'noto-sans-latin-700-normal.woff', 'noto-sans-latin-ext-400-normal.woff']);
  });

  it('takes decomposed accents as the letters they make', async () => {
    const fonts = packageFontLoader();
    const reading = await readPdf(await buildPdf([{ text: 'Nguye\u0302\u0303n' }], { title: 't', language: 'vi', loadFont: fonts.load }));
    expect(reading.pages).toEqual([['Nguyễn']]);
  });

  it('wraps long lines within the page, by words, and cuts text with no spaces', async () => {
    const fonts = packageFontLoader();
    const words = Array.from({ length: 60 }, (_, index) => `mot${index}`).join(' ');
    const reading = await readPdf(await buildPdf([{ text: words }, { text: '李'.repeat(80) }], { title: 't', language: 'fr', loadFont: fonts.load }));
    const [page] = reading.pages;
    expect(page?.length).toBeGreaterThan(4);
    expect(page?.filter((line) => line.startsWith('mot')).join(' ')).toBe(words);
    expect(page?.filter((line) => line.startsWith('李')).join('')).toBe('李'.repeat(80));
  });

  it('continues on new pages, losing no line', async () => {
    const fonts = packageFontLoader();
    // At 40 pt about 13 lines fit on a page.
    const lines = Array.from({ length: 30 }, (_, index) => `Ligne ${index}`);
    const reading = await readPdf(await buildPdf(lines.map((text) => ({ text, size: 40 })), { title: 't', language: 'fr', loadFont: fonts.load }));
    expect(reading.pages.length).toBeGreaterThanOrEqual(3);
    expect(reading.pages.flat()).toEqual(lines);
  });
});
