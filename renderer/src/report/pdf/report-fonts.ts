/**
 * The fonts a report is written in: Noto Sans (Latin with Vietnamese and the Latin-extended
 * letters of Polish, Czech, Turkish…, Greek, Cyrillic, Devanagari) in regular and bold, and
 * Noto Sans SC for Chinese, Japanese kana and other CJK characters, regular only (bold CJK
 * text is drawn regular). Both come from Fontsource, cut by Unicode range into small files as
 * for the web; a report fetches only the files its text needs, from the app's own origin.
 * WOFF rather than WOFF2: fontkit's subsetter fails on WOFF2's transformed glyph table.
 */
import notoSansRanges from '@fontsource/noto-sans/unicode.json';
import notoSansScRanges from '@fontsource/noto-sans-sc/unicode.json';
import { inRanges, parseUnicodeRange, type CodePointRange } from './unicode-range';

export interface FontFace {
  /** The file's name in its package, e.g. `noto-sans-greek-700-normal.woff`. */
  file: string;
  bold: boolean;
  ranges: CodePointRange[];
}

// Vite copies each file into the build and gives its URL; nothing is loaded until a report needs it.
// SC's own Latin and Cyrillic cuts are left out: Noto Sans draws those.
const urls: Record<string, string> = {
  ...import.meta.glob<string>('../../../../node_modules/@fontsource/noto-sans/files/noto-sans-*-{400,700}-normal.woff', { query: '?url', import: 'default', eager: true }),
  ...import.meta.glob<string>('../../../../node_modules/@fontsource/noto-sans-sc/files/noto-sans-sc-+([0-9])-400-normal.woff', { query: '?url', import: 'default', eager: true }),
};
const FONT_URLS = new Map(Object.entries(urls).map(([path, url]) => [path.slice(path.lastIndexOf('/') + 1), url]));

/** Latin first: most text is Latin, and a character in several cuts is drawn from the first. */
const NOTO_SANS_ORDER = ['latin', 'latin-ext', 'vietnamese', 'greek', 'greek-ext', 'cyrillic', 'cyrillic-ext', 'devanagari'];

function notoSansFaces(bold: boolean): FontFace[] {
  const ranges: Record<string, string> = notoSansRanges;
  return NOTO_SANS_ORDER.flatMap((subset) => {
    const range = ranges[subset];
    return range === undefined ? [] : [{ file: `noto-sans-${subset}-${bold ? 700 : 400}-normal.woff`, bold, ranges: parseUnicodeRange(range) }];
  });
}

const CJK_FACES: FontFace[] = Object.entries(notoSansScRanges as Record<string, string>).flatMap(([subset, range]) => {
  const slice = /^\[(\d+)\]$/.exec(subset)?.[1];
  return slice === undefined ? [] : [{ file: `noto-sans-sc-${slice}-400-normal.woff`, bold: false, ranges: parseUnicodeRange(range) }];
});

/** Faces in the order they are tried for each character. */
export const REPORT_FACES: Readonly<Record<'regular' | 'bold', readonly FontFace[]>> = {
  regular: [...notoSansFaces(false), ...CJK_FACES],
  bold: [...notoSansFaces(true), ...CJK_FACES],
};

export const faceCovers = (face: FontFace, codePoint: number): boolean => inRanges(codePoint, face.ranges);

/** Reads a face's bytes; the renderer fetches them from its own origin, tests from the package. */
export type FontLoader = (face: FontFace) => Promise<Uint8Array>;

export const fetchFont: FontLoader = async (face) => {
  const url = FONT_URLS.get(face.file);
  if (url === undefined) throw new Error(`No bundled font file ${face.file}`);
  const response = await fetch(url);
  if (!response.ok) throw new Error(`Font ${face.file}: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
};
