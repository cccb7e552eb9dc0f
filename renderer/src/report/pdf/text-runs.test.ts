import { describe, expect, it } from 'vitest';
import { textRuns } from './text-runs';

// "latin" has ASCII, "marks" has U+0301 only, "cjk" has the CJK block and space.
const faces = ['latin', 'marks', 'cjk'] as const;
type Face = (typeof faces)[number];
const covers = (face: Face, codePoint: number) => {
  if (face === 'latin') return codePoint < 0x80;
  if (face === 'marks') return codePoint === 0x301;
  return codePoint === 0x20 || (codePoint >= 0x4e00 && codePoint <= 0x9fff);
};

describe('textRuns', () => {
  it('keeps text in one run while one face covers it', () => {
    expect(textRuns('Li Wei', faces, covers)).toEqual([{ face: 'latin', text: 'Li Wei' }]);
  });

  it('gives each character the first face that covers it', () => {
    expect(textRuns('Mr 李 李', faces, covers)).toEqual([
      { face: 'latin', text: 'Mr ' },
      { face: 'cjk', text: '李' },
      { face: 'latin', text: ' ' },
      { face: 'cjk', text: '李' },
    ]);
  });

  it('keeps a combining mark with its letter when that face has it, else takes the face that does', () => {
    const withMark: Face[] = ['marks', 'latin'];
    const latinHasMark = (face: Face, codePoint: number) => covers(face, codePoint) || (face === 'latin' && codePoint === 0x301);
    expect(textRuns('e\u0301', withMark, latinHasMark)).toEqual([{ face: 'latin', text: 'e\u0301' }]);
    expect(textRuns('e\u0301', faces, covers)).toEqual([
      { face: 'latin', text: 'e' },
      { face: 'marks', text: '\u0301' },
    ]);
  });

  it('puts a character no face covers in the first face', () => {
    expect(textRuns('a😀李', faces, covers)).toEqual([
      { face: 'latin', text: 'a😀' },
      { face: 'cjk', text: '李' },
    ]);
  });

  it('has no runs for empty text or without faces', () => {
    expect(textRuns('', faces, covers)).toEqual([]);
    expect(textRuns('abc', [], covers)).toEqual([]);
  });
});
