/**
 * Requests by e-mail against a real Dovecot (IMAP, IDLE) and a real SMTP listener on loopback:
 * what arrives in the mailbox becomes a request and an acknowledgement, the thread goes both
 * ways, robots and floods are left alone, bad mail is kept aside, and outages lose nothing.
 */
import { ImapFlow } from 'imapflow';
import { connect, createServer, type Socket } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger, type Logger } from '../../shared/log';
import { parseRequestLink, tokenInSubject } from '../../shared/mail';
import { DbAccountStore } from '../accounts/account-store';
import { DbAuditLog } from '../audit/audit-log';
import { openRecords, type Records } from '../db/database';
import { DbRequestStore } from '../queue/request-store';
import { tempDbPath } from '../test-fixtures';
import { startDovecot, MAILBOX_PASSWORD, type TestDovecot } from '../test-support/dovecot';
import { freePort } from '../test-support/free-port';
import { startSmtpCapture, type SmtpCapture } from '../test-support/smtp-capture';
import { MAIL_DEFAULTS, type MailConfig } from './mail-config';
import { createMailService, type MailService } from './mail-service';

const USERS = Array.from({ length: 12 }, (_, i) => `support${i}@help.test`);
let dovecot: TestDovecot;
let nextUser = 0;

beforeAll(async () => {
  dovecot = await startDovecot(USERS);
});
afterAll(async () => {
  await dovecot.stop();
});

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

// Generous: the machine's two cores are shared, and each step is a real IMAP or SMTP round trip.
const until = async (what: string, check: () => Promise<boolean> | boolean, explain?: () => Promise<string>, timeoutMs = 15_000) => {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}${explain ? `: ${await explain()}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

/** A fresh mailbox, records with the organisation, the SMTP listener and Tandem's mail service. */
async function setup(options: { smtpPort?: number; smtp?: SmtpCapture | null; imapPort?: number; config?: Partial<MailConfig>; log?: Logger } = {}) {
  const user = USERS[nextUser++] ?? 'none';
  const db = tempDbPath();
  const records: Records = await openRecords(db.file);
  const accounts = new DbAccountStore(records);
  const org = await accounts.createOrganisation('acme', 'Acme IT', Date.now());
  const smtp = options.smtp === undefined ? await startSmtpCapture() : options.smtp;
  const requests = new DbRequestStore(records);
  const audit = new DbAuditLog(records);
  const config: MailConfig = {
    imap: { host: '127.0.0.1', port: options.imapPort ?? dovecot.port, secure: false, user, password: MAILBOX_PASSWORD },
    smtp: { host: '127.0.0.1', port: options.smtpPort ?? smtp?.port ?? 1, secure: false },
    from: `Acme help desk <${user}>`,
    organisation: 'acme',
    language: 'auto',
    ...MAIL_DEFAULTS,
    maxMessageBytes: 200_000,
    maxAttachmentBytes: 20_000,
    maxAttachmentsBytes: 30_000,
    maxPerSenderPerHour: 3,
    appDownloadUrl: 'https://help.acme.test/tandem',
    ...options.config,
  };
  const service: MailService = createMailService({
    config,
    records,
    requests,
    accounts,
    audit,
    log: options.log ?? silentLogger,
    now: Date.now,
    consultantsOnline: () => Promise.resolve(1),
    changed: () => Promise.resolve(),
    maxWaiting: 100,
    retry: { baseMs: 100, maxMs: 400 },
    timeoutMs: 1500,
    tickMs: 100,
    idleDelayMs: 100,
  });
  const imap = new ImapFlow({ host: '127.0.0.1', port: dovecot.port, secure: false, auth: { user, pass: MAILBOX_PASSWORD }, logger: false });
  await imap.connect();
  cleanups.push(async () => {
    await service.stop();
    await imap.logout().catch(() => undefined);
    await smtp?.stop();
    await records.close();
    db.cleanup();
  });
  service.start();
  /** Delivers a message into the support mailbox, as the mail server would. */
  const deliver = async (raw: string) => {
    await imap.append('INBOX', Buffer.from(raw.replace(/\r?\n/g, '\r\n')));
  };
  const folder = async (name: string) => {
    const lock = await imap.getMailboxLock(name);
    try {
      const messages: { subject: string; seen: boolean }[] = [];
      for await (const m of imap.fetch('1:*', { envelope: true, flags: true })) messages.push({ subject: m.envelope?.subject ?? '', seen: m.flags?.has('\\Seen') ?? false });
      return messages;
    } catch {
      return [];
    } finally {
      lock.release();
    }
  };
  /** Messages in the kept-aside folder (STATUS: no need to select it, and 0 while it does not exist yet). */
  const keptAside = async (): Promise<number> => {
    try {
      const status = await imap.status('Tandem kept aside', { messages: true });
      return status === false ? 0 : (status.messages ?? 0);
    } catch {
      return 0;
    }
  };
  return { user, org, records, requests, audit, service, smtp, deliver, folder, keptAside, config };
}

const mail = (o: { from?: string; subject?: string; body?: string; headers?: string[]; messageId?: string }) =>
  [
    `From: ${o.from ?? 'Jeanne Martin <jeanne@example.fr>'}`,
    'To: support@help.test',
    `Subject: ${o.subject ?? 'Mon imprimante ne marche plus'}`,
    `Message-ID: ${o.messageId ?? `<${Math.random().toString(36).slice(2)}@example.fr>`}`,
    'Date: Fri, 04 Dec 2026 10:00:00 +0100',
    ...(o.headers ?? []),
    'Content-Type: text/plain; charset=utf-8',
    '',
    o.body ?? "Bonjour,\n\nMon imprimante n'imprime plus depuis ce matin.\n\nMerci\n-- \nJeanne Martin\nMairie de Lyon",
    '',
  ].join('\n');

/** The audit types the organisation's trail holds (server/audit.test.ts leaves the mailbox's to this file). */
async function auditTypes(s: { audit: DbAuditLog; org: { id: number } }): Promise<Set<string>> {
  return new Set((await s.audit.query(s.org.id, {}, 500)).map((entry) => entry.type));
}

describe('requests by e-mail', () => {
  it('turns a new e-mail into a request and acknowledges it in the sender’s language, with the link to the request', async () => {
    const s = await setup();
    await s.deliver(mail({ messageId: '<first@example.fr>' }));
    const [ack] = await s.smtp!.waitFor(1);
    const open = await s.requests.open(s.org.id);
    expect(open).toHaveLength(1);
    const request = open[0]!;
    expect(request).toMatchObject({ channel: 'email', emailAddress: 'jeanne@example.fr', contactName: 'Jeanne Martin', state: 'waiting' });
    // Signature stripped, subject first.
    expect(request.description).toBe("Mon imprimante ne marche plus\n\nBonjour,\n\nMon imprimante n'imprime plus depuis ce matin.\n\nMerci");
    expect(ack!.to).toMatchObject({ value: [{ address: 'jeanne@example.fr' }] });
    expect(ack!.inReplyTo).toBe('<first@example.fr>');
    expect(ack!.headers.get('auto-submitted')).toBe('auto-replied');
    expect(tokenInSubject(ack!.subject ?? '')).toBe(request.mailToken);
    expect(ack!.text).toContain('Votre place dans la file d');
    expect(ack!.text).toContain(': 1.');
    expect(ack!.text).toContain("Si Tandem n'est pas installé");
    const link = /tandem:\/\/request\/\S+/.exec(ack!.text ?? '')?.[0] ?? '';
    expect(parseRequestLink(link)?.requestId).toBe(request.id);
    // Read, and left in the inbox.
    await until('the message marked read', async () => (await s.folder('INBOX')).every((m) => m.seen));
  });

  it('sends a consultant’s reply in the thread, and files the person’s answer in the same request (headers, then the subject token)', async () => {
    const s = await setup();
    await s.deliver(mail({ from: 'Bob <bob@example.com>', subject: 'Screen is black', body: 'Hello, my screen is black since this morning.', messageId: '<q1@example.com>' }));
    const [ack] = await s.smtp!.waitFor(1);
    expect(ack!.text).toContain('Your place in the queue: 1.');
    const request = (await s.requests.open(s.org.id))[0]!;
    expect(await s.service.reply(request, 'Is the power light on?', 'Alice', 'Acme IT')).toBe(true);
    const [, reply] = await s.smtp!.waitFor(2);
    expect(reply!.inReplyTo).toBe(ack!.messageId);
    expect(reply!.references).toEqual(['<q1@example.com>', ack!.messageId]);
    expect(reply!.text).toContain('Is the power light on?');
    expect(reply!.headers.has('auto-submitted')).toBe(false);

    // The answer quotes the reply: only the new text lands in the thread.
    // By its headers alone (no tag in this subject).
    await s.deliver(mail({ from: 'bob@example.com', subject: 'Re: Screen is black', messageId: '<a1@example.com>', headers: [`In-Reply-To: ${reply!.messageId}`, `References: ${reply!.messageId}`], body: `Yes it is on.\n\nOn Fri, Dec 4, 2026 at 10:05 AM Acme wrote:\n> Is the power light on?\n` }));
    await until('the answer in the thread', async () => (await s.service.detailOf(request))?.thread.some((m) => m.text === 'Yes it is on.') ?? false);
    // A client that dropped the headers: the token in the subject finds the request.
    await s.deliver(mail({ from: 'bob@example.com', subject: `Re: still black ${`[#${request.mailToken}]`}`, messageId: '<a2@example.com>', body: 'Still black after a restart.' }));
    await until('the second answer', async () => (await s.service.detailOf(request))?.thread.some((m) => m.text === 'Still black after a restart.') ?? false);
    expect(await s.requests.open(s.org.id)).toHaveLength(1);
    const detail = await s.service.detailOf(request);
    expect(detail?.thread.map((m) => m.direction)).toEqual(['in', 'out', 'out', 'in', 'in']);
    // Someone else using the token starts their own request.
    await s.deliver(mail({ from: 'mallory@example.net', subject: `Re: [#${request.mailToken}]`, body: 'I am not Bob.' }));
    await until('a second request', async () => (await s.requests.open(s.org.id)).length === 2);
    // The consultant's reply is audited by the queue console (mail-console.test.ts checks it).
    expect((await auditTypes(s)).has('mail.received')).toBe(true);
  });

  it('mails an invitation with a fresh code, the join link and what to do without the app', async () => {
    const s = await setup();
    await s.deliver(mail({ from: 'bob@example.com', subject: 'Help', body: 'Hello, my computer is slow.' }));
    await s.smtp!.waitFor(1);
    const request = (await s.requests.open(s.org.id))[0]!;
    await s.service.invite(request, { code: '482193675', expiresAt: Date.now() + 10 * 60_000 }, 'Alice', 'Acme IT');
    const [, invite] = await s.smtp!.waitFor(2);
    expect(invite!.text).toContain('tandem://join/482193675');
    expect(invite!.text).toContain('482 193 675');
    expect(invite!.text).toContain('install Tandem from https://help.acme.test/tandem');
    // The thread records that it went out, never the code.
    expect(JSON.stringify(await s.service.detailOf(request))).not.toContain('482193675');
  });

  it('never answers automatic replies, bounces, bulk mail or its own messages', async () => {
    const s = await setup();
    await s.deliver(mail({ subject: 'Out of office', headers: ['Auto-Submitted: auto-replied'] }));
    await s.deliver(mail({ subject: 'Absent', headers: ['X-Autoreply: yes'] }));
    await s.deliver(mail({ subject: 'Newsletter', headers: ['Precedence: bulk'] }));
    await s.deliver(mail({ subject: 'Undelivered Mail Returned to Sender', from: 'MAILER-DAEMON@mx.example.fr' }));
    await s.deliver(mail({ subject: 'Ours', messageId: `<loop@${s.user.split('@')[1]}>` }));
    await until('all five looked at', async () => (await s.service.store.setAside(10)).length === 5);
    expect((await s.service.store.setAside(10)).map((m) => m.reason).sort()).toEqual(['auto-reply', 'auto-submitted', 'bounce', 'bulk', 'own-message']);
    expect(await s.requests.open(s.org.id)).toHaveLength(0);
    await s.service.check();
    expect(s.smtp!.received).toHaveLength(0);
    expect((await auditTypes(s)).has('mail.ignored')).toBe(true);
  });

  it('limits a flood from one sender and keeps the rest aside, never lost', async () => {
    const s = await setup();
    for (let i = 0; i < 5; i += 1) await s.deliver(mail({ from: 'flood@example.com', subject: `Help ${i}`, body: `Message ${i}` }));
    await until('five looked at', async () => (await s.keptAside()) === 2);
    expect(await s.requests.open(s.org.id)).toHaveLength(3);
    expect((await s.service.store.setAside(10)).map((m) => m.reason?.split(':')[0])).toEqual(['flood', 'flood']);
    expect((await s.folder('INBOX')).length).toBe(3);
    expect((await auditTypes(s)).has('mail.kept-aside')).toBe(true);
  });

  it('keeps oversized and unreadable mail aside with the reason, and drops only attachments over the limit', async () => {
    const s = await setup();
    await s.deliver(mail({ subject: 'Huge', body: 'x'.repeat(210_000) }));
    await s.deliver('this is not an e-mail at all\n');
    const small = Buffer.from('small log').toString('base64');
    const big = Buffer.alloc(25_000, 1).toString('base64');
    await s.deliver(
      [
        'From: Bob <bob@example.com>',
        'Subject: With files',
        'Message-ID: <files@example.com>',
        'MIME-Version: 1.0',
        'Content-Type: multipart/mixed; boundary="b"',
        '',
        '--b',
        'Content-Type: text/plain',
        '',
        'Logs attached.',
        '--b',
        'Content-Type: text/plain; name="log.txt"',
        'Content-Disposition: attachment; filename="../../etc/log.txt"',
        'Content-Transfer-Encoding: base64',
        '',
        small,
        '--b',
        'Content-Type: application/x-msdownload; name="setup.exe"',
        'Content-Disposition: attachment; filename="setup.exe"',
        'Content-Transfer-Encoding: base64',
        '',
        big,
        '--b--',
        '',
      ].join('\n'),
    );
    await until('two kept aside', async () => (await s.keptAside()) === 2, async () => `inbox ${JSON.stringify(await s.folder('INBOX'))}, ${JSON.stringify(s.service.mailbox())}, ${JSON.stringify(await s.service.store.setAside(9))}`);
    const reasons = (await s.service.store.setAside(10)).map((m) => m.reason ?? '');
    expect(reasons.some((r) => r.startsWith('too-large'))).toBe(true);
    expect(reasons.some((r) => r.startsWith('malformed'))).toBe(true);
    await until('the request with files', async () => (await s.requests.open(s.org.id)).length === 1);
    const request = (await s.requests.open(s.org.id))[0]!;
    expect((await s.service.detailOf(request))?.attachments).toEqual([{ name: 'log.txt', contentType: 'text/plain', size: 9 }]);
    expect(request.description).toContain('attachments too large, not kept: setup.exe');
    const kept = await s.records.db.selectFrom('mail_attachments').select('data').executeTakeFirstOrThrow();
    expect(Buffer.from(kept.data).toString()).toBe('small log');
  });

  it('keeps what it sends while the SMTP server is unreachable and sends it when it is back', async () => {
    const port = await freePort();
    const warnings: string[] = [];
    const log: Logger = { ...silentLogger, warn: (event, fields) => warnings.push(`${event} ${JSON.stringify(fields)}`) };
    const s = await setup({ smtp: null, smtpPort: port, log });
    await s.deliver(mail({ subject: 'Help', body: 'Hello, no sound.' }));
    await until('a failed attempt', async () => ((await s.service.store.unsent())[0]?.attempts ?? 0) >= 2);
    expect((await s.service.store.unsent())[0]?.lastError).toContain('ECONNREFUSED');
    expect(warnings.some((w) => w.startsWith('mail.smtp-failed'))).toBe(true);
    expect(warnings.join('\n')).not.toContain(MAILBOX_PASSWORD);
    const smtp = await startSmtpCapture(port);
    cleanups.push(() => smtp.stop());
    await smtp.waitFor(1);
    await until('the outbox empty', async () => (await s.service.store.unsent()).length === 0);
  });

  it('retries an unreachable IMAP server and then reads the mail that waited there', async () => {
    const port = await freePort();
    const s = await setup({ imapPort: port });
    await until('a failed connection', () => s.service.mailbox().failures >= 2);
    expect(s.service.mailbox()).toMatchObject({ connected: false });
    expect(s.service.mailbox().lastError).toContain('ECONNREFUSED');
    // Simulate the outage ending: the real Dovecot's mailbox, reached through a relay on the port we configured.
    await s.deliver(mail({ subject: 'Waited', body: 'Hello, this waited on the server.' }));
    const sockets: Socket[] = [];
    const relay = createServer((socket) => {
      const upstream = connect(dovecot.port, '127.0.0.1');
      sockets.push(socket, upstream);
      socket.pipe(upstream).pipe(socket);
    });
    await new Promise<void>((resolve) => relay.listen(port, '127.0.0.1', () => resolve()));
    cleanups.push(async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => relay.close(() => resolve()));
    });
    await until('the request', async () => (await s.requests.open(s.org.id)).length === 1);
    expect(s.service.mailbox()).toMatchObject({ connected: true, failures: 0 });
    await s.smtp!.waitFor(1);
  });
});
