import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Logger } from '../../shared/log';
import type { ServerMessage } from '../../shared/signaling';
import { startRedis } from '../test-support/redis';
import { createRedisRelay } from './redis-relay';

/** The relay between instances on a real redis-server: what arrives, in which order, in how many PUBLISHes. */
let redis: Awaited<ReturnType<typeof startRedis>>;
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await redis.stop();
});

async function relayPair() {
  const prefix = `r${Math.random().toString(36).slice(2)}:`;
  const received: { conn: number; message: ServerMessage }[] = [];
  const warnings: string[] = [];
  const log: Logger = { info() {}, warn: (event) => warnings.push(event), error() {} };
  const publisher = redis.connect();
  const sender = await createRedisRelay({ publisher, subscriber: redis.connect(), instance: 'a', prefix, log, deliverLocal: () => undefined });
  const receiver = await createRedisRelay({ publisher: redis.connect(), subscriber: redis.connect(), instance: 'b', prefix, log, deliverLocal: (conn, message) => received.push({ conn, message }) });
  const arrived = async (count: number) => {
    for (let i = 0; i < 100 && received.length < count; i += 1) await new Promise((resolve) => setTimeout(resolve, 10));
    return received;
  };
  return { prefix, sender, receiver, arrived, warnings, publisher };
}

const publishes = async () => {
  const info = await redis.connect().info('commandstats');
  return Number(/cmdstat_publish:calls=(\d+)/.exec(info)?.[1] ?? 0);
};

describe('the Redis relay between instances (real redis-server)', () => {
  it('sends the messages of one turn for one instance as one PUBLISH, in order, and says they were delivered', async () => {
    const { sender, arrived } = await relayPair();
    const before = await publishes();
    const results = await Promise.all([
      sender.publish({ instance: 'b', conn: 1 }, { type: 'peer.joined' }),
      sender.publish({ instance: 'b', conn: 2 }, { type: 'peer.back' }),
      sender.publish({ instance: 'b', conn: 1 }, { type: 'session.reported' }),
    ]);
    expect(results).toEqual([true, true, true]);
    expect(await publishes()).toBe(before + 1);
    expect((await arrived(3)).map(({ conn, message }) => `${conn}:${message.type}`)).toEqual(['1:peer.joined', '2:peer.back', '1:session.reported']);
  });

  it('messages of later turns go in later PUBLISHes; an instance nobody listens for is reported as not delivered', async () => {
    const { sender, arrived } = await relayPair();
    expect(await sender.publish({ instance: 'b', conn: 1 }, { type: 'peer.joined' })).toBe(true);
    expect(await sender.publish({ instance: 'b', conn: 1 }, { type: 'session.reported' })).toBe(true);
    expect((await arrived(2)).map(({ message }) => message.type)).toEqual(['peer.joined', 'session.reported']);
    expect(await sender.publish({ instance: 'gone', conn: 1 }, { type: 'session.reported' })).toBe(false);
  });

  it('accepts the single envelope of an earlier version, and drops what does not validate with a warning', async () => {
    const { prefix, publisher, arrived, warnings } = await relayPair();
    await publisher.publish(`${prefix}instance:b`, JSON.stringify({ conn: 4, message: { type: 'session.reported' } }));
    await publisher.publish(`${prefix}instance:b`, JSON.stringify([{ conn: 5, message: { type: 'no-such-type' } }, { conn: 6, message: { type: 'session.reported' } }]));
    await publisher.publish(`${prefix}instance:b`, '{not json');
    expect((await arrived(2)).map(({ conn }) => conn)).toEqual([4, 6]);
    for (let i = 0; i < 100 && warnings.length < 2; i += 1) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(warnings).toEqual(['relay.bad-envelope', 'relay.bad-envelope']);
  });
});
