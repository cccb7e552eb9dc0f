/**
 * The reconnect ticket on disk: one file, readable by its owner only (0600), sealed by a
 * TicketProtector. Single use: `take` deletes it whatever it finds, so a ticket can never
 * reconnect twice, and a stale or tampered one never lingers.
 */
import { chmod, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import * as z from 'zod';
import type { Logger } from '../../../shared/log';
import { MAX_RECONNECT_TICKET_MINUTES, reconnectTicketSchema, type ReconnectTicket, type TakenTicket } from '../../../shared/reconnect';
import type { Protection, TicketProtector } from './protector';

export const TICKET_FILE_NAME = 'reconnect-ticket.json';

const envelopeSchema = z.strictObject({
  v: z.literal(1),
  protection: z.enum(['os-keystore', 'none']),
  data: z.base64(),
});

export interface TicketVaultDeps {
  filePath: string;
  protector: TicketProtector;
  /** The policy's `reconnect.ticketMinutes`: a ticket never lives longer than this from its saving. */
  ticketMinutes: () => number;
  now?: () => number;
  log: Logger;
}

export interface TicketVault {
  readonly filePath: string;
  /** Replaces any ticket; its expiry is capped by the policy. Resolves to the expiry kept. */
  save(ticket: ReconnectTicket): Promise<number>;
  take(): Promise<TakenTicket>;
  discard(): Promise<void>;
}

export function createTicketVault(deps: TicketVaultDeps): TicketVault {
  const now = deps.now ?? Date.now;
  const { filePath, log } = deps;

  const remove = () => rm(filePath, { force: true });

  return {
    filePath,
    async save(ticket) {
      const minutes = Math.min(Math.max(1, deps.ticketMinutes()), MAX_RECONNECT_TICKET_MINUTES);
      const expiresAt = Math.min(ticket.expiresAt, now() + minutes * 60_000);
      const kept: ReconnectTicket = { ...ticket, expiresAt };
      const protection: Protection = deps.protector.kind();
      const sealed = deps.protector.protect(JSON.stringify(kept));
      const envelope = JSON.stringify({ v: 1, protection, data: sealed.toString('base64') });
      await mkdir(dirname(filePath), { recursive: true, mode: 0o700 });
      // Written beside the target and renamed over it: a crash never leaves half a ticket.
      const partial = `${filePath}.partial`;
      await writeFile(partial, envelope, { mode: 0o600 });
      // The mode above applies only to a new file; a leftover partial keeps its own.
      await chmod(partial, 0o600);
      await rename(partial, filePath);
      log.info('reconnect.ticket-saved', { protection, expiresInSeconds: Math.round((expiresAt - now()) / 1000) });
      return expiresAt;
    },
    async take() {
      let raw: string;
      try {
        raw = await readFile(filePath, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { status: 'none' };
        log.warn('reconnect.ticket-read-failed', { reason: String(error) });
        await remove().catch(() => undefined);
        return { status: 'unreadable' };
      }
      // Single use: gone before anyone acts on it.
      await remove();
      let ticket: ReconnectTicket;
      try {
        const envelope = envelopeSchema.parse(JSON.parse(raw));
        const plain = deps.protector.unprotect(Buffer.from(envelope.data, 'base64'), envelope.protection);
        ticket = reconnectTicketSchema.parse(JSON.parse(plain));
      } catch (error) {
        // The reason may be a decryption error; it never contains the ticket itself.
        log.warn('reconnect.ticket-unreadable', { reason: error instanceof Error ? error.name : 'unknown' });
        return { status: 'unreadable' };
      }
      if (ticket.expiresAt <= now()) {
        log.info('reconnect.ticket-expired', { expiredSecondsAgo: Math.round((now() - ticket.expiresAt) / 1000) });
        return { status: 'expired' };
      }
      log.info('reconnect.ticket-taken');
      return { status: 'ready', ticket };
    },
    async discard() {
      await remove();
      await rm(`${filePath}.partial`, { force: true });
    },
  };
}
