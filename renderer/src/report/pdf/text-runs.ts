/** A stretch of text drawn with one font face. */
export interface TextRun<Face> {
  face: Face;
  text: string;
}

const COMBINING_MARK = /^\p{M}$/u;

/**
 * Splits text into runs, each character in the first face that covers it (the first face when
 * none does: it draws its "missing glyph" box). A combining mark stays with the character it
 * sits on when that face has it, so the font can place it.
 *
 * The choice depends only on the character and, for a mark, the one before it: any part of a
 * text cut at grapheme boundaries gets the faces it had in the whole text, so the faces found
 * for a paragraph are all that its wrapped lines need.
 */
export function textRuns<Face>(text: string, faces: readonly Face[], covers: (face: Face, codePoint: number) => boolean): TextRun<Face>[] {
  const runs: TextRun<Face>[] = [];
  const fallback = faces[0];
  if (fallback === undefined) return runs;
  for (const character of text) {
    const codePoint = character.codePointAt(0) ?? 0;
    const current = runs.at(-1);
    if (current && COMBINING_MARK.test(character) && covers(current.face, codePoint)) {
      current.text += character;
      continue;
    }
    const face = faces.find((candidate) => covers(candidate, codePoint)) ?? fallback;
    if (current?.face === face) current.text += character;
    else runs.push({ face, text: character });
  }
  return runs;
}
