/** Chat and status updates over the data channel. Text is shown as plain text, never as markup or links. */
import * as z from 'zod';

export const MAX_CHAT_TEXT = 2000;
export const MAX_STATUS_TEXT = 200;

const plainText = (max: number) =>
  z
    .string()
    .min(1)
    // `abort`: an over-long text is refused before the character scan below, which would otherwise walk all of it.
    .max(max, { abort: true })
    // Line breaks are fine; other control characters and bidi overrides are not (they can disguise text).
    .refine((text) => ![...text].some(isForbiddenCharacter), 'no control characters');

/** Control characters other than the line break, and the bidi overrides. */
function isForbiddenCharacter(char: string): boolean {
  const code = char.codePointAt(0) ?? 0;
  return (code < 0x20 && code !== 0x0a) || code === 0x7f || (code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069);
}

export const chatMessageSchema = z.discriminatedUnion('t', [
  z.strictObject({ t: z.literal('chat.message'), id: z.string().min(1).max(40), text: plainText(MAX_CHAT_TEXT), sentAt: z.number().int().nonnegative() }),
  z.strictObject({ t: z.literal('chat.typing'), typing: z.boolean() }),
  /** The consultant's "what I am doing now", shown prominently to the user. */
  z.strictObject({ t: z.literal('chat.status'), text: plainText(MAX_STATUS_TEXT) }),
]);
export type ChatWireMessage = z.infer<typeof chatMessageSchema>;

/** Sharing paused and resumed by the user: the consultant shows "paused", not a frozen picture. */
export const sharingMessageSchema = z.discriminatedUnion('t', [z.strictObject({ t: z.literal('share.paused') }), z.strictObject({ t: z.literal('share.resumed') })]);
export type SharingWireMessage = z.infer<typeof sharingMessageSchema>;

/** Voice on the same peer connection: each side adds its own microphone only when its user chooses to. */
export const voiceMessageSchema = z.discriminatedUnion('t', [
  z.strictObject({ t: z.literal('voice.on') }),
  z.strictObject({ t: z.literal('voice.off') }),
  z.strictObject({ t: z.literal('voice.muted'), muted: z.boolean() }),
]);
export type VoiceWireMessage = z.infer<typeof voiceMessageSchema>;
