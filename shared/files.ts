/**
 * Files and clipboard text in a session: the messages both apps exchange over the data
 * channel, the limits, and the pure naming helpers. Everything here arrives from the other
 * side and is untrusted: names are sanitised before they touch a disk, sizes are bounded,
 * and the receiver checks the SHA-256 the sender announced before anything is kept.
 *
 * Transport: base64 chunks inside the existing JSON data channel, with an end-to-end credit
 * window (the receiver acknowledges what it has written). One channel keeps one validation
 * path (size cap in peer-link, zod here) and needs no renegotiation; the small window bounds
 * how much file data can queue ahead of control messages such as the consultant's heartbeats.
 */
import * as z from 'zod';

/** The largest file either side sends or accepts. */
export const MAX_FILE_BYTES = 200 * 1024 * 1024;
/** Raw bytes per chunk: 36 KiB become 48 KiB of base64, well under MAX_CHANNEL_MESSAGE_BYTES. */
export const FILE_CHUNK_BYTES = 36 * 1024;
/** Bytes sent but not yet acknowledged; at most this much file data sits ahead of a heartbeat. */
export const FILE_WINDOW_BYTES = 6 * FILE_CHUNK_BYTES;
/** Transfers (pending or running) one side keeps at once; offers beyond are declined. */
export const MAX_ACTIVE_TRANSFERS = 4;
/** Longest clipboard text either side sends or accepts, in UTF-16 units. */
export const MAX_CLIPBOARD_CHARS = 8000;
/** A saved file's name never exceeds this many UTF-8 bytes (filesystems allow 255). */
export const MAX_FILE_NAME_BYTES = 180;

export const transferIdSchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/);
export const sha256Schema = z.string().regex(/^[0-9a-f]{64}$/);
export const fileSizeSchema = z.number().int().min(0).max(MAX_FILE_BYTES);
/** The name as the sender announced it; the receiver sanitises it with `sanitizeFileName`. */
export const offeredNameSchema = z.string().min(1).max(255);
const base64ChunkLength = Math.ceil(FILE_CHUNK_BYTES / 3) * 4;
export const base64ChunkSchema = z.string().max(base64ChunkLength).regex(/^[A-Za-z0-9+/]*={0,2}$/);

/** Plain text: printable characters plus newlines and tabs, nothing else. */
export const clipboardTextSchema = z
  .string()
  .min(1)
  .max(MAX_CLIPBOARD_CHARS)
  .regex(/^(?:[^\p{Cc}\p{Cf}\p{Cs}]|[\n\t])*$/u, 'plain text only');

export const fileOfferSchema = z.strictObject({ id: transferIdSchema, name: offeredNameSchema, size: fileSizeSchema, sha256: sha256Schema });
export type FileOffer = z.infer<typeof fileOfferSchema>;

/** Both directions use the same messages: either side may send (the user only when asked). */
export const filesMessageSchema = z.discriminatedUnion('t', [
  z.strictObject({ t: z.literal('file.offer'), offer: fileOfferSchema }),
  z.strictObject({ t: z.literal('file.accept'), id: transferIdSchema }),
  z.strictObject({ t: z.literal('file.decline'), id: transferIdSchema }),
  z.strictObject({ t: z.literal('file.chunk'), id: transferIdSchema, offset: fileSizeSchema, data: base64ChunkSchema }),
  z.strictObject({ t: z.literal('file.ack'), id: transferIdSchema, received: fileSizeSchema }),
  z.strictObject({ t: z.literal('file.end'), id: transferIdSchema }),
  z.strictObject({ t: z.literal('file.cancel'), id: transferIdSchema }),
  /** The receiver's verdict after hashing: kept, or discarded because it did not match. */
  z.strictObject({ t: z.literal('file.result'), id: transferIdSchema, ok: z.boolean() }),
  /** Consultant → user: "please send me a file" (a log); the user chooses one or declines. */
  z.strictObject({ t: z.literal('file.request') }),
  z.strictObject({ t: z.literal('file.request.declined') }),
  z.strictObject({ t: z.literal('clipboard.text'), text: clipboardTextSchema }),
  z.strictObject({ t: z.literal('clipboard.result'), accepted: z.boolean() }),
]);
export type FilesMessage = z.infer<typeof filesMessageSchema>;

/** What the host answers when a received file is complete: kept under a name, or deleted. */
export type ReceiveResult = { ok: true; savedAs: string } | { ok: false; reason: 'hash-mismatch' | 'size-mismatch' };

/** A file the user picked in the host's open dialog; the renderer only ever sees this token. */
export interface PickedFile {
  id: string;
  name: string;
  size: number;
  sha256: string;
}

/** Why a pick gave no file: cancelled, too large, or not a readable regular file. */
export type PickResult = { ok: true; file: PickedFile } | { ok: false; reason: 'cancelled' | 'too-large' | 'unreadable' };

export type ClipboardReadResult = { ok: true; text: string } | { ok: false; reason: 'empty' | 'too-long' };

const RESERVED_WINDOWS = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)(\..*)?$/i;

function utf8Length(text: string): number {
  let bytes = 0;
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
  }
  return bytes;
}

function truncateUtf8(text: string, maxBytes: number): string {
  let out = '';
  for (const char of text) {
    if (utf8Length(out + char) > maxBytes) break;
    out += char;
  }
  return out;
}

/** Splits "report.final.txt" into "report.final" and ".txt"; dotfiles and long tails have no extension. */
export function splitExtension(name: string): { stem: string; extension: string } {
  const dot = name.lastIndexOf('.');
  if (dot <= 0 || name.length - dot > 16) return { stem: name, extension: '' };
  return { stem: name.slice(0, dot), extension: name.slice(dot) };
}

/**
 * A name that is safe to create in the Downloads folder on any OS: no path separators (the
 * peer cannot choose a folder), no control or format characters (a right-to-left override
 * could disguise "txt.exe" as "exe.txt"), none of Windows' forbidden characters or reserved
 * device names, no leading dots (never a hidden file), and a bounded length that keeps the
 * extension.
 */
export function sanitizeFileName(raw: string): string {
  let name = raw
    .normalize('NFC')
    .replace(/[\p{Cc}\p{Cf}\p{Cs}]/gu, '')
    .replace(/[/\\:*?"<>|]/g, '_')
    .trim()
    .replace(/^[.\s]+/, '')
    .replace(/[.\s]+$/, '');
  if (RESERVED_WINDOWS.test(name)) name = `_${name}`;
  if (name === '') name = 'file';
  if (utf8Length(name) > MAX_FILE_NAME_BYTES) {
    const { stem, extension } = splitExtension(name);
    name = truncateUtf8(stem, MAX_FILE_NAME_BYTES - utf8Length(extension)).trimEnd() + extension;
  }
  return name;
}

/** The n-th name to try when the first is taken: "report.txt", "report (1).txt", "report (2).txt"… */
export function numberedName(name: string, n: number): string {
  if (n === 0) return name;
  const { stem, extension } = splitExtension(name);
  return `${stem} (${n})${extension}`;
}

/** Plain text to send or write: no control characters but newlines and tabs; null when nothing is left. */
export function cleanClipboardText(raw: string): string | null {
  const text = raw.replace(/\r\n?/g, '\n').replace(/[^\P{Cc}\n\t]|[\p{Cf}\p{Cs}]/gu, '');
  return text.trim() === '' ? null : text;
}
