import nodemailer from 'nodemailer';
import type { Logger } from '../../shared/log';
import type { MailConfig } from './mail-config';
import type { DueMail, MailStore } from './mail-store';
import { backoffMs, errorLabel } from './retry';

/**
 * Sends the outbox over SMTP. A message leaves the outbox only once the SMTP server accepted it;
 * until then each failure waits twice as long as the one before (a few seconds up to half an hour).
 * Each message is leased before it is sent, so two instances never send the same one.
 */
export interface SenderDeps {
  config: Pick<MailConfig, 'smtp' | 'from'>;
  mail: MailStore;
  log: Logger;
  now: () => number;
  retry?: { baseMs: number; maxMs: number };
  /** How often due retries are looked for (new mail is sent at once, see kick()). */
  tickMs?: number;
  timeoutMs?: number;
}

const LEASE_MS = 2 * 60 * 1000;

export function createOutboxSender(deps: SenderDeps) {
  const retry = deps.retry ?? { baseMs: 5000, maxMs: 30 * 60 * 1000 };
  const { smtp } = deps.config;
  const timeoutMs = deps.timeoutMs ?? 30_000;
  const transport = nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure,
    ...(smtp.user !== undefined ? { auth: { user: smtp.user, pass: smtp.password ?? '' } } : {}),
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  });
  let running: Promise<void> | null = null;
  let again = false;
  let timer: NodeJS.Timeout | null = null;

  const send = (m: DueMail) =>
    transport.sendMail({
      from: deps.config.from,
      to: m.to,
      subject: m.subject,
      text: m.body,
      messageId: m.messageId,
      ...(m.inReplyTo !== null ? { inReplyTo: m.inReplyTo } : {}),
      ...(m.references.length > 0 ? { references: m.references } : {}),
      // RFC 3834: an automatic answer says so, and asks other robots not to answer it.
      headers: m.automatic ? { 'Auto-Submitted': 'auto-replied', 'X-Auto-Response-Suppress': 'All' } : {},
    });

  const once = async () => {
    for (const m of await deps.mail.takeDue(deps.now(), LEASE_MS, 20)) {
      try {
        await send(m);
        await deps.mail.sent(m.id, deps.now());
      } catch (error) {
        const label = errorLabel(error);
        const waitMs = backoffMs(m.attempts, retry.baseMs, retry.maxMs);
        await deps.mail.failed(m.id, label, deps.now() + waitMs);
        deps.log.warn('mail.smtp-failed', { host: smtp.host, port: smtp.port, error: label, attempts: m.attempts + 1, retryInMs: waitMs });
      }
    }
  };

  /** Sends what is due now; a call during a run makes the run go round once more. */
  const kick = (): Promise<void> => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        try {
          await once();
        } catch (error) {
          deps.log.warn('mail.outbox-failed', { error: errorLabel(error) });
        }
      } while (again);
    })().finally(() => {
      running = null;
    });
    return running;
  };

  return {
    kick,
    start() {
      timer = setInterval(() => void kick(), deps.tickMs ?? 5000);
      timer.unref();
      void kick();
    },
    async stop(): Promise<void> {
      if (timer) clearInterval(timer);
      timer = null;
      await running;
      transport.close();
    },
  };
}

export type OutboxSender = ReturnType<typeof createOutboxSender>;
