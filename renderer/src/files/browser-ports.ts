import { cleanClipboardText, MAX_CLIPBOARD_CHARS, sanitizeFileName, type ClipboardReadResult, type ReceiveResult } from '../../../shared/files';
import { fromBase64, sha256Hex, toBase64 } from './base64';
import type { IncomingFile, LocalPorts, OutgoingFile } from './ports';

/**
 * The consultant's side, in a browser (or the desktop app's window): files come from an
 * <input type=file>, arrive as a download, and the clipboard is read only on a click.
 */
export function createBrowserPorts(win: Window): LocalPorts {
  return {
    receive: (offer) => Promise.resolve(memoryDownload(win, offer)),
    async readClipboard(): Promise<ClipboardReadResult> {
      const text = cleanClipboardText(await win.navigator.clipboard.readText());
      if (text === null) return { ok: false, reason: 'empty' };
      if (text.length > MAX_CLIPBOARD_CHARS) return { ok: false, reason: 'too-long' };
      return { ok: true, text };
    },
    writeClipboard: (text) => win.navigator.clipboard.writeText(text),
  };
}

/** Reads and hashes a chosen file once; chunks are then sliced from it. */
export async function browserOutgoingFile(file: File): Promise<OutgoingFile> {
  const sha256 = await sha256Hex(await file.arrayBuffer());
  return {
    name: file.name,
    size: file.size,
    sha256,
    read: async (offset, length) => toBase64(new Uint8Array(await file.slice(offset, offset + length).arrayBuffer())),
    close: () => {},
  };
}

/** Keeps the chunks in memory, checks size and SHA-256, and only then hands a download to the browser. */
function memoryDownload(win: Window, offer: { name: string; size: number; sha256: string }): IncomingFile {
  let chunks: Uint8Array<ArrayBuffer>[] = [];
  let received = 0;
  return {
    async write(offset, data) {
      const bytes = fromBase64(data);
      if (offset !== received || received + bytes.length > offer.size) throw new Error('chunk out of order');
      chunks.push(bytes);
      received += bytes.length;
      return Promise.resolve();
    },
    async finish(): Promise<ReceiveResult> {
      const blob = new Blob(chunks, { type: 'application/octet-stream' });
      chunks = [];
      if (received !== offer.size) return { ok: false, reason: 'size-mismatch' };
      if ((await sha256Hex(await blob.arrayBuffer())) !== offer.sha256) return { ok: false, reason: 'hash-mismatch' };
      const name = sanitizeFileName(offer.name);
      // A download, never a navigation: the file is saved, not opened.
      const url = URL.createObjectURL(blob);
      const link = win.document.createElement('a');
      link.href = url;
      link.download = name;
      link.rel = 'noopener';
      win.document.body.append(link);
      link.click();
      link.remove();
      win.setTimeout(() => URL.revokeObjectURL(url), 60_000);
      return { ok: true, savedAs: name };
    },
    cancel() {
      chunks = [];
      return Promise.resolve();
    },
  };
}
