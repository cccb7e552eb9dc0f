/** Code point intervals, inclusive, as a CSS `unicode-range` lists them. */
export interface CodePointRange {
  first: number;
  last: number;
}

/**
 * Parses a CSS `unicode-range` value ("U+0000-00FF, U+0131, U+4??"). Entries that do not
 * parse are skipped: the list comes from the font package, and a face with fewer ranges only
 * means another face is tried for those characters.
 */
export function parseUnicodeRange(value: string): CodePointRange[] {
  const ranges: CodePointRange[] = [];
  for (const entry of value.split(',')) {
    const match = /^\s*U\+([0-9A-F?]{1,6})(?:-([0-9A-F]{1,6}))?\s*$/i.exec(entry);
    if (!match?.[1]) continue;
    const [start, end] = [match[1], match[2]];
    if (start.includes('?')) {
      // "U+4??" is U+400–U+4FF.
      ranges.push({ first: parseInt(start.replace(/\?/g, '0'), 16), last: parseInt(start.replace(/\?/g, 'F'), 16) });
    } else {
      const first = parseInt(start, 16);
      ranges.push({ first, last: end ? parseInt(end, 16) : first });
    }
  }
  return ranges;
}

export function inRanges(codePoint: number, ranges: readonly CodePointRange[]): boolean {
  return ranges.some((range) => codePoint >= range.first && codePoint <= range.last);
}
