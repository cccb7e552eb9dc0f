import type { Logger } from '../../shared/log';

/**
 * Retention of the audit entries that belong to no organisation: anonymous helpers' sessions,
 * which no admin ever reads and which a self-pairing script could otherwise grow without end
 * (issue 15, weakness 9). The server operator still has a month of them for an investigation.
 * Organisations' entries are never deleted (the database refuses it).
 */
export const DEFAULT_ANONYMOUS_AUDIT_RETENTION_MS = 30 * 24 * 60 * 60 * 1000;
/** The sweep runs every few seconds; deleting is worth doing once an hour. */
const PURGE_EVERY_MS = 60 * 60 * 1000;

export function createAnonymousAuditPurge(store: { purgeAnonymous(cutoff: number): Promise<number> }, retentionMs: number, log: Logger) {
  let lastAt = Number.NEGATIVE_INFINITY;
  return async (now: number): Promise<void> => {
    if (now - lastAt < PURGE_EVERY_MS) return;
    lastAt = now;
    const purged = await store.purgeAnonymous(now - retentionMs);
    if (purged > 0) log.info('audit.anonymous-purged', { purged });
  };
}
