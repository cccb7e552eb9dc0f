import type { Redis } from 'ioredis';
import { MAX_WRONG_TRIES } from './pairing';
import type { PairingRecord, PairingStore } from './pairing-store';
import { redisScript } from './redis-script';

/**
 * Waiting session codes in Redis, shared by every instance of a cluster: one hash per lookup.
 * Each step that must not interleave with another instance's (insert-if-absent, counting a
 * wrong try, the single-use claim) is one Lua script, so it runs atomically on the server.
 * Records expire by themselves once an expired code no longer needs answering (`retentionMs`
 * after its expiry): purgeExpired has nothing left to do.
 */
const INSERT = redisScript(`
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
redis.call('HSET', KEYS[1], 's', ARGV[1], 'n', ARGV[2], 'c', ARGV[3], 'e', ARGV[4], 'u', '0', 'w', '0')
redis.call('PEXPIRE', KEYS[1], ARGV[5])
return 1
`);

/** 0 when the record is gone: nothing left to revoke. */
const WRONG_TRY = redisScript(`
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
return redis.call('HINCRBY', KEYS[1], 'w', 1)
`);

/** A code that reached the wrong-try limit on another instance (not deleted yet) is not claimed either. */
const CLAIM = redisScript(`
if redis.call('HGET', KEYS[1], 'u') ~= '0' then return 0 end
if tonumber(redis.call('HGET', KEYS[1], 'w')) >= tonumber(ARGV[1]) then return 0 end
redis.call('HSET', KEYS[1], 'u', '1')
return 1
`);

export interface RedisPairingOptions {
  prefix?: string;
  /** How long an expired or used record is kept (so late joins hear expired-code/used-code). */
  retentionMs: number;
  now: () => number;
}

export class RedisPairingStore implements PairingStore {
  private readonly prefix: string;

  constructor(
    private readonly redis: Redis,
    private readonly options: RedisPairingOptions,
  ) {
    this.prefix = `${options.prefix ?? 'tandem:'}pair:`;
  }

  async insert(record: PairingRecord): Promise<boolean> {
    // Relative to the injected clock (tests move it by hand); at least 1 ms, PEXPIRE refuses 0.
    const ttl = Math.max(1, Math.ceil(record.expiresAt + this.options.retentionMs - this.options.now()));
    const inserted = await INSERT(this.redis, [this.key(record.lookup)], [record.secret, record.consultantName, record.createdAt, record.expiresAt, ttl]);
    return inserted === 1;
  }

  async get(lookup: string): Promise<PairingRecord | undefined> {
    const fields = await this.redis.hgetall(this.key(lookup));
    const { s: secret, n: consultantName, c: createdAt, e: expiresAt, u: used, w: wrongTries } = fields;
    if (secret === undefined || consultantName === undefined || createdAt === undefined || expiresAt === undefined) return undefined;
    return { lookup, secret, consultantName, createdAt: Number(createdAt), expiresAt: Number(expiresAt), used: used === '1', wrongTries: Number(wrongTries ?? 0) };
  }

  async recordWrongTry(lookup: string): Promise<number> {
    return Number(await WRONG_TRY(this.redis, [this.key(lookup)], []));
  }

  async markUsed(lookup: string): Promise<boolean> {
    return (await CLAIM(this.redis, [this.key(lookup)], [MAX_WRONG_TRIES])) === 1;
  }

  async delete(lookup: string): Promise<void> {
    await this.redis.del(this.key(lookup));
  }

  purgeExpired(): Promise<number> {
    return Promise.resolve(0);
  }

  private key(lookup: string) {
    return `${this.prefix}${lookup}`;
  }
}
