/**
 * Session codes: 9 digits, read aloud over the phone in three groups ("482 193 675").
 *
 * The first LOOKUP_DIGITS digits locate the waiting session and the remaining digits are
 * its secret. That split is what lets the server count wrong tries *against one code*
 * (same lookup digits, wrong secret) and kill that code after a few of them, while the
 * whole code still carries 10^9 possibilities for a blind guess.
 */
export const CODE_DIGITS = 9;
export const LOOKUP_DIGITS = 5;

const SEPARATORS = /[\s\u00a0\-.]/g;

/** Accepts what people type or paste ("482 193 675", "482-193-675") and returns the bare digits, or null. */
export function normalizeSessionCode(input: string): string | null {
  const digits = input.replace(SEPARATORS, '');
  return isSessionCode(digits) ? digits : null;
}

export function isSessionCode(value: string): boolean {
  return value.length === CODE_DIGITS && /^[0-9]+$/.test(value);
}

/** "482193675" → "482 193 675": groups of three are easiest to read aloud and to type back. */
export function formatSessionCode(code: string): string {
  return code.replace(/(\d{3})(?=\d)/g, '$1 ');
}

export function splitSessionCode(code: string): { lookup: string; secret: string } {
  return { lookup: code.slice(0, LOOKUP_DIGITS), secret: code.slice(LOOKUP_DIGITS) };
}
