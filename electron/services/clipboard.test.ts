import { describe, expect, it } from 'vitest';
import { MAX_CLIPBOARD_CHARS } from '../../shared/files';
import { createClipboardService, createMemoryClipboard } from './clipboard';

describe('clipboard service', () => {
  it('reads plain text once, cleaned of control characters', async () => {
    const backend = createMemoryClipboard('ping 8.8.8.8\r\n\u001b[31m');
    await expect(createClipboardService(backend).readText()).resolves.toEqual({ ok: true, text: 'ping 8.8.8.8\n[31m' });
  });

  it('refuses empty and over-long text instead of cutting it', async () => {
    await expect(createClipboardService(createMemoryClipboard('  ')).readText()).resolves.toEqual({ ok: false, reason: 'empty' });
    await expect(createClipboardService(createMemoryClipboard('x'.repeat(MAX_CLIPBOARD_CHARS + 1))).readText()).resolves.toEqual({ ok: false, reason: 'too-long' });
  });

  it('writes cleaned text', async () => {
    const backend = createMemoryClipboard();
    await createClipboardService(backend).writeText('a\u202Eb');
    expect(backend.text).toBe('ab');
  });
});
