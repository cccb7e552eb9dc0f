import type { Redis } from 'ioredis';
import { redisScript } from './redis-script';
import { CLEAN, decide, THROTTLE_POLICY, type ThrottleDecision, type ThrottlePolicy, type ThrottleStore } from './throttle';

/**
 * Per-address failure windows in Redis, so that spreading attempts over the instances behind
 * the balancer buys a guesser nothing. One hash per key {f: failures, l: last failure}; a
 * failure is counted by a Lua script (read, forget-if-quiet, increment in one atomic step),
 * and the key expires after the quiet period that forgets it anyway.
 */
const FAILURE = redisScript(`
local last = tonumber(redis.call('HGET', KEYS[1], 'l'))
local now, forget = tonumber(ARGV[1]), tonumber(ARGV[2])
if last and now - last >= forget then redis.call('DEL', KEYS[1]) end
redis.call('HINCRBY', KEYS[1], 'f', 1)
if not last or now > last then redis.call('HSET', KEYS[1], 'l', ARGV[1]) end
redis.call('PEXPIRE', KEYS[1], forget)
return 1
`);

export class RedisThrottleStore implements ThrottleStore {
  /** `prefix` names the throttle too (join attempts and sign-ins count apart). */
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly policy: ThrottlePolicy = THROTTLE_POLICY,
  ) {}

  async check(address: string, now: number): Promise<ThrottleDecision> {
    const [failures, last] = await this.redis.hmget(this.key(address), 'f', 'l');
    if (failures == null || last == null || now - Number(last) >= this.policy.forgetAfterMs) return CLEAN;
    return decide(Number(failures), Number(last), now, this.policy);
  }

  async recordFailure(address: string, now: number): Promise<void> {
    await FAILURE(this.redis, [this.key(address)], [now, this.policy.forgetAfterMs]);
  }

  /** Redis expires quiet keys itself. */
  purge(): Promise<void> {
    return Promise.resolve();
  }

  private key(address: string) {
    return `${this.prefix}${address}`;
  }
}
