/**
 * The host's half of "reboot and reconnect": the ticket vault plus the one-time start at the
 * next login. Saving registers the start, taking or discarding removes it, so nothing of a
 * restart outlives its use.
 */
import type { Logger } from '../../../shared/log';
import type { ReconnectTicket, TakenTicket } from '../../../shared/reconnect';
import { HostCallError } from '../host-call-error';
import type { NextLoginStart } from './next-login';
import type { TicketVault } from './ticket-vault';

export interface ReconnectService {
  saveTicket(ticket: ReconnectTicket): Promise<void>;
  takeTicket(): Promise<TakenTicket>;
  discard(): Promise<void>;
  /**
   * The app has started: the one-time start at login is used up, so it is removed even if the
   * renderer never takes the ticket (the ticket itself waits for takeTicket, and expires).
   */
  appStarted(): Promise<void>;
  /** Whether a ticket was saved within the last `ms` and is still waiting (the restart repair's precondition). */
  savedWithin(ms: number): boolean;
  /** When the ticket still waiting was saved (epoch ms), or null once taken, discarded or never saved. */
  pendingSince(): number | null;
}

export interface ReconnectServiceDeps {
  vault: TicketVault;
  nextLogin: NextLoginStart;
  log: Logger;
  now?: () => number;
}

export function createReconnectService(deps: ReconnectServiceDeps): ReconnectService {
  const now = deps.now ?? Date.now;
  const { vault, nextLogin, log } = deps;
  let savedAt: number | null = null;

  async function forget(): Promise<void> {
    savedAt = null;
    // Both, even if one fails: a login item without a ticket is harmless, a ticket alone expires.
    const results = await Promise.allSettled([nextLogin.remove(), vault.discard()]);
    for (const result of results) if (result.status === 'rejected') log.warn('reconnect.cleanup-failed', { reason: String(result.reason) });
  }

  return {
    async saveTicket(ticket) {
      savedAt = null;
      try {
        await vault.save(ticket);
        await nextLogin.register();
      } catch (error) {
        // Without both the restart could strand the user: refuse, and leave nothing behind.
        log.warn('reconnect.save-failed', { reason: String(error) });
        await forget();
        throw new HostCallError('failed', 'The session could not be kept for after the restart.');
      }
      savedAt = now();
    },
    async takeTicket() {
      savedAt = null;
      await nextLogin.remove().catch((error: unknown) => log.warn('reconnect.cleanup-failed', { reason: String(error) }));
      return vault.take();
    },
    discard: forget,
    appStarted: () => nextLogin.remove().catch((error: unknown) => log.warn('reconnect.cleanup-failed', { reason: String(error) })),
    savedWithin: (ms) => savedAt !== null && now() - savedAt <= ms,
    pendingSince: () => savedAt,
  };
}
