import { describe, expect, it } from 'vitest';
import { wrapText } from './wrap-text';

/** One point per character (code point), so widths are easy to reason about. */
const perCharacter = (text: string) => [...text].length;

describe('wrapText', () => {
  it('breaks at spaces and keeps every word', () => {
    const lines = wrapText('un deux trois quatre cinq', 10, perCharacter);
    expect(lines).toEqual(['un deux', 'trois', 'quatre', 'cinq']);
    expect(lines.every((line) => perCharacter(line) <= 10)).toBe(true);
  });

  it('cuts a word longer than a line, and a run of CJK with no spaces', () => {
    expect(wrapText('x'.repeat(25), 10, perCharacter)).toEqual(['x'.repeat(10), 'x'.repeat(10), 'x'.repeat(5)]);
    expect(wrapText('李'.repeat(7), 3, perCharacter)).toEqual(['李李李', '李李李', '李']);
  });

  it('never splits a surrogate pair nor a letter from its accent', () => {
    expect(wrapText('😀'.repeat(5), 2, perCharacter)).toEqual(['😀😀', '😀😀', '😀']);
    // "e" + combining acute is two code points, one grapheme.
    expect(wrapText('ae\u0301b', 2, perCharacter)).toEqual(['a', 'e\u0301', 'b']);
  });

  it('breaks at spaces and tabs, not at no-break spaces', () => {
    expect(wrapText('a\tb', 1, perCharacter)).toEqual(['a', 'b']);
    expect(wrapText('Note\u00a0: ok', 7, perCharacter)).toEqual(['Note\u00a0:', 'ok']);
  });

  it('keeps newlines and empty paragraphs', () => {
    expect(wrapText('a\n\nb', 10, perCharacter)).toEqual(['a', '', 'b']);
  });

  it('puts at least one character on a line narrower than it', () => {
    expect(wrapText('ab', 0.5, perCharacter)).toEqual(['a', 'b']);
  });
});
