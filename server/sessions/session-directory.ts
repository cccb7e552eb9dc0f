import type { SessionRecord } from './types';

/**
 * Where the state of live sessions is kept: in this process by default, in Redis for a
 * cluster (several instances then see the same sessions). Copy-in/copy-out and async like
 * the other live-state stores: callers never hold a live reference, and every change goes
 * through `update`, which is atomic per session (of two concurrent updates, each sees the
 * other's result or runs before it).
 */
export type Change<T> = { record: SessionRecord | null; result: T } | { record?: undefined; result: T };

export interface SessionDirectory {
  /**
   * Stores a new session unless one with its id exists (false then: two members re-registering
   * the same session with a restarted server race, and the second must join the first's record).
   * The code's lookup names it until the user joins.
   */
  create(record: SessionRecord): Promise<boolean>;
  get(id: string): Promise<SessionRecord | undefined>;
  /** The waiting session a code's lookup digits belong to (until it is joined or ends). */
  idForLookup(lookup: string): Promise<string | undefined>;
  idForRequest(requestId: string): Promise<string | undefined>;
  /**
   * Reads, changes and writes one session atomically. `mutate` gets a copy; returning
   * `record: null` removes the session (ended: a tombstone is kept, see `hasEnded`), a record
   * writes it, no record leaves it unchanged. Undefined when there is no such session.
   */
  update<T>(id: string, mutate: (record: SessionRecord) => Change<T>): Promise<T | undefined>;
  /** Whether a session with this id ended within the resume secrets' lifetime. */
  hasEnded(id: string): Promise<boolean>;
  /**
   * Sessions with something to check at or before `now`: a waiting code that expired, or a
   * member away past its time. Each id is handed to one caller only (one instance sweeps it).
   */
  due(now: number): Promise<string[]>;
}

/** The next instant the sweep must look at a session, or null for nothing scheduled. */
export function nextDeadline(record: SessionRecord): number | null {
  if (!record.user) return record.codeExpiresAt;
  const times = [record.consultant.awayUntil, record.user.awayUntil].filter((t): t is number => t !== null);
  return times.length > 0 ? Math.min(...times) : null;
}
