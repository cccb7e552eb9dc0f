/**
 * The whole path through the real server: an e-mail in a real Dovecot mailbox becomes a request
 * in the consultant's queue console, the consultant answers it by e-mail (a real SMTP listener
 * receives it), the person's answer lands in the same request, and one click invites them into
 * a live session whose code arrives by e-mail and lets them join.
 */
import { ImapFlow } from 'imapflow';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseRequestLink } from '../../shared/mail';
import { DbAuditLog } from '../audit/audit-log';
import { openRecords } from '../db/database';
import { MAIL_DEFAULTS } from './mail-config';
import { freshEachTest, seed } from '../test-fixtures';
import { MAILBOX_PASSWORD, startDovecot, type TestDovecot } from '../test-support/dovecot';
import { startSmtpCapture, type SmtpCapture } from '../test-support/smtp-capture';

const env = freshEachTest();
let dovecot: TestDovecot;
let smtp: SmtpCapture;
const USER = 'support@help.test';

beforeAll(async () => {
  dovecot = await startDovecot([USER]);
});
afterAll(async () => {
  await dovecot.stop();
});
afterEach(async () => {
  await smtp.stop();
});

const raw = (lines: string[]) => Buffer.from(lines.join('\r\n'));

describe('an e-mail request in the queue console', () => {
  it('is answered by e-mail in its thread and turned into a live session with one click', async () => {
    smtp = await startSmtpCapture();
    await seed(env.db.file, [{ email: 'bob@acme.example', name: 'Bob' }]);
    const server = await env.h.start({
      dbPath: env.db.file,
      mail: {
        ...MAIL_DEFAULTS,
        imap: { host: '127.0.0.1', port: dovecot.port, secure: false, user: USER, password: MAILBOX_PASSWORD },
        smtp: { host: '127.0.0.1', port: smtp.port, secure: false },
        from: `Acme IT <${USER}>`,
        organisation: 'acme',
        language: 'en',
        appDownloadUrl: null,
      },
    });
    const { client: bob } = await env.h.login(server, 'bob@acme.example');
    bob.send({ type: 'queue.subscribe' });
    await bob.next('queue.snapshot');

    const imap = new ImapFlow({ host: '127.0.0.1', port: dovecot.port, secure: false, auth: { user: USER, pass: MAILBOX_PASSWORD }, logger: false });
    await imap.connect();
    try {
      await imap.append('INBOX', raw(['From: Uma <uma@example.com>', `To: ${USER}`, 'Subject: Printer offline', 'Message-ID: <p1@example.com>', '', 'Hello, the printer says offline.', '']));
      const snapshot = await bob.nextMatching((m) => m.type === 'queue.snapshot' && m.total === 1, 'the e-mail request in the queue', 15_000);
      const item = snapshot.type === 'queue.snapshot' ? snapshot.items[0] : undefined;
      expect(item).toMatchObject({ channel: 'email', contactName: 'Uma', descriptionPreview: 'Printer offline\n\nHello, the printer says offline.' });
      const requestId = item?.id ?? '';
      const [acknowledgement] = await smtp.waitFor(1);
      // The acknowledgement's link opens the app on this request: the app watches it with the link's token.
      const link = parseRequestLink(/tandem:\/\/request\/\S+/.exec(acknowledgement?.text ?? '')?.[0] ?? '');
      const app = await env.h.client(server);
      app.send({ type: 'request.watch', requestId: link?.requestId ?? '', resumeToken: link?.resumeToken ?? '' });
      expect(await app.next('request.watching')).toEqual({ type: 'request.watching', requestId, organisation: 'Acme IT' });
      expect(await app.next('request.status')).toMatchObject({ state: 'waiting', position: 1 });

      bob.send({ type: 'queue.mail-reply', requestId, text: 'Is it switched on?' });
      expect(await bob.next('queue.mail-queued')).toMatchObject({ requestId, kind: 'reply' });
      const [ack, reply] = await smtp.waitFor(2);
      expect(reply?.text).toContain('Is it switched on?\n\n-- \nBob, Acme IT help desk');
      expect(reply?.inReplyTo).toBe(ack?.messageId);

      await imap.append('INBOX', raw(['From: uma@example.com', `To: ${USER}`, `Subject: ${reply?.subject ?? ''}`, 'Message-ID: <p2@example.com>', `In-Reply-To: ${reply?.messageId ?? ''}`, '', 'Yes, the light is green.', '', '> Is it switched on?', '']));
      let thread: string[] = [];
      for (let tries = 0; tries < 150 && !thread.includes('Yes, the light is green.'); tries += 1) {
        bob.send({ type: 'queue.detail', requestId });
        const detail = await bob.next('queue.request');
        thread = detail.request.mail?.thread.map((m) => m.text) ?? [];
        if (!thread.includes('Yes, the light is green.')) await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(thread).toEqual(['Hello, the printer says offline.', '(acknowledgement sent)', 'Is it switched on?', 'Yes, the light is green.']);

      // One click: claimed, a session waits for the person, and its code goes out by e-mail.
      bob.send({ type: 'queue.mail-invite', requestId });
      const { code } = await bob.next('session.created');
      expect(await bob.next('queue.mail-queued')).toMatchObject({ requestId, kind: 'invite' });
      const invite = (await smtp.waitFor(3))[2];
      expect(invite?.text).toContain(`tandem://join/${code}`);
      const person = await env.h.client(server);
      person.send({ type: 'session.join', code: /tandem:\/\/join\/(\d{9})/.exec(invite?.text ?? '')?.[1] ?? '' });
      expect(await person.next('session.joined')).toMatchObject({ consultantName: 'Bob', verified: { name: 'Bob', organisation: 'Acme IT' } });

      // Only e-mail requests can be answered by e-mail.
      bob.send({ type: 'queue.mail-reply', requestId: '00000000-0000-4000-8000-000000000000', text: 'Hello' });
      expect(await bob.next('error')).toMatchObject({ code: 'not-found' });

      // The consultant's reply and invitation are in the organisation's trail (server/audit.test.ts leaves them here).
      const records = await openRecords(env.db.file);
      try {
        const sent = (await new DbAuditLog(records).query(1, { type: 'mail.sent' }, 10)).map((entry) => entry.detail);
        expect(sent).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'reply' }), expect.objectContaining({ kind: 'invite' })]));
      } finally {
        await records.close();
      }
    } finally {
      await imap.logout();
    }
  });
});
