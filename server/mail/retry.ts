/** Waits between attempts to reach a mail server: doubling from `baseMs`, at most `maxMs`. */
export function backoffMs(attempts: number, baseMs: number, maxMs: number): number {
  return Math.min(maxMs, baseMs * 2 ** Math.min(Math.max(0, attempts), 20));
}

/** What may be logged of a connection error: its code and a short message, never credentials. */
export function errorLabel(error: unknown): string {
  if (!(error instanceof Error)) return 'unknown error';
  const code = 'code' in error && typeof error.code === 'string' ? error.code : null;
  const text = error.message.replace(/\s+/g, ' ').slice(0, 160);
  return code === null ? text : `${code}: ${text}`;
}
