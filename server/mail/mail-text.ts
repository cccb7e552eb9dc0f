import EmailReplyParser from 'email-reply-parser';

/**
 * The part of an e-mail a consultant needs: what the person wrote this time, without the quoted
 * history of the thread ("On … wrote:", "Le … a écrit :", "> …") or their signature ("-- ",
 * "Sent from my …"). email-reply-parser knows the usual quote headers of many languages and
 * mail clients; what it leaves is then tidied (line endings, runs of blank lines, length).
 */
const parser = new EmailReplyParser();

export function newTextOf(body: string, max: number): string {
  const unified = body.replace(/\r\n?/g, '\n');
  let text = parser.parseReply(unified);
  // A message that is only a quote (someone forwarded the thread with nothing added): keep it all.
  if (text.trim() === '') text = unified;
  const tidy = text
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return tidy.length <= max ? tidy : `${tidy.slice(0, max - 1)}…`;
}

/** Control characters other than newline and tab would be refused by the queue's text rules (shared/names.ts). */
export function printableText(text: string): string {
  return text.replace(/[^\P{Cc}\n\t]|\p{Cf}/gu, '');
}
