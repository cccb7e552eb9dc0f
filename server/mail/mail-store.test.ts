import { describe, expect, it } from 'vitest';
import { DbAccountStore } from '../accounts/account-store';
import { DbRequestStore } from '../queue/request-store';
import { ENGINES, useEngines } from '../test-support/engines';
import { CLAIM_LEASE_MS, MailStore } from './mail-store';

const stores = useEngines();

const outgoing = (messageId: string, requestId: string | null = null) => ({ requestId, messageId, to: 'uma@example.com', subject: 'Re: help [#K7WQ2M9D]', body: 'Hello', inReplyTo: null, references: [], automatic: true });

describe.each(ENGINES)('the mailbox records on %s', (engine) => {
  it('lets exactly one of several instances claim a message, and takes over a dead claim or a message back from aside', async () => {
    const at = await stores.location(engine);
    const [one, two] = [new MailStore(await stores.open(engine, at)), new MailStore(await stores.open(engine, at))];
    const claims = await Promise.all([one.claim('<m1@x>', 'a@x', 1000), two.claim('<m1@x>', 'a@x', 1000), one.claim('<m1@x>', 'a@x', 1000)]);
    expect(claims.filter((c) => c === 'claimed')).toHaveLength(1);
    expect(claims.filter((c) => c === 'busy')).toHaveLength(2);
    expect(await two.claim('<m1@x>', 'a@x', 1000 + CLAIM_LEASE_MS)).toBe('claimed');
    await two.finish('<m1@x>', { status: 'ignored', reason: 'bulk' });
    expect(await one.claim('<m1@x>', 'a@x', 10 * CLAIM_LEASE_MS)).toBe('done');
    await one.claim('<m2@x>', 'a@x', 2000);
    await one.finish('<m2@x>', { status: 'kept-aside', reason: 'flood' });
    expect(await one.countFrom('a@x', 0)).toBe(2);
    expect(await two.claim('<m2@x>', 'a@x', 3000)).toBe('claimed');
  });

  it('keeps the thread and the attachments of a request, and sends each outbox message from one instance only', async () => {
    const at = await stores.location(engine);
    const records = await stores.open(engine, at);
    const org = await new DbAccountStore(records).createOrganisation('acme', 'Acme IT', 1);
    await new DbRequestStore(records).insert({ id: 'r1', orgId: org.id, category: 'other', description: 'help', contactName: 'Uma', diagnostics: null, diagnosticsSummary: null, resumeTokenHash: 'h', sourceAddress: 'mail:uma@example.com', createdAt: 1, mail: { address: 'uma@example.com', token: 'K7WQ2M9D' } });
    const [one, two] = [new MailStore(records), new MailStore(await stores.open(engine, at))];
    await one.claim('<in1@x>', 'uma@example.com', 10);
    await one.finish('<in1@x>', { status: 'request', requestId: 'r1', text: 'The printer is offline.' });
    await one.enqueue(outgoing('<out1@tandem>', 'r1'), '(acknowledgement sent)', 20);
    expect(await two.requestOfThread(['<unknown@x>', '<out1@tandem>'])).toBe('r1');
    expect(await two.isOwn('<out1@tandem>')).toBe(true);
    expect(await two.threadIds('r1')).toEqual(['<in1@x>', '<out1@tandem>']);
    expect(await two.thread('r1', 10)).toEqual([
      { direction: 'in', text: 'The printer is offline.', at: 10 },
      { direction: 'out', text: '(acknowledgement sent)', at: 20 },
    ]);
    await one.addAttachments('r1', [{ fileName: 'log.txt', contentType: 'text/plain', data: new Uint8Array([104, 105]) }], 30);
    expect(await two.attachmentsOf('r1', 5)).toEqual([{ name: 'log.txt', contentType: 'text/plain', size: 2 }]);

    const [first, second] = await Promise.all([one.takeDue(25, 60_000, 10), two.takeDue(25, 60_000, 10)]);
    expect([...first, ...second].map((m) => m.messageId)).toEqual(['<out1@tandem>']);
    const taken = [...first, ...second][0];
    expect(taken).toMatchObject({ to: 'uma@example.com', automatic: true, attempts: 0 });
    await one.failed(taken?.id ?? 0, 'ECONNREFUSED: connect', 100);
    expect(await two.unsent()).toEqual([{ messageId: '<out1@tandem>', attempts: 1, lastError: 'ECONNREFUSED: connect' }]);
    expect(await two.takeDue(99, 60_000, 10)).toEqual([]);
    const retried = await two.takeDue(100, 60_000, 10);
    expect(retried).toHaveLength(1);
    await two.sent(retried[0]?.id ?? 0, 120);
    expect(await one.unsent()).toEqual([]);
  });
});
