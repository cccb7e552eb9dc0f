import type { Records } from '../db/database';
import type { MailStatus } from '../db/schema';

/**
 * The mailbox's records: every message in and out (the thread of each e-mail request), the
 * attachments kept with a request, and the outbox. One set of queries for SQLite and PostgreSQL.
 */
export interface Attachment {
  fileName: string;
  contentType: string;
  data: Uint8Array;
}

export interface OutgoingMail {
  requestId: string | null;
  messageId: string;
  to: string;
  subject: string;
  body: string;
  inReplyTo: string | null;
  references: string[];
  /** Written by Tandem itself (an acknowledgement): goes out with Auto-Submitted. */
  automatic: boolean;
}

export interface DueMail extends OutgoingMail {
  id: number;
  attempts: number;
}

/** How long a claim on an incoming message holds before another instance may take it over (its claimer died). */
export const CLAIM_LEASE_MS = 10 * 60 * 1000;

type Final = Exclude<MailStatus, 'processing' | 'sent'>;

export class MailStore {
  private readonly db: Records['db'];

  constructor(records: Pick<Records, 'db'>) {
    this.db = records.db;
  }

  /**
   * Claims an incoming message for this instance: 'claimed' for exactly one claimer, cluster-wide
   * (the key is unique). A claim older than the lease whose message was never finished is taken
   * over, and so is a kept-aside message that is back in the inbox. 'busy': another instance is
   * on it; 'done': already dealt with (or it is one of ours).
   */
  async claim(key: string, from: string | null, now: number): Promise<'claimed' | 'busy' | 'done'> {
    const inserted = await this.db
      .insertInto('mail_messages')
      .values({ message_key: key, direction: 'in', from_address: from, status: 'processing', at: now })
      .onConflict((oc) => oc.column('message_key').doNothing())
      .executeTakeFirst();
    if (inserted.numInsertedOrUpdatedRows === 1n) return 'claimed';
    // Taken over: a claim whose instance died, or a kept-aside message an operator moved back to the inbox.
    const taken = await this.db
      .updateTable('mail_messages')
      .set({ at: now, status: 'processing', reason: null })
      .where('message_key', '=', key)
      .where('direction', '=', 'in')
      .where((eb) => eb.or([eb('status', '=', 'kept-aside'), eb.and([eb('status', '=', 'processing'), eb('at', '<=', now - CLAIM_LEASE_MS)])]))
      .executeTakeFirst();
    if (taken.numUpdatedRows === 1n) return 'claimed';
    const current = await this.db.selectFrom('mail_messages').select('status').where('message_key', '=', key).executeTakeFirst();
    return current?.status === 'processing' ? 'busy' : 'done';
  }

  /** Records what became of a claimed message (and the text a consultant sees in the thread). */
  async finish(key: string, outcome: { status: Final; requestId?: string; reason?: string; text?: string; from?: string | null }): Promise<void> {
    await this.db
      .updateTable('mail_messages')
      .set({
        status: outcome.status,
        request_id: outcome.requestId ?? null,
        reason: outcome.reason ?? null,
        text: outcome.text ?? null,
        ...(outcome.from !== undefined ? { from_address: outcome.from } : {}),
      })
      .where('message_key', '=', key)
      .execute();
  }

  /** Incoming messages from this address since `since` (all of them: ignored and kept aside too). */
  async countFrom(address: string, since: number): Promise<number> {
    const row = await this.db
      .selectFrom('mail_messages')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('direction', '=', 'in')
      .where('from_address', '=', address)
      .where('at', '>=', since)
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  /** The request one of these Message-IDs belongs to (a message of its thread, in or out). */
  async requestOfThread(messageIds: readonly string[]): Promise<string | null> {
    if (messageIds.length === 0) return null;
    const row = await this.db
      .selectFrom('mail_messages')
      .select('request_id')
      .where('message_key', 'in', [...messageIds])
      .where('request_id', 'is not', null)
      .orderBy('id', 'desc')
      .executeTakeFirst();
    return row?.request_id ?? null;
  }

  async isOwn(messageId: string): Promise<boolean> {
    const row = await this.db.selectFrom('mail_messages').select('id').where('message_key', '=', messageId).where('direction', '=', 'out').executeTakeFirst();
    return row !== undefined;
  }

  /** The thread's Message-IDs, oldest first: the References of the next message out. */
  async threadIds(requestId: string): Promise<string[]> {
    const rows = await this.db.selectFrom('mail_messages').select('message_key').where('request_id', '=', requestId).orderBy('id').execute();
    return rows.map((row) => row.message_key).filter((key) => key.startsWith('<'));
  }

  /** The newest `limit` messages of the thread, oldest first. */
  async thread(requestId: string, limit: number): Promise<{ direction: 'in' | 'out'; text: string; at: number }[]> {
    const rows = await this.db
      .selectFrom('mail_messages')
      .select(['direction', 'text', 'at'])
      .where('request_id', '=', requestId)
      .where('text', 'is not', null)
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    return rows.reverse().map((row) => ({ direction: row.direction, text: row.text ?? '', at: row.at }));
  }

  async addAttachments(requestId: string, attachments: readonly Attachment[], now: number): Promise<void> {
    if (attachments.length === 0) return;
    await this.db
      .insertInto('mail_attachments')
      .values(attachments.map((a) => ({ request_id: requestId, file_name: a.fileName, content_type: a.contentType, size: a.data.byteLength, data: a.data, at: now })))
      .execute();
  }

  attachmentsOf(requestId: string, limit: number): Promise<{ name: string; contentType: string; size: number }[]> {
    return this.db.selectFrom('mail_attachments').select(['file_name as name', 'content_type as contentType', 'size']).where('request_id', '=', requestId).orderBy('id').limit(limit).execute();
  }

  /** Puts a message in the outbox and into its thread (so that answers to it find the request). */
  async enqueue(mail: OutgoingMail, threadText: string, now: number): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('mail_outbox')
        .values({
          request_id: mail.requestId,
          message_id: mail.messageId,
          to_address: mail.to,
          subject: mail.subject,
          body: mail.body,
          in_reply_to: mail.inReplyTo,
          reference_ids: mail.references.length > 0 ? mail.references.join(' ') : null,
          automatic: mail.automatic ? 1 : 0,
          next_attempt_at: now,
          created_at: now,
        })
        .execute();
      await trx.insertInto('mail_messages').values({ message_key: mail.messageId, direction: 'out', request_id: mail.requestId, from_address: null, status: 'sent', text: threadText, at: now }).execute();
    });
  }

  /**
   * Takes the outbox messages due now for this instance: each is leased (its next attempt moved
   * `leaseMs` ahead) by one conditional UPDATE, so two instances never send the same one.
   */
  async takeDue(now: number, leaseMs: number, limit: number): Promise<DueMail[]> {
    const due = await this.db.selectFrom('mail_outbox').selectAll().where('sent_at', 'is', null).where('next_attempt_at', '<=', now).orderBy('id').limit(limit).execute();
    const taken: DueMail[] = [];
    for (const row of due) {
      const lease = await this.db
        .updateTable('mail_outbox')
        .set({ next_attempt_at: now + leaseMs })
        .where('id', '=', row.id)
        .where('sent_at', 'is', null)
        .where('next_attempt_at', '=', row.next_attempt_at)
        .executeTakeFirst();
      if (lease.numUpdatedRows !== 1n) continue;
      taken.push({
        id: row.id,
        attempts: row.attempts,
        requestId: row.request_id,
        messageId: row.message_id,
        to: row.to_address,
        subject: row.subject,
        body: row.body,
        inReplyTo: row.in_reply_to,
        references: row.reference_ids === null ? [] : row.reference_ids.split(' '),
        automatic: row.automatic === 1,
      });
    }
    return taken;
  }

  async sent(id: number, now: number): Promise<void> {
    await this.db.updateTable('mail_outbox').set({ sent_at: now, last_error: null }).where('id', '=', id).execute();
  }

  async failed(id: number, error: string, retryAt: number): Promise<void> {
    await this.db
      .updateTable('mail_outbox')
      .set((eb) => ({ attempts: eb('attempts', '+', 1), last_error: error.slice(0, 500), next_attempt_at: retryAt }))
      .where('id', '=', id)
      .execute();
  }

  /** Outbox messages the mail server has not taken yet (for readiness and tests). */
  async unsent(): Promise<{ messageId: string; attempts: number; lastError: string | null }[]> {
    const rows = await this.db.selectFrom('mail_outbox').select(['message_id', 'attempts', 'last_error']).where('sent_at', 'is', null).orderBy('id').execute();
    return rows.map((row) => ({ messageId: row.message_id, attempts: row.attempts, lastError: row.last_error }));
  }

  /** Incoming messages kept aside or ignored, newest first, with their reason. */
  async setAside(limit: number): Promise<{ key: string; status: MailStatus; reason: string | null; from: string | null }[]> {
    const rows = await this.db
      .selectFrom('mail_messages')
      .select(['message_key', 'status', 'reason', 'from_address'])
      .where('direction', '=', 'in')
      .where('status', 'in', ['ignored', 'kept-aside'])
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    return rows.map((row) => ({ key: row.message_key, status: row.status, reason: row.reason, from: row.from_address }));
  }
}
