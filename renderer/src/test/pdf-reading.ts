/**
 * Test helpers for the PDF report, used only by *.test.ts: the bundled fonts read straight from
 * their packages (as data URLs, since tests have no app origin to fetch from), and the text of a
 * PDF read back by pdf.js, as a reader would extract it.
 */
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { FontLoader } from '../report/pdf/report-fonts';

const inlineFonts: Record<string, () => Promise<string>> = {
  ...import.meta.glob<string>('../../../node_modules/@fontsource/noto-sans/files/noto-sans-*-{400,700}-normal.woff', { query: '?inline', import: 'default' }),
  ...import.meta.glob<string>('../../../node_modules/@fontsource/noto-sans-sc/files/noto-sans-sc-+([0-9])-400-normal.woff', { query: '?inline', import: 'default' }),
};
const byFile = new Map(Object.entries(inlineFonts).map(([path, load]) => [path.slice(path.lastIndexOf('/') + 1), load]));
/** Decoded once per test file: decoding the data URLs again for every report only slows tests down. */
const decoded = new Map<string, Promise<Uint8Array>>();

async function decode(file: string): Promise<Uint8Array> {
  const dataUrl = await byFile.get(file)?.();
  if (dataUrl === undefined) throw new Error(`No font file ${file}`);
  return new Uint8Array(await (await fetch(dataUrl)).arrayBuffer());
}

/** Every face that was loaded, in order: tests check that a report fetches only what it needs. */
export function packageFontLoader(): { load: FontLoader; loaded: string[] } {
  const loaded: string[] = [];
  const load: FontLoader = (face) => {
    loaded.push(face.file);
    const bytes = decoded.get(face.file) ?? decode(face.file);
    decoded.set(face.file, bytes);
    return bytes;
  };
  return { load, loaded };
}

export interface PdfReading {
  title: string | undefined;
  language: string | undefined;
  /** Each page's lines, top to bottom, the pieces of a line joined left to right. */
  pages: string[][];
}

export async function readPdf(bytes: Uint8Array): Promise<PdfReading> {
  // pdf.js takes ownership of the buffer it is given: hand it a copy.
  const pdf = await getDocument({ data: bytes.slice(), isEvalSupported: false, useSystemFonts: false }).promise;
  const { info } = await pdf.getMetadata();
  const pages: string[][] = [];
  for (let number = 1; number <= pdf.numPages; number += 1) {
    const content = await (await pdf.getPage(number)).getTextContent();
    const lines = new Map<number, { x: number; text: string }[]>();
    for (const item of content.items) {
      if (!('str' in item) || item.str === '') continue;
      const [x = 0, y = 0] = [item.transform[4] as number, item.transform[5] as number];
      const key = Math.round(y);
      lines.set(key, [...(lines.get(key) ?? []), { x, text: item.str }]);
    }
    pages.push(
      [...lines.entries()]
        .sort(([a], [b]) => b - a)
        .map(([, pieces]) => pieces.sort((a, b) => a.x - b.x).map((piece) => piece.text).join('')),
    );
  }
  await pdf.destroy();
  const fields = info as { Title?: unknown; Language?: unknown };
  return { title: typeof fields.Title === 'string' ? fields.Title : undefined, language: typeof fields.Language === 'string' ? fields.Language : undefined, pages };
}
