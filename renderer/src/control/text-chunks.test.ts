import { describe, expect, it } from 'vitest';
import { MAX_TEXT_LENGTH } from '../../../shared/control';
import { textChunks } from './text-chunks';

describe('textChunks', () => {
  it('keeps printable Unicode, drops control characters', () => {
    expect(textChunks('Déjà vu\u0007 😀\u200b!')).toEqual(['Déjà vu 😀!']);
    expect(textChunks('\n\t')).toEqual([]);
  });

  it('splits long text without breaking a character in two', () => {
    const chunks = textChunks('😀'.repeat(40));
    expect(chunks.every((chunk) => chunk.length <= MAX_TEXT_LENGTH)).toBe(true);
    expect(chunks.join('')).toBe('😀'.repeat(40));
  });
});
