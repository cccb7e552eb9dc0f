import { describe, expect, it } from 'vitest';
import { chatMessageSchema, MAX_CHAT_TEXT } from './chat';

describe('chat messages', () => {
  it('refuse control characters and bidi overrides, keep line breaks', () => {
    const message = (text: string) => chatMessageSchema.safeParse({ t: 'chat.message', id: 'm1', text, sentAt: 0 }).success;
    expect(message('line one\nline two')).toBe(true);
    expect(message('bell\u0007')).toBe(false);
    expect(message('txt\u202Eexe')).toBe(false);
  });

  // Seen in chat-feature.fuzz.test.ts: an over-long text was scanned character by character before being refused.
  it('refuse an over-long text on its length alone, without scanning its characters', () => {
    const parsed = chatMessageSchema.safeParse({ t: 'chat.message', id: 'm1', text: '\u0007'.repeat(MAX_CHAT_TEXT + 1), sentAt: 0 });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((issue) => issue.code)).toEqual(['too_big']);
  });
});
