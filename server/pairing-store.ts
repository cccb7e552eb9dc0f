/**
 * Where waiting session codes live. Async and copy-in/copy-out on purpose: several server
 * instances will later share this state through Redis, so callers must never rely on holding
 * a live reference or on two calls happening without anything in between. Operations that
 * need to be atomic across instances (insert-if-absent, increment, claim) are single methods.
 */
export interface PairingRecord {
  /** First LOOKUP_DIGITS digits of the code: the key. */
  readonly lookup: string;
  /** The remaining digits; only ever compared in constant time. */
  readonly secret: string;
  readonly consultantName: string;
  readonly createdAt: number;
  /** After this instant a join answers `expired-code`. */
  readonly expiresAt: number;
  readonly used: boolean;
  readonly wrongTries: number;
}

export interface PairingStore {
  /** Stores the record unless its lookup is taken; false on collision. */
  insert(record: PairingRecord): Promise<boolean>;
  get(lookup: string): Promise<PairingRecord | undefined>;
  /** Increments and returns the record's wrong-try count (0 when there is no record). */
  recordWrongTry(lookup: string): Promise<number>;
  /** Claims a code for its single use: true for exactly one caller, false if used or gone. */
  markUsed(lookup: string): Promise<boolean>;
  delete(lookup: string): Promise<void>;
  /** Removes records whose expiresAt is at or before `cutoff`; returns how many. */
  purgeExpired(cutoff: number): Promise<number>;
}

export class MemoryPairingStore implements PairingStore {
  private readonly records = new Map<string, PairingRecord>();

  insert(record: PairingRecord): Promise<boolean> {
    if (this.records.has(record.lookup)) return Promise.resolve(false);
    this.records.set(record.lookup, { ...record });
    return Promise.resolve(true);
  }

  get(lookup: string): Promise<PairingRecord | undefined> {
    const record = this.records.get(lookup);
    return Promise.resolve(record && { ...record });
  }

  recordWrongTry(lookup: string): Promise<number> {
    const record = this.records.get(lookup);
    if (!record) return Promise.resolve(0);
    const wrongTries = record.wrongTries + 1;
    this.records.set(lookup, { ...record, wrongTries });
    return Promise.resolve(wrongTries);
  }

  markUsed(lookup: string): Promise<boolean> {
    const record = this.records.get(lookup);
    if (!record || record.used) return Promise.resolve(false);
    this.records.set(lookup, { ...record, used: true });
    return Promise.resolve(true);
  }

  delete(lookup: string): Promise<void> {
    this.records.delete(lookup);
    return Promise.resolve();
  }

  purgeExpired(cutoff: number): Promise<number> {
    let purged = 0;
    for (const [lookup, record] of this.records) {
      if (record.expiresAt <= cutoff) {
        this.records.delete(lookup);
        purged += 1;
      }
    }
    return Promise.resolve(purged);
  }
}
