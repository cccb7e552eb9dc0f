import type { HeaderValue, ParsedMail } from 'mailparser';

/**
 * Mail that must never become a help request nor get an answer: automatic replies (out of
 * office), bounces, mailing-list and bulk mail, and our own messages coming back. Answering
 * any of them could start a loop between two robots (RFC 3834 says how to recognise them).
 */
export type IgnoreReason = 'auto-submitted' | 'auto-reply' | 'bulk' | 'bounce' | 'own-message';

const ROBOT_SENDERS = /^(mailer-daemon|postmaster|no-?reply|do-?not-?reply|bounces?)([+-].*)?@/i;

const headerText = (value: HeaderValue | undefined): string => {
  if (value === undefined) return '';
  if (typeof value === 'string') return value;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map((part) => headerText(part)).join(',');
  if ('value' in value && typeof value.value === 'string') return value.value;
  if ('text' in value && typeof value.text === 'string') return value.text;
  return '';
};

export interface FilterInput {
  headers: ParsedMail['headers'];
  from: string | null;
  messageId: string | null;
  contentType: string;
}

/** Why this message is to be ignored, or null when it is from a person. */
export function whyIgnored(mail: FilterInput, isOwnMessageId: (id: string) => boolean): IgnoreReason | null {
  const header = (name: string) => headerText(mail.headers.get(name)).trim().toLowerCase();
  if (mail.messageId !== null && isOwnMessageId(mail.messageId)) return 'own-message';
  const autoSubmitted = header('auto-submitted');
  if (autoSubmitted !== '' && autoSubmitted !== 'no') return 'auto-submitted';
  if (header('x-autoreply') !== '' || header('x-autorespond') !== '' || header('x-auto-response-suppress').includes('all')) return 'auto-reply';
  if (['bulk', 'junk', 'list', 'auto_reply'].includes(header('precedence'))) return 'bulk';
  if (header('list-id') !== '' || header('list-unsubscribe') !== '') return 'bulk';
  if (mail.contentType.includes('multipart/report') || header('x-failed-recipients') !== '') return 'bounce';
  if (mail.from !== null && ROBOT_SENDERS.test(mail.from)) return 'bounce';
  // An empty return path (MAIL FROM:<>) is how bounces and notifications are sent.
  if (mail.headers.has('return-path') && ['', '<>'].includes(header('return-path'))) return 'bounce';
  return null;
}
