import type { Redis } from 'ioredis';
import { redisScript } from '../redis-script';
import { nextDeadline, type Change, type SessionDirectory } from './session-directory';
import type { SessionRecord } from './types';

/**
 * Live sessions in Redis, shared by every instance of a cluster. Each session is a hash
 * {v: version, j: JSON}; a write is one Lua script that applies only if the version is still
 * the one read (compare-and-set), and updates the indexes in the same step: the waiting code's
 * lookup, the help request, the schedule of deadlines (a sorted set) and, when a session ends,
 * its tombstone. A lost race is retried with a fresh read. Keys expire with the resume secrets,
 * so nothing outlives what could still refer to it.
 */
const WRITE = `
local current = redis.call('HGET', KEYS[1], 'v')
if ARGV[1] == '' then
  if current then return 0 end
elseif current ~= ARGV[1] then
  return 0
end
local id, ttl = ARGV[3], tonumber(ARGV[4])
if ARGV[2] == '' then
  redis.call('DEL', KEYS[1])
  redis.call('ZREM', KEYS[2], id)
  if redis.call('GET', KEYS[3]) == id then redis.call('DEL', KEYS[3]) end
  if KEYS[4] ~= KEYS[1] and redis.call('GET', KEYS[4]) == id then redis.call('DEL', KEYS[4]) end
  redis.call('SET', KEYS[5], '1', 'PX', ARGV[7])
  return 1
end
local version = (tonumber(current) or 0) + 1
redis.call('HSET', KEYS[1], 'v', version, 'j', ARGV[2])
redis.call('PEXPIRE', KEYS[1], ttl)
if ARGV[5] == '' then redis.call('ZREM', KEYS[2], id) else redis.call('ZADD', KEYS[2], ARGV[5], id) end
if ARGV[6] == '1' then
  redis.call('SET', KEYS[3], id, 'PX', ttl)
elseif redis.call('GET', KEYS[3]) == id then
  redis.call('DEL', KEYS[3])
end
if KEYS[4] ~= KEYS[1] then redis.call('SET', KEYS[4], id, 'PX', ttl) end
return 1
`;

/** Due sessions, dropping schedule entries whose session expired meanwhile (nobody else would). */
const DUE = `
local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, 500)
local live = {}
for _, id in ipairs(ids) do
  if redis.call('EXISTS', ARGV[2] .. id) == 1 then table.insert(live, id) else redis.call('ZREM', KEYS[1], id) end
end
return live
`;

const writeScript = redisScript(WRITE);
const dueScript = redisScript(DUE);

const MAX_RETRIES = 50;

export class RedisSessionDirectory implements SessionDirectory {
  private readonly prefix: string;

  /** `ttlMs`: how long an untouched session and a tombstone are kept (the resume secrets' lifetime). */
  constructor(
    private readonly redis: Redis,
    private readonly ttlMs: number,
    prefix = 'tandem:',
  ) {
    this.prefix = `${prefix}s:`;
  }

  async create(record: SessionRecord): Promise<boolean> {
    return (await this.write(record, '')) === 1;
  }

  async get(id: string): Promise<SessionRecord | undefined> {
    const json = await this.redis.hget(this.key(id), 'j');
    return json === null ? undefined : (JSON.parse(json) as SessionRecord);
  }

  async idForLookup(lookup: string): Promise<string | undefined> {
    return (await this.redis.get(this.codeKey(lookup))) ?? undefined;
  }

  async idForRequest(requestId: string): Promise<string | undefined> {
    return (await this.redis.get(this.requestKey(requestId))) ?? undefined;
  }

  async update<T>(id: string, mutate: (record: SessionRecord) => Change<T>): Promise<T | undefined> {
    for (let attempt = 0; attempt < MAX_RETRIES; attempt += 1) {
      const [version, json] = await this.redis.hmget(this.key(id), 'v', 'j');
      if (version == null || json == null) return undefined;
      const record = JSON.parse(json) as SessionRecord;
      const change = mutate(record);
      if (change.record === undefined) return change.result;
      const written = change.record === null ? await this.remove(record, version) : await this.write(change.record, version);
      if (written === 1) return change.result;
    }
    throw new Error(`session ${id}: too many concurrent updates`);
  }

  async hasEnded(id: string): Promise<boolean> {
    return (await this.redis.exists(this.endedKey(id))) === 1;
  }

  async due(now: number): Promise<string[]> {
    return dueScript(this.redis, [this.dueKey()], [now, this.prefix]) as Promise<string[]>;
  }

  private write(record: SessionRecord, expectedVersion: string): Promise<number> {
    const deadline = nextDeadline(record);
    return this.run(record, expectedVersion, JSON.stringify(record), deadline === null ? '' : String(deadline));
  }

  private remove(record: SessionRecord, expectedVersion: string): Promise<number> {
    return this.run(record, expectedVersion, '', '');
  }

  private run(record: SessionRecord, expectedVersion: string, json: string, due: string): Promise<number> {
    const keys = [this.key(record.id), this.dueKey(), this.codeKey(record.lookup), record.requestId === null ? this.key(record.id) : this.requestKey(record.requestId), this.endedKey(record.id)];
    const waiting = record.user === null && record.lookup !== '' ? '1' : '0';
    return writeScript(this.redis, keys, [expectedVersion, json, record.id, this.ttlMs, due, waiting, this.ttlMs]) as Promise<number>;
  }

  private key(id: string) {
    return `${this.prefix}${id}`;
  }

  private dueKey() {
    return `${this.prefix}due`;
  }

  private codeKey(lookup: string) {
    return `${this.prefix}code:${lookup}`;
  }

  private requestKey(requestId: string) {
    return `${this.prefix}request:${requestId}`;
  }

  private endedKey(id: string) {
    return `${this.prefix}ended:${id}`;
  }
}
