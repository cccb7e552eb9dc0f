/**
 * Test helper for unit and e2e tests: the text of a PDF read back by pdf.js, as a reader
 * (copy, search, screen reader) would get it.
 */
import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface PdfReading {
  title: string | undefined;
  language: string | undefined;
  /** Each page's lines, top to bottom, the pieces of a line joined left to right. */
  pages: string[][];
  /** How many pictures each page draws. */
  pictures: number[];
}

export async function readPdf(bytes: Uint8Array): Promise<PdfReading> {
  // pdf.js takes ownership of the buffer it is given: hand it a copy.
  const pdf = await getDocument({ data: bytes.slice(), isEvalSupported: false, useSystemFonts: false }).promise;
  const { info } = await pdf.getMetadata();
  const pages: string[][] = [];
  const pictures: number[] = [];
  for (let number = 1; number <= pdf.numPages; number += 1) {
    const page = await pdf.getPage(number);
    const operators = await page.getOperatorList();
    pictures.push(operators.fnArray.filter((operator) => operator === OPS.paintImageXObject).length);
    const content = await page.getTextContent();
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
  return { title: typeof fields.Title === 'string' ? fields.Title : undefined, language: typeof fields.Language === 'string' ? fields.Language : undefined, pages, pictures };
}
