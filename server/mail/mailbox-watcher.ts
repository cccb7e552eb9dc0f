import { ImapFlow } from 'imapflow';
import type { Logger } from '../../shared/log';
import type { MailServerAddress } from './mail-config';
import type { IntakeOutcome } from './mail-intake';
import { backoffMs, errorLabel } from './retry';

/**
 * Watches the support mailbox's INBOX over IMAP. imapflow keeps the connection in IDLE when
 * the server offers it (the server then announces new mail at once: no polling), and falls
 * back to NOOP every few minutes when it does not. Each unread message is handed to the intake
 * and then marked read, or moved to the kept-aside folder; nothing is ever deleted. A lost or
 * refused connection is retried with a doubling wait; unread mail simply waits on the server.
 */
export interface WatcherDeps {
  imap: MailServerAddress;
  keepAsideFolder: string;
  maxMessageBytes: number;
  log: Logger;
  intake: {
    process(source: Buffer, fallbackKey: string): Promise<IntakeOutcome>;
    oversized(fallbackKey: string, size: number): Promise<IntakeOutcome>;
  };
  retry?: { baseMs: number; maxMs: number };
  /** Tests: time out quicker on a server that does not answer. */
  timeoutMs?: number;
  /** How long after the last command IDLE starts again (default 1 s). */
  idleDelayMs?: number;
}

export interface MailboxState {
  connected: boolean;
  /** Failed connection attempts in a row, and the last error (code and message only). */
  failures: number;
  lastError: string | null;
}

export function createMailboxWatcher(deps: WatcherDeps) {
  const retry = deps.retry ?? { baseMs: 1000, maxMs: 5 * 60 * 1000 };
  const state: MailboxState = { connected: false, failures: 0, lastError: null };
  let client: ImapFlow | null = null;
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let draining: Promise<void> | null = null;
  let again = false;

  const fail = (error: unknown) => {
    state.connected = false;
    state.failures += 1;
    state.lastError = errorLabel(error);
    const waitMs = backoffMs(state.failures - 1, retry.baseMs, retry.maxMs);
    deps.log.warn('mail.imap-unreachable', { host: deps.imap.host, port: deps.imap.port, error: state.lastError, retryInMs: waitMs });
    if (!stopped && timer === null) timer = setTimeout(() => void connect(), waitMs);
  };

  const connect = async () => {
    timer = null;
    if (stopped) return;
    const c = new ImapFlow({
      host: deps.imap.host,
      port: deps.imap.port,
      secure: deps.imap.secure,
      auth: { user: deps.imap.user, pass: deps.imap.password },
      // imapflow's own logger would print protocol lines; errors are reported here without secrets.
      logger: false,
      // IDLE starts a second after the last command: new mail is announced within about that.
      autoIdleDelay: deps.idleDelayMs ?? 1000,
      ...(deps.timeoutMs !== undefined ? { connectionTimeout: deps.timeoutMs, greetingTimeout: deps.timeoutMs } : {}),
    });
    c.on('error', (error: unknown) => deps.log.warn('mail.imap-error', { error: errorLabel(error) }));
    c.on('close', () => {
      if (client !== c) return;
      client = null;
      if (!stopped) fail(new Error(state.lastError ?? 'connection closed'));
    });
    // The server announces new messages while idling.
    c.on('exists', () => void drain());
    try {
      await c.connect();
      await c.mailboxCreate(deps.keepAsideFolder).catch(() => undefined);
      await c.mailboxOpen('INBOX');
    } catch (error) {
      c.close();
      return fail(error);
    }
    if (stopped) return c.close();
    client = c;
    state.connected = true;
    state.failures = 0;
    state.lastError = null;
    deps.log.info('mail.imap-connected', { host: deps.imap.host, idle: c.capabilities.has('IDLE') });
    await drain();
  };

  /** Works through the unread messages; a call during a run makes the run go round once more. */
  const drain = (): Promise<void> => {
    if (draining) {
      again = true;
      return draining;
    }
    draining = (async () => {
      // Until a pass finds nothing new: mail that arrived while a pass ran is not left to the next announcement.
      let handled = 0;
      do {
        again = false;
        const c = client;
        if (!c) return;
        try {
          handled = await processUnread(c);
        } catch (error) {
          handled = 0;
          deps.log.warn('mail.imap-process-failed', { error: errorLabel(error) });
        }
      } while ((again || handled > 0) && !stopped);
    })().finally(() => {
      draining = null;
    });
    return draining;
  };

  /** One pass over the unread messages; how many it dealt with. */
  const processUnread = async (c: ImapFlow): Promise<number> => {
    let handled = 0;
    const uids = (await c.search({ seen: false }, { uid: true })) || [];
    const uidValidity = String(c.mailbox === false ? 0 : c.mailbox.uidValidity);
    for (const uid of uids) {
      if (stopped) return handled;
      const range = String(uid);
      // Its identity when it has no Message-ID (or cannot be read at all).
      const fallbackKey = `imap:${deps.imap.user}:${uidValidity}:${uid}`;
      const meta = await c.fetchOne(range, { uid: true, size: true }, { uid: true });
      if (!meta) continue;
      let outcome: IntakeOutcome;
      if ((meta.size ?? 0) > deps.maxMessageBytes) outcome = await deps.intake.oversized(fallbackKey, meta.size ?? 0);
      else {
        const message = await c.fetchOne(range, { uid: true, source: true }, { uid: true });
        if (!message || !message.source) continue;
        outcome = await deps.intake.process(message.source, fallbackKey);
      }
      // 'busy': another instance is on it and will mark it itself.
      if (outcome.status === 'busy') continue;
      if (outcome.status === 'kept-aside') await c.messageMove(range, deps.keepAsideFolder, { uid: true });
      else await c.messageFlagsAdd(range, ['\\Seen'], { uid: true });
      handled += 1;
    }
    return handled;
  };

  return {
    start: () => void connect(),
    state: (): MailboxState => ({ ...state }),
    /** Looks again now (tests; the server announces new mail by itself otherwise). */
    check: () => drain(),
    async stop(): Promise<void> {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      await draining;
      const c = client;
      client = null;
      if (c) await c.logout().catch(() => c.close());
    },
  };
}

export type MailboxWatcher = ReturnType<typeof createMailboxWatcher>;
