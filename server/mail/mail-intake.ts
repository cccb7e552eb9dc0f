import { randomBytes, randomUUID } from 'node:crypto';
import { simpleParser, type ParsedMail } from 'mailparser';
import * as z from 'zod';
import type { Logger } from '../../shared/log';
import { mailTokenFrom, requestLink, subjectTag, tokenInAddress, tokenInSubject } from '../../shared/mail';
import { REQUEST_LIMITS } from '../../shared/queue';
import type { AccountStore } from '../accounts/account-store';
import { hashToken, newToken } from '../accounts/tokens';
import type { AuditLog } from '../audit/audit-log';
import { estimateWaitMs, ETA_SAMPLE, ETA_WINDOW_MS } from '../queue/eta';
import type { HelpRequest, RequestStore } from '../queue/request-store';
import type { MailConfig } from './mail-config';
import { whyIgnored } from './mail-filter';
import { mailLanguage, type MailLanguage } from './mail-language';
import { acknowledgementText, threadSubject } from './mail-messages';
import type { Attachment, MailStore } from './mail-store';
import { newTextOf, printableText } from './mail-text';

/**
 * One incoming message → what becomes of it: a new help request (acknowledged by mail), an
 * answer in an existing request's thread, ignored (robots), or kept aside with a reason (too
 * large, malformed, a flood). The caller (mailbox-watcher.ts) then marks it read or moves it to
 * the kept-aside folder; the message itself is never deleted.
 */
export type IntakeOutcome =
  | { status: 'request' | 'reply'; requestId: string }
  | { status: 'ignored' | 'kept-aside'; reason: string }
  /** Another instance holds it, or it was dealt with before: leave it. */
  | { status: 'busy' | 'done' };

export interface IntakeDeps {
  config: MailConfig;
  requests: RequestStore;
  mail: MailStore;
  accounts: AccountStore;
  audit: AuditLog;
  log: Logger;
  now: () => number;
  /** The domain of the Message-IDs Tandem writes (its own messages coming back are ignored). */
  messageDomain: string;
  /** Consultants watching the organisation's queue now (the ETA divides by them). */
  consultantsOnline: (orgId: number) => Promise<number>;
  /** The organisation's queue changed. */
  changed: (orgId: number) => Promise<void>;
  /** New mail is in the outbox. */
  outboxChanged: () => void;
  /** The queue's bound on waiting requests (queue-policy.ts): beyond it mail is kept aside, not lost. */
  maxWaiting: number;
}

const emailSchema = z.email().max(320);

/** The text a consultant sees for one message, bounded for the thread. */
const THREAD_TEXT_MAX = 4000;

export function createMailIntake(deps: IntakeDeps) {
  const { config, requests, mail, audit, now } = deps;
  const ownId = (id: string) => id.toLowerCase().endsWith(`@${deps.messageDomain.toLowerCase()}>`);

  const keepAside = async (key: string, from: string | null, reason: string, orgId: number | null): Promise<IntakeOutcome> => {
    await mail.finish(key, { status: 'kept-aside', reason, from });
    await audit.append({ type: 'mail.kept-aside', actor: 'server', orgId, detail: { reason } }, now());
    deps.log.warn('mail.kept-aside', { reason });
    return { status: 'kept-aside', reason };
  };

  /** A message too large to read: recorded unopened, by its IMAP identity. */
  const oversized = async (fallbackKey: string, size: number): Promise<IntakeOutcome> => {
    const claim = await mail.claim(fallbackKey, null, now());
    if (claim !== 'claimed') return { status: claim };
    const org = await deps.accounts.organisationBySlug(config.organisation);
    return keepAside(fallbackKey, null, `too-large: ${size} bytes (limit ${config.maxMessageBytes})`, org?.id ?? null);
  };

  const process = async (source: Buffer, fallbackKey: string): Promise<IntakeOutcome> => {
    let parsed: ParsedMail;
    try {
      parsed = await simpleParser(source, { skipImageLinks: true, maxHtmlLengthToParse: 1024 * 1024 });
    } catch (error) {
      return refuse(fallbackKey, `malformed: ${error instanceof Error ? error.message.slice(0, 200) : 'unreadable'}`);
    }
    const sender = parsed.from?.value[0];
    const from = emailSchema.safeParse(sender?.address?.toLowerCase()).data ?? null;
    const messageId = parsed.messageId && parsed.messageId.length <= 998 ? parsed.messageId : null;
    const key = messageId ?? fallbackKey;
    const claim = await mail.claim(key, from, now());
    if (claim !== 'claimed') return { status: claim };
    const org = await deps.accounts.organisationBySlug(config.organisation);
    if (!org) return keepAside(key, from, `no organisation "${config.organisation}" on this server (MAIL_ORGANISATION)`, null);
    if (from === null) return keepAside(key, null, 'malformed: no valid sender address', org.id);

    const ignored = whyIgnored({ headers: parsed.headers, from, messageId, contentType: headerOf(parsed, 'content-type') }, ownId);
    if (ignored) {
      await mail.finish(key, { status: 'ignored', reason: ignored });
      await audit.append({ type: 'mail.ignored', actor: 'server', orgId: org.id, detail: { reason: ignored } }, now());
      return { status: 'ignored', reason: ignored };
    }
    // Counted with this message (its claim is recorded): the limit-th message of the hour still passes.
    if ((await mail.countFrom(from, now() - 3600_000)) > config.maxPerSenderPerHour) return keepAside(key, from, `flood: more than ${config.maxPerSenderPerHour} messages from this sender in an hour`, org.id);

    const text = printableText(newTextOf(parsed.text ?? '', THREAD_TEXT_MAX));
    const subject = printableText(parsed.subject ?? '').replace(/\s+/g, ' ').trim().slice(0, 200);
    const language: MailLanguage = config.language === 'auto' ? mailLanguage(`${subject}\n${text}`, headerOf(parsed, 'content-language')) : config.language;
    const { kept, dropped } = attachmentsWithin(parsed, config);

    const existing = await threadRequest(parsed, from);
    if (existing && existing.orgId === org.id) {
      await mail.finish(key, { status: 'reply', requestId: existing.id, text: withDropped(text, dropped, language) });
      await mail.addAttachments(existing.id, kept, now());
      await audit.append({ type: 'mail.received', actor: 'user', orgId: org.id, requestId: existing.id, detail: { attachments: kept.length } }, now());
      await deps.changed(org.id);
      return { status: 'reply', requestId: existing.id };
    }

    if ((await requests.countWaiting(org.id)) >= deps.maxWaiting) return keepAside(key, from, `queue-full: ${deps.maxWaiting} requests already waiting`, org.id);
    const id = randomUUID();
    const resumeToken = newToken();
    const token = mailTokenFrom(randomBytes(8));
    const description = withDropped([subject, text].filter((part) => part !== '').join('\n\n') || '(no text)', dropped, language).slice(0, REQUEST_LIMITS.description);
    const contactName = nameOf(sender?.name, from);
    await requests.insert({
      id,
      orgId: org.id,
      category: 'other',
      description,
      contactName,
      diagnostics: null,
      diagnosticsSummary: null,
      resumeTokenHash: hashToken(resumeToken),
      // Throttles and network groups key on this; for mail it is the sender, never shown as an address.
      sourceAddress: `mail:${from}`,
      createdAt: now(),
      mail: { address: from, token },
    });
    await mail.finish(key, { status: 'request', requestId: id, text: withDropped(text || subject, dropped, language) });
    await mail.addAttachments(id, kept, now());
    await audit.append({ type: 'request.submitted', actor: 'user', orgId: org.id, requestId: id, detail: { category: 'other', diagnostics: false, channel: 'email', attachments: kept.length } }, now());
    await acknowledge({ id, orgId: org.id, organisation: org.name, name: contactName, to: from, subject, token, messageId, resumeToken, language });
    await deps.changed(org.id);
    return { status: 'request', requestId: id };
  };

  /** Unparseable: recorded by its IMAP identity, kept aside. */
  const refuse = async (key: string, reason: string): Promise<IntakeOutcome> => {
    const claim = await mail.claim(key, null, now());
    if (claim !== 'claimed') return { status: claim };
    const org = await deps.accounts.organisationBySlug(config.organisation);
    return keepAside(key, null, reason, org?.id ?? null);
  };

  /** The open request this message answers: by its headers first, then by the token; always the same sender. */
  const threadRequest = async (parsed: ParsedMail, from: string): Promise<HelpRequest | undefined> => {
    const references = typeof parsed.references === 'string' ? [parsed.references] : (parsed.references ?? []);
    const ids = [parsed.inReplyTo, ...references].filter((id): id is string => typeof id === 'string' && id !== '');
    const byHeaders = await mail.requestOfThread(ids);
    const recipients = [parsed.to, parsed.cc].flatMap((field) => (field === undefined ? [] : Array.isArray(field) ? field : [field])).flatMap((field) => field.value.map((a) => a.address ?? ''));
    const token = tokenInSubject(parsed.subject ?? '') ?? recipients.map(tokenInAddress).find((t) => t !== null) ?? null;
    const request = byHeaders !== null ? await requests.get(byHeaders) : token !== null ? await requests.byMailToken(token) : undefined;
    // Someone else writing into a thread (a forwarded mail) starts their own request instead.
    if (!request || request.emailAddress !== from) return undefined;
    return request.state === 'waiting' || request.state === 'claimed' ? request : undefined;
  };

  const acknowledge = async (a: { id: string; orgId: number; organisation: string; name: string; to: string; subject: string; token: string; messageId: string | null; resumeToken: string; language: MailLanguage }) => {
    const waiting = (await requests.open(a.orgId)).filter((r) => r.state === 'waiting');
    const position = waiting.findIndex((r) => r.id === a.id) + 1 || null;
    const handling = await requests.handlingTimes(a.orgId, now() - ETA_WINDOW_MS, ETA_SAMPLE);
    const eta = position === null ? null : estimateWaitMs(handling, position, await deps.consultantsOnline(a.orgId));
    const tag = subjectTag(a.token);
    const body = acknowledgementText(a.language, { name: a.name, organisation: a.organisation, position, estimatedWaitMs: eta, link: requestLink(a.id, a.resumeToken), tag });
    const references = a.messageId === null ? [] : [a.messageId];
    await mail.enqueue(
      { requestId: a.id, messageId: newMessageId(deps.messageDomain), to: a.to, subject: threadSubject(a.subject, tag), body, inReplyTo: a.messageId, references, automatic: true },
      // The thread shows that an acknowledgement went out, not its text again (it holds the resume link).
      a.language === 'fr' ? '(accusé de réception envoyé)' : '(acknowledgement sent)',
      now(),
    );
    deps.outboxChanged();
  };

  return { process, oversized };
}

export const newMessageId = (domain: string) => `<${randomUUID()}@${domain}>`;

function headerOf(parsed: ParsedMail, name: string): string {
  const value = parsed.headers.get(name);
  if (typeof value === 'string') return value.toLowerCase();
  if (value && typeof value === 'object' && 'value' in value && typeof value.value === 'string') return value.value.toLowerCase();
  return '';
}

function nameOf(display: string | undefined, address: string): string {
  const cleaned = printableText(display ?? '').replace(/\s+/g, ' ').trim().slice(0, 60);
  return cleaned !== '' ? cleaned : address.split('@')[0]?.slice(0, 60) || 'E-mail';
}

/** The attachments within the limits (each, and all together), and the names of those left out. */
export function attachmentsWithin(parsed: Pick<ParsedMail, 'attachments'>, limits: Pick<MailConfig, 'maxAttachmentBytes' | 'maxAttachmentsBytes'>): { kept: Attachment[]; dropped: string[] } {
  const kept: Attachment[] = [];
  const dropped: string[] = [];
  let total = 0;
  for (const a of parsed.attachments) {
    // The name is only a label: path parts and control characters go, it is never used as a file name.
    const fileName = printableText(a.filename ?? 'attachment').split(/[\\/]/).pop()?.trim().slice(0, 255) || 'attachment';
    const size = a.content.byteLength;
    if (size > limits.maxAttachmentBytes || total + size > limits.maxAttachmentsBytes || kept.length >= 20) {
      dropped.push(fileName);
      continue;
    }
    total += size;
    kept.push({ fileName, contentType: (a.contentType || 'application/octet-stream').slice(0, 255), data: new Uint8Array(a.content) });
  }
  return { kept, dropped };
}

function withDropped(text: string, dropped: readonly string[], language: MailLanguage): string {
  if (dropped.length === 0) return text;
  const note = language === 'fr' ? `(pièces jointes trop volumineuses, non gardées : ${dropped.join(', ')})` : `(attachments too large, not kept: ${dropped.join(', ')})`;
  return `${text}\n\n${note}`;
}
