import type { Redis } from 'ioredis';
import type { VerifiedIdentity } from '../../shared/names';

/**
 * Session codes of claimed help requests, kept until they expire so that a user whose app
 * reconnects (to any instance of a cluster) still receives theirs.
 */
export interface PendingCode {
  code: string;
  expiresAt: number;
  verified: VerifiedIdentity;
}

export interface PendingCodeStore {
  get(requestId: string, now: number): Promise<PendingCode | undefined>;
  set(requestId: string, pending: PendingCode, now: number): Promise<void>;
  delete(requestId: string): Promise<void>;
}

export class MemoryPendingCodes implements PendingCodeStore {
  private readonly codes = new Map<string, PendingCode>();

  get(requestId: string, now: number): Promise<PendingCode | undefined> {
    const pending = this.codes.get(requestId);
    if (pending && pending.expiresAt <= now) this.codes.delete(requestId);
    return Promise.resolve(pending && pending.expiresAt > now ? { ...pending } : undefined);
  }

  set(requestId: string, pending: PendingCode): Promise<void> {
    this.codes.set(requestId, { ...pending });
    return Promise.resolve();
  }

  delete(requestId: string): Promise<void> {
    this.codes.delete(requestId);
    return Promise.resolve();
  }
}

/** In Redis, each pending code expires on its own with the code. */
export class RedisPendingCodes implements PendingCodeStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix = 'tandem:',
  ) {}

  async get(requestId: string, now: number): Promise<PendingCode | undefined> {
    const json = await this.redis.get(this.key(requestId));
    const pending = json === null ? undefined : (JSON.parse(json) as PendingCode);
    return pending && pending.expiresAt > now ? pending : undefined;
  }

  async set(requestId: string, pending: PendingCode, now: number): Promise<void> {
    await this.redis.set(this.key(requestId), JSON.stringify(pending), 'PX', Math.max(1, pending.expiresAt - now));
  }

  async delete(requestId: string): Promise<void> {
    await this.redis.del(this.key(requestId));
  }

  private key(requestId: string) {
    return `${this.prefix}pending-code:${requestId}`;
  }
}
