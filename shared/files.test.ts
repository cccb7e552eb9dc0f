import { describe, expect, it } from 'vitest';
import { MAX_CHANNEL_MESSAGE_BYTES } from './control';
import {
  cleanClipboardText,
  FILE_CHUNK_BYTES,
  filesMessageSchema,
  MAX_CLIPBOARD_CHARS,
  MAX_FILE_BYTES,
  MAX_FILE_NAME_BYTES,
  numberedName,
  sanitizeFileName,
} from './files';

const utf8 = (text: string) => new TextEncoder().encode(text).length;

describe('sanitizeFileName', () => {
  it('keeps ordinary names', () => {
    expect(sanitizeFileName('report.txt')).toBe('report.txt');
    expect(sanitizeFileName('Relevé de compte (mars).pdf')).toBe('Relevé de compte (mars).pdf');
  });

  it('never lets the peer choose a folder', () => {
    expect(sanitizeFileName('../../etc/passwd')).toBe('_.._etc_passwd');
    expect(sanitizeFileName('..\\..\\Windows\\System32\\evil.dll')).toBe('_.._Windows_System32_evil.dll');
    expect(sanitizeFileName('/abs/path')).toBe('_abs_path');
    expect(sanitizeFileName('..')).toBe('file');
    expect(sanitizeFileName('.')).toBe('file');
  });

  it('drops control and format characters (a right-to-left override cannot disguise an extension)', () => {
    expect(sanitizeFileName('invoice\u202Etxt.exe')).toBe('invoicetxt.exe');
    expect(sanitizeFileName('a\u0000b\nc\td.txt')).toBe('abcd.txt');
  });

  it('replaces characters Windows forbids and trims dots and spaces', () => {
    expect(sanitizeFileName('a<b>c:d"e|f?g*h.txt')).toBe('a_b_c_d_e_f_g_h.txt');
    expect(sanitizeFileName('  .hidden  ')).toBe('hidden');
    expect(sanitizeFileName('name. . ')).toBe('name');
  });

  it('defuses reserved Windows device names, with or without extension', () => {
    for (const name of ['CON', 'con.txt', 'NUL', 'aux.log', 'COM1', 'lpt9.doc', 'PRN']) expect(sanitizeFileName(name)).toBe(`_${name}`);
    expect(sanitizeFileName('console.txt')).toBe('console.txt');
  });

  it('bounds the length in UTF-8 bytes and keeps the extension', () => {
    const long = sanitizeFileName(`${'é'.repeat(300)}.txt`);
    expect(utf8(long)).toBeLessThanOrEqual(MAX_FILE_NAME_BYTES);
    expect(long.endsWith('.txt')).toBe(true);
    const emoji = sanitizeFileName(`${'😀'.repeat(100)}.log`);
    expect(utf8(emoji)).toBeLessThanOrEqual(MAX_FILE_NAME_BYTES);
    expect(emoji).not.toMatch(/\p{Cs}/u);
  });

  it('gives empty names a default', () => {
    expect(sanitizeFileName('\u0001\u0002')).toBe('file');
    expect(sanitizeFileName('   ')).toBe('file');
  });
});

describe('numberedName', () => {
  it('numbers before the extension', () => {
    expect(numberedName('report.txt', 0)).toBe('report.txt');
    expect(numberedName('report.txt', 1)).toBe('report (1).txt');
    expect(numberedName('archive.tar.gz', 2)).toBe('archive.tar (2).gz');
    expect(numberedName('README', 3)).toBe('README (3)');
  });
});

describe('cleanClipboardText', () => {
  it('keeps plain text, newlines and tabs; drops other control and format characters', () => {
    expect(cleanClipboardText('ipconfig /all\r\n\tnext')).toBe('ipconfig /all\n\tnext');
    expect(cleanClipboardText('a\u0007b\u202Ec\u001bd')).toBe('abcd');
    expect(cleanClipboardText(' \n ')).toBeNull();
  });
});

describe('files messages', () => {
  it('a full chunk fits in one data-channel message', () => {
    const data = Buffer.alloc(FILE_CHUNK_BYTES, 0xff).toString('base64');
    const message = { t: 'file.chunk', id: 'a'.repeat(64), offset: MAX_FILE_BYTES, data };
    expect(filesMessageSchema.safeParse(message).success).toBe(true);
    expect(utf8(JSON.stringify(message))).toBeLessThan(MAX_CHANNEL_MESSAGE_BYTES);
    expect(filesMessageSchema.safeParse({ ...message, data: `${data}AAAA` }).success).toBe(false);
  });

  it('the longest clipboard text fits in one message, even fully escaped', () => {
    const text = 'ü'.repeat(MAX_CLIPBOARD_CHARS);
    expect(filesMessageSchema.safeParse({ t: 'clipboard.text', text }).success).toBe(true);
    expect(utf8(JSON.stringify({ t: 'clipboard.text', text: '\u{1F600}'.repeat(MAX_CLIPBOARD_CHARS / 2) }))).toBeLessThan(MAX_CHANNEL_MESSAGE_BYTES);
    expect(filesMessageSchema.safeParse({ t: 'clipboard.text', text: `${text}x` }).success).toBe(false);
    expect(filesMessageSchema.safeParse({ t: 'clipboard.text', text: 'a\u0000b' }).success).toBe(false);
  });

  it('refuses offers beyond the size limit and malformed hashes', () => {
    const offer = { id: 'transfer-1', name: 'driver.zip', size: MAX_FILE_BYTES, sha256: 'a'.repeat(64) };
    expect(filesMessageSchema.safeParse({ t: 'file.offer', offer }).success).toBe(true);
    expect(filesMessageSchema.safeParse({ t: 'file.offer', offer: { ...offer, size: MAX_FILE_BYTES + 1 } }).success).toBe(false);
    expect(filesMessageSchema.safeParse({ t: 'file.offer', offer: { ...offer, sha256: 'A'.repeat(64) } }).success).toBe(false);
    expect(filesMessageSchema.safeParse({ t: 'file.offer', offer: { ...offer, id: '../x' } }).success).toBe(false);
  });
});
