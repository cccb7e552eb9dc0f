import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisScript } from './redis-script';
import { startRedis } from './test-support/redis';

let redis: Awaited<ReturnType<typeof startRedis>>;
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await redis.stop();
});

const calls = async (command: string) => Number(new RegExp(`cmdstat_${command}:calls=(\\d+)`).exec(await redis.connect().info('commandstats'))?.[1] ?? 0);

describe('Lua scripts by SHA (real redis-server)', () => {
  it('runs by its SHA once Redis knows it, and sends the text again only after Redis forgot it', async () => {
    const client = redis.connect();
    const incrementBy = redisScript("return redis.call('INCRBY', KEYS[1], ARGV[1])");
    expect(await incrementBy(client, ['counter'], [2])).toBe(2);
    const evalsBefore = await calls('eval');
    expect(await incrementBy(client, ['counter'], [3])).toBe(5);
    expect(await calls('eval')).toBe(evalsBefore);
    await client.script('FLUSH');
    expect(await incrementBy(client, ['counter'], [1])).toBe(6);
    expect(await calls('eval')).toBe(evalsBefore + 1);
  });

  it('passes the script’s own errors on', async () => {
    const failing = redisScript("return redis.error_reply('refused here')");
    await expect(failing(redis.connect(), [], [])).rejects.toThrow('refused here');
  });
});
