import { MAX_TEXT_LENGTH } from '../../../shared/control';

/** Splits typed text into valid `text` events: printable characters only, each chunk within the size limit. */
export function textChunks(typed: string): string[] {
  const printable = [...typed.replace(/[\p{Cc}\p{Cf}\p{Cs}]/gu, '')];
  const chunks: string[] = [];
  let current = '';
  for (const char of printable) {
    if (current.length + char.length > MAX_TEXT_LENGTH) {
      chunks.push(current);
      current = '';
    }
    current += char;
  }
  if (current) chunks.push(current);
  return chunks;
}
