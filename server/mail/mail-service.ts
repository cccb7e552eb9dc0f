import type { Logger } from '../../shared/log';
import { MAIL_LIMITS, subjectTag, type MailInfo } from '../../shared/mail';
import type { AccountStore } from '../accounts/account-store';
import type { AuditLog } from '../audit/audit-log';
import type { Records } from '../db/database';
import type { HelpRequest, RequestStore } from '../queue/request-store';
import type { MailConfig } from './mail-config';
import { createMailIntake, newMessageId } from './mail-intake';
import { mailLanguage, type MailLanguage } from './mail-language';
import { invitationText, replyText, threadSubject } from './mail-messages';
import { MailStore } from './mail-store';
import { createMailboxWatcher } from './mailbox-watcher';
import { createOutboxSender } from './outbox-sender';

/**
 * Requests by e-mail, put together: the mailbox watcher feeding the intake, the outbox sender,
 * and what the queue console needs (the thread of a request, replies and invitations by mail).
 */
export interface MailServiceDeps {
  config: MailConfig;
  records: Pick<Records, 'db'>;
  requests: RequestStore;
  accounts: AccountStore;
  audit: AuditLog;
  log: Logger;
  now: () => number;
  consultantsOnline: (orgId: number) => Promise<number>;
  changed: (orgId: number) => Promise<void>;
  maxWaiting: number;
  /** Tests: shorter waits between attempts and quicker timeouts. */
  retry?: { baseMs: number; maxMs: number };
  timeoutMs?: number;
  tickMs?: number;
  idleDelayMs?: number;
}

/** The domain of the support address: Tandem's Message-IDs end with it. */
export function domainOf(from: string): string {
  const address = /<([^>]+)>/.exec(from)?.[1] ?? from;
  return address.split('@').pop()?.trim().toLowerCase() || 'tandem.invalid';
}

export function createMailService(deps: MailServiceDeps) {
  const { config, now } = deps;
  const store = new MailStore(deps.records);
  const messageDomain = domainOf(config.from);
  const sender = createOutboxSender({ config, mail: store, log: deps.log, now, ...opt('retry', deps.retry), ...opt('timeoutMs', deps.timeoutMs), ...opt('tickMs', deps.tickMs) });
  const intake = createMailIntake({
    config,
    requests: deps.requests,
    mail: store,
    accounts: deps.accounts,
    audit: deps.audit,
    log: deps.log,
    now,
    messageDomain,
    consultantsOnline: deps.consultantsOnline,
    changed: deps.changed,
    outboxChanged: () => void sender.kick(),
    maxWaiting: deps.maxWaiting,
  });
  const watcher = createMailboxWatcher({ imap: config.imap, keepAsideFolder: config.keepAsideFolder, maxMessageBytes: config.maxMessageBytes, log: deps.log, intake, ...opt('retry', deps.retry), ...opt('timeoutMs', deps.timeoutMs), ...opt('idleDelayMs', deps.idleDelayMs) });

  const languageOf = (request: HelpRequest): MailLanguage => (config.language === 'auto' ? mailLanguage(request.description, undefined) : config.language);

  /** Queues a message of the request's thread: In-Reply-To its latest message, References all of them. */
  const send = async (request: HelpRequest & { emailAddress: string; mailToken: string }, body: string, threadText: string) => {
    const references = await store.threadIds(request.id);
    const subject = threadSubject(request.description.split('\n')[0] ?? '', subjectTag(request.mailToken));
    await store.enqueue({ requestId: request.id, messageId: newMessageId(messageDomain), to: request.emailAddress, subject, body, inReplyTo: references.at(-1) ?? null, references, automatic: false }, threadText, now());
    void sender.kick();
  };

  const mailable = (request: HelpRequest): request is HelpRequest & { emailAddress: string; mailToken: string } => request.channel === 'email' && request.emailAddress !== null && request.mailToken !== null;

  return {
    start() {
      watcher.start();
      sender.start();
    },
    async stop() {
      await watcher.stop();
      await sender.stop();
    },
    mailbox: () => watcher.state(),
    /** Looks at the mailbox and the outbox now (tests). */
    async check() {
      await watcher.check();
      await sender.kick();
    },
    store,
    mailable,
    /** A consultant's answer, by e-mail in the request's thread. False: not an e-mail request. */
    async reply(request: HelpRequest, text: string, consultant: string, organisation: string): Promise<boolean> {
      if (!mailable(request)) return false;
      await send(request, replyText(languageOf(request), text, consultant, organisation), text);
      return true;
    },
    /** The live-session invitation: a fresh code and the links, by e-mail. */
    async invite(request: HelpRequest, pending: { code: string; expiresAt: number }, consultant: string, organisation: string): Promise<boolean> {
      if (!mailable(request)) return false;
      const language = languageOf(request);
      const body = invitationText(language, { consultant, organisation, code: pending.code, validForMs: pending.expiresAt - now(), link: `tandem://join/${pending.code}`, downloadUrl: config.appDownloadUrl });
      // The thread keeps that an invitation went out, never the code (a one-time secret).
      await send(request, body, language === 'fr' ? '(invitation à une session envoyée)' : '(session invitation sent)');
      return true;
    },
    /** What the console shows of an e-mail request. */
    async detailOf(request: HelpRequest): Promise<MailInfo | undefined> {
      if (!mailable(request)) return undefined;
      const thread = (await store.thread(request.id, MAIL_LIMITS.threadEntries)).map((entry) => ({ ...entry, text: entry.text.length <= MAIL_LIMITS.threadText ? entry.text : `${entry.text.slice(0, MAIL_LIMITS.threadText)}…` }));
      return { address: request.emailAddress, thread, attachments: await store.attachmentsOf(request.id, MAIL_LIMITS.attachmentsListed) };
    },
  };
}

export type MailService = ReturnType<typeof createMailService>;

const opt = <K extends string, V>(key: K, value: V | undefined) => (value === undefined ? {} : ({ [key]: value } as { [P in K]: V }));
