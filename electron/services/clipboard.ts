/**
 * One-shot clipboard text for the session. The host touches the OS clipboard only when the
 * renderer asks on the user's click (read) or after the user agreed to a prompt (write), and
 * only ever with bounded plain text.
 */
import { cleanClipboardText, MAX_CLIPBOARD_CHARS, type ClipboardReadResult } from '../../shared/files';

export interface ClipboardBackend {
  readText(): Promise<string>;
  writeText(text: string): Promise<void>;
}

export function createClipboardService(backend: ClipboardBackend) {
  return {
    async readText(): Promise<ClipboardReadResult> {
      const text = cleanClipboardText(await backend.readText());
      if (text === null) return { ok: false, reason: 'empty' };
      // Refused, not cut: half a command or half an address is worse than none.
      if (text.length > MAX_CLIPBOARD_CHARS) return { ok: false, reason: 'too-long' };
      return { ok: true, text };
    },
    async writeText(text: string): Promise<null> {
      const clean = cleanClipboardText(text);
      if (clean !== null) await backend.writeText(clean);
      return null;
    },
  };
}

export type ClipboardService = ReturnType<typeof createClipboardService>;

/** An in-memory clipboard: the e2e harness's stand-in for the OS one, and tests'. */
export function createMemoryClipboard(initial = ''): ClipboardBackend & { text: string } {
  return {
    text: initial,
    readText() {
      return Promise.resolve(this.text);
    },
    writeText(text: string) {
      this.text = text;
      return Promise.resolve();
    },
  };
}
