/**
 * A small PDF writer for text documents (the session report): PDF 1.4, the standard
 * Helvetica fonts with WinAnsi encoding (French and English text, €), A4 pages, no
 * dependencies, so any side can produce it, the browser included.
 */

export interface PdfLine {
  text: string;
  /** Font size in points. */
  size?: number;
  bold?: boolean;
  /** Extra space above, in points. */
  gap?: number;
}

const PAGE_WIDTH = 595;
const PAGE_HEIGHT = 842;
const MARGIN = 56;

// WinAnsi code points above 0x7F that differ from Latin-1 (0x80–0x9F block).
const WIN_ANSI_EXTRA: Record<number, number> = {
  0x20ac: 0x80, 0x201a: 0x82, 0x0192: 0x83, 0x201e: 0x84, 0x2026: 0x85, 0x2020: 0x86, 0x2021: 0x87, 0x02c6: 0x88,
  0x2030: 0x89, 0x0160: 0x8a, 0x2039: 0x8b, 0x0152: 0x8c, 0x017d: 0x8e, 0x2018: 0x91, 0x2019: 0x92, 0x201c: 0x93,
  0x201d: 0x94, 0x2022: 0x95, 0x2013: 0x96, 0x2014: 0x97, 0x02dc: 0x98, 0x2122: 0x99, 0x0161: 0x9a, 0x203a: 0x9b,
  0x0153: 0x9c, 0x017e: 0x9e, 0x0178: 0x9f,
};

/** One byte per character in WinAnsi; characters it lacks become "?". */
export function toWinAnsi(text: string): number[] {
  return [...text].map((char) => {
    const code = char.codePointAt(0) ?? 0x3f;
    if (code === 0x202f || code === 0x00a0) return 0x20;
    if ((code >= 0x20 && code < 0x7f) || (code >= 0xa0 && code <= 0xff)) return code;
    return WIN_ANSI_EXTRA[code] ?? 0x3f;
  });
}

/** Bytes of a PDF string literal: parentheses and backslashes escaped. */
function pdfString(bytes: number[]): number[] {
  const out: number[] = [0x28];
  for (const byte of bytes) {
    if (byte === 0x28 || byte === 0x29 || byte === 0x5c) out.push(0x5c);
    out.push(byte);
  }
  out.push(0x29);
  return out;
}

/** Wraps text to a width, measured roughly (Helvetica averages about half its size per character). */
export function wrap(text: string, size: number, width = PAGE_WIDTH - 2 * MARGIN): string[] {
  const perLine = Math.max(10, Math.floor(width / (size * 0.5)));
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(/\s+/)) {
      if (line && line.length + 1 + word.length > perLine) {
        lines.push(line);
        line = '';
      }
      for (let rest = word; rest.length > 0; rest = rest.slice(perLine)) {
        const piece = rest.slice(0, perLine);
        if (rest.length > perLine) lines.push(piece);
        else line = line ? `${line} ${piece}` : piece;
      }
    }
    lines.push(line);
  }
  return lines;
}

export function buildPdf(lines: readonly PdfLine[], title: string): Uint8Array {
  // Lay the lines out on pages.
  const pages: number[][] = [];
  let content: number[] = [];
  let y = PAGE_HEIGHT - MARGIN;
  const ascii = (text: string) => [...text].map((char) => char.charCodeAt(0));
  for (const line of lines) {
    const size = line.size ?? 11;
    for (const [index, piece] of wrap(line.text, size).entries()) {
      const lead = size * 1.35 + (index === 0 ? (line.gap ?? 0) : 0);
      if (y - lead < MARGIN) {
        pages.push(content);
        content = [];
        y = PAGE_HEIGHT - MARGIN;
      }
      y -= lead;
      content.push(...ascii(`BT /${line.bold ? 'F2' : 'F1'} ${size} Tf ${MARGIN} ${y.toFixed(1)} Td `), ...pdfString(toWinAnsi(piece)), ...ascii(' Tj ET\n'));
    }
  }
  pages.push(content);

  // Objects: 1 catalog, 2 pages, 3–4 fonts, 5 info, then a page and its content per page.
  const objects: number[][] = [];
  const pageIds = pages.map((_, index) => 6 + index * 2);
  objects[1] = ascii('<< /Type /Catalog /Pages 2 0 R >>');
  objects[2] = ascii(`<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pages.length} >>`);
  objects[3] = ascii('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>');
  objects[4] = ascii('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>');
  objects[5] = [...ascii('<< /Title '), ...pdfString(toWinAnsi(title)), ...ascii(' /Producer (Tandem) >>')];
  pages.forEach((stream, index) => {
    const pageId = pageIds[index] ?? 0;
    objects[pageId] = ascii(
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${PAGE_WIDTH} ${PAGE_HEIGHT}] /Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents ${pageId + 1} 0 R >>`,
    );
    objects[pageId + 1] = [...ascii(`<< /Length ${stream.length} >>\nstream\n`), ...stream, ...ascii('\nendstream')];
  });

  const out: number[] = ascii('%PDF-1.4\n');
  out.push(0x25, 0xe2, 0xe3, 0xcf, 0xd3, 0x0a); // binary marker line: "this file is not plain text"
  const offsets: number[] = [];
  for (let id = 1; id < objects.length; id += 1) {
    offsets[id] = out.length;
    out.push(...ascii(`${id} 0 obj\n`), ...(objects[id] ?? []), ...ascii('\nendobj\n'));
  }
  const xref = out.length;
  out.push(...ascii(`xref\n0 ${objects.length}\n0000000000 65535 f \n`));
  for (let id = 1; id < objects.length; id += 1) out.push(...ascii(`${String(offsets[id] ?? 0).padStart(10, '0')} 00000 n \n`));
  out.push(...ascii(`trailer\n<< /Size ${objects.length} /Root 1 0 R /Info 5 0 R >>\nstartxref\n${xref}\n%%EOF\n`));
  return Uint8Array.from(out);
}
