import { nextDeadline, type Change, type SessionDirectory } from './session-directory';
import type { SessionRecord } from './types';

/** The embedded default: one process's sessions. */
export class MemorySessionDirectory implements SessionDirectory {
  private readonly records = new Map<string, SessionRecord>();
  private readonly byLookup = new Map<string, string>();
  private readonly byRequest = new Map<string, string>();
  /** Ended session ids, until their resume secrets could no longer be valid anyway. */
  private readonly ended = new Map<string, number>();

  constructor(
    private readonly now: () => number,
    private readonly tombstoneMs: number,
  ) {}

  create(record: SessionRecord): Promise<boolean> {
    if (this.records.has(record.id)) return Promise.resolve(false);
    this.records.set(record.id, structuredClone(record));
    if (!record.user) this.byLookup.set(record.lookup, record.id);
    if (record.requestId !== null) this.byRequest.set(record.requestId, record.id);
    return Promise.resolve(true);
  }

  get(id: string): Promise<SessionRecord | undefined> {
    const record = this.records.get(id);
    return Promise.resolve(record && structuredClone(record));
  }

  idForLookup(lookup: string): Promise<string | undefined> {
    return Promise.resolve(this.byLookup.get(lookup));
  }

  idForRequest(requestId: string): Promise<string | undefined> {
    return Promise.resolve(this.byRequest.get(requestId));
  }

  update<T>(id: string, mutate: (record: SessionRecord) => Change<T>): Promise<T | undefined> {
    const current = this.records.get(id);
    if (!current) return Promise.resolve(undefined);
    const change = mutate(structuredClone(current));
    if (change.record === null) this.remove(current);
    else if (change.record) this.put(change.record);
    return Promise.resolve(change.result);
  }

  hasEnded(id: string): Promise<boolean> {
    const at = this.ended.get(id);
    return Promise.resolve(at !== undefined && this.now() - at < this.tombstoneMs);
  }

  due(now: number): Promise<string[]> {
    for (const [id, at] of this.ended) if (now - at >= this.tombstoneMs) this.ended.delete(id);
    const due: string[] = [];
    for (const record of this.records.values()) {
      const deadline = nextDeadline(record);
      if (deadline !== null && deadline <= now) due.push(record.id);
    }
    return Promise.resolve(due);
  }

  /** How many sessions this process holds (for /healthz and the metrics). */
  size(): number {
    return this.records.size;
  }

  private put(record: SessionRecord): void {
    this.records.set(record.id, structuredClone(record));
    // Once joined, a code's lookup no longer names the session (it may be drawn again).
    if (record.user && this.byLookup.get(record.lookup) === record.id) this.byLookup.delete(record.lookup);
  }

  private remove(record: SessionRecord): void {
    this.records.delete(record.id);
    if (this.byLookup.get(record.lookup) === record.id) this.byLookup.delete(record.lookup);
    if (record.requestId !== null && this.byRequest.get(record.requestId) === record.id) this.byRequest.delete(record.requestId);
    this.ended.set(record.id, this.now());
  }
}
