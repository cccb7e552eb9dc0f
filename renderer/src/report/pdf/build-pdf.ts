/**
 * Writes a report as an A4 PDF with pdf-lib: text in the fonts of report-fonts.ts, embedded
 * as subsets (only the glyphs used), so names and notes in any of their scripts come out as
 * typed and can be searched and copied; pictures (screenshots) scaled to the text's width.
 */
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, type PDFFont, type PDFImage, type PDFPage } from 'pdf-lib';
import { faceCovers, REPORT_FACES, type FontFace, type FontLoader } from './report-fonts';
import { textRuns } from './text-runs';
import { wrapText } from './wrap-text';

export interface PdfText {
  text: string;
  /** Font size in points. */
  size?: number;
  bold?: boolean;
  /** Extra space above, in points. */
  gap?: number;
}

export interface PdfPicture {
  picture: { bytes: Uint8Array; type: 'png' | 'jpeg' };
  gap?: number;
}

export type PdfBlock = PdfText | PdfPicture;

export interface PdfOptions {
  title: string;
  /** BCP 47, for readers and screen readers. */
  language: string;
  loadFont: FontLoader;
}

const PAGE_WIDTH = 595;
const PAGE_HEIGHT = 842;
const MARGIN = 56;
const TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN;
/** A picture takes at most this share of a page's height, so its caption and the next lines fit. */
const PICTURE_MAX_HEIGHT = (PAGE_HEIGHT - 2 * MARGIN) * 0.6;

const facesOf = (block: PdfText) => REPORT_FACES[block.bold ? 'bold' : 'regular'];
// NFC first: "ễ" typed as "e" plus two combining marks becomes the one letter the font has.
const normalised = (block: PdfText): PdfText => ({ ...block, text: block.text.normalize('NFC') });

export async function buildPdf(blocks: readonly PdfBlock[], options: PdfOptions): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  doc.setTitle(options.title, { showInWindowTitleBar: true });
  doc.setLanguage(options.language);
  doc.setProducer('Tandem');
  doc.setCreator('Tandem');

  const content = blocks.map((block) => ('text' in block ? normalised(block) : block));
  const fonts = await embedFaces(doc, content, options.loadFont);
  const writer = new PageWriter(doc);
  for (const block of content) {
    if ('text' in block) writer.text(block, fonts);
    else writer.picture(block, await embedPicture(doc, block));
  }
  return doc.save();
}

/** Embeds every face the text needs, each once, loaded in parallel. */
async function embedFaces(doc: PDFDocument, blocks: readonly PdfBlock[], loadFont: FontLoader): Promise<Map<FontFace, PDFFont>> {
  const needed = new Set<FontFace>();
  for (const block of blocks) {
    if (!('text' in block)) continue;
    for (const run of textRuns(block.text, facesOf(block), faceCovers)) needed.add(run.face);
  }
  const faces = [...needed];
  // Without ccmp, fontkit keeps precomposed letters whole ("ị" stays one glyph, not "i" plus
  // a dot with no character behind it), so they both look right and read back as typed.
  const features = { ccmp: false };
  const embedded = await Promise.all(faces.map(async (face) => doc.embedFont(await loadFont(face), { subset: true, features: { ...features } })));
  return new Map(faces.map((face, index) => [face, embedded[index] as PDFFont]));
}

function embedPicture(doc: PDFDocument, block: PdfPicture): Promise<PDFImage> {
  return block.picture.type === 'png' ? doc.embedPng(block.picture.bytes) : doc.embedJpg(block.picture.bytes);
}

/** Lays blocks down the page, starting a new page when the next line or picture does not fit. */
class PageWriter {
  private page: PDFPage;
  private y = PAGE_HEIGHT - MARGIN;

  constructor(private readonly doc: PDFDocument) {
    this.page = doc.addPage([PAGE_WIDTH, PAGE_HEIGHT]);
  }

  text(block: PdfText, fonts: ReadonlyMap<FontFace, PDFFont>): void {
    const size = block.size ?? 11;
    const runsOf = (text: string) =>
      textRuns(text, facesOf(block), faceCovers).map((run) => {
        const font = fonts.get(run.face);
        // Cannot happen: a line's faces are a subset of its paragraph's (see textRuns).
        if (!font) throw new Error(`Font ${run.face.file} was not embedded`);
        return { font, text: run.text, width: font.widthOfTextAtSize(run.text, size) };
      });
    const widths = new Map<string, number>();
    const measure = (text: string) => {
      let width = widths.get(text);
      if (width === undefined) widths.set(text, (width = runsOf(text).reduce((sum, run) => sum + run.width, 0)));
      return width;
    };
    for (const [index, line] of wrapText(block.text, TEXT_WIDTH, measure).entries()) {
      this.advance(size * 1.35 + (index === 0 ? (block.gap ?? 0) : 0));
      let x = MARGIN;
      for (const run of runsOf(line)) {
        this.page.drawText(run.text, { x, y: this.y, size, font: run.font });
        x += run.width;
      }
    }
  }

  picture(block: PdfPicture, image: PDFImage): void {
    const scale = Math.min(1, TEXT_WIDTH / image.width, PICTURE_MAX_HEIGHT / image.height);
    const width = image.width * scale;
    const height = image.height * scale;
    this.advance(height + (block.gap ?? 8));
    this.page.drawImage(image, { x: MARGIN, y: this.y, width, height });
  }

  /** Moves down by `height`, onto a new page when it would cross the bottom margin. */
  private advance(height: number): void {
    if (this.y - height < MARGIN) {
      this.page = this.doc.addPage([PAGE_WIDTH, PAGE_HEIGHT]);
      this.y = PAGE_HEIGHT - MARGIN;
    }
    this.y -= height;
  }
}
