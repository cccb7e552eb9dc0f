import { describe, expect, it } from 'vitest';
import { buildPdf, toWinAnsi, wrap } from './pdf';

const latin1 = (bytes: Uint8Array) => Array.from(bytes, (byte) => String.fromCharCode(byte)).join('');

describe('buildPdf', () => {
  it('writes a well-formed PDF whose cross-reference table points at every object', () => {
    const text = latin1(buildPdf([{ text: 'Rapport de session', size: 18, bold: true }, { text: 'Déjà vu: 3 € (ok) \\ fin' }], 'Rapport'));
    expect(text.startsWith('%PDF-1.4')).toBe(true);
    expect(text.trimEnd().endsWith('%%EOF')).toBe(true);
    const startxref = Number(/startxref\n(\d+)/.exec(text)?.[1]);
    expect(text.slice(startxref, startxref + 4)).toBe('xref');
    const entries = [...text.slice(startxref).matchAll(/^(\d{10}) 00000 n $/gm)].map((match) => Number(match[1]));
    entries.forEach((offset, index) => expect(text.slice(offset, offset + `${index + 1} 0 obj`.length)).toBe(`${index + 1} 0 obj`));
    // WinAnsi bytes, with PDF string escapes.
    expect(text).toContain('(D\u00e9j\u00e0 vu: 3 \u0080 \\(ok\\) \\\\ fin)');
  });

  it('breaks long documents into pages', () => {
    const lines = Array.from({ length: 120 }, (_, index) => ({ text: `Ligne ${index}` }));
    expect(latin1(buildPdf(lines, 'x'))).toMatch(/\/Count [3-9]/);
  });
});

describe('helpers', () => {
  it('maps characters WinAnsi lacks to "?"', () => {
    expect(toWinAnsi('é€😀')).toEqual([0xe9, 0x80, 0x3f]);
  });

  it('wraps by words and cuts words longer than a line', () => {
    expect(wrap('a '.repeat(200), 11).length).toBeGreaterThan(2);
    expect(wrap('x'.repeat(300), 11).every((line) => line.length <= 87)).toBe(true);
  });
});
