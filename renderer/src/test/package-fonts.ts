/**
 * Test helper, used only by *.test.ts: the report's fonts read straight from their packages,
 * as data URLs through Vite, since unit tests have no app origin to fetch them from.
 */
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
