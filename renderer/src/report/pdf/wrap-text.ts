/** The width of a piece of text at the current size and weight, in points. */
export type Measure = (text: string) => number;

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * Breaks text into lines no wider than `width`: at spaces and tabs (no-break spaces hold),
 * and inside a word, or a run of CJK, which has no spaces, only when it alone is wider than a
 * line; then between graphemes, never inside a letter and its accents. Newlines start new
 * lines; an empty paragraph stays as an empty line.
 *
 * A line's width is the sum of its words' and spaces' widths, so `measure` sees each word
 * once (callers cache it: shaping text is slow) and kerning across a space is left out.
 */
export function wrapText(text: string, width: number, measure: Measure): string[] {
  const space = measure(' ');
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    let lineWidth = 0;
    for (const word of paragraph.split(/[ \t\r]+/).filter((piece) => piece !== '')) {
      const wordWidth = measure(word);
      if (line && lineWidth + space + wordWidth <= width) {
        line = `${line} ${word}`;
        lineWidth += space + wordWidth;
        continue;
      }
      if (line) lines.push(line);
      [line, lineWidth] = [word, wordWidth];
      if (wordWidth <= width) continue;
      // A word wider than a line: as many graphemes per line as fit, at least one.
      [line, lineWidth] = ['', 0];
      for (const { segment } of graphemes.segment(word)) {
        const segmentWidth = measure(segment);
        if (line && lineWidth + segmentWidth > width) {
          lines.push(line);
          [line, lineWidth] = ['', 0];
        }
        line += segment;
        lineWidth += segmentWidth;
      }
    }
    lines.push(line);
  }
  return lines;
}
