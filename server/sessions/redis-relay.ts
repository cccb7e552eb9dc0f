import type { Redis } from 'ioredis';
import type { Logger } from '../../shared/log';
import { serverMessageSchema, type ServerMessage } from '../../shared/signaling';
import type { MemberRef, RemoteRelay } from './types';

/**
 * Messages for members connected to other instances, over Redis pub/sub: each instance
 * listens on its own channel. PUBLISH answers how many listeners got the message, so a
 * message to an instance that died is noticed at once (the member is then treated as away)
 * instead of vanishing. Pub/sub needs a connection of its own for subscribing.
 */
export interface RedisRelay extends RemoteRelay {
  close(): Promise<void>;
}

const envelopeOf = (value: unknown): { conn: number; message: ServerMessage } | undefined => {
  if (typeof value !== 'object' || value === null || !('conn' in value) || !('message' in value) || typeof value.conn !== 'number') return undefined;
  // Other instances are trusted, but a message reaching a client is checked like any other.
  const parsed = serverMessageSchema.safeParse(value.message);
  return parsed.success ? { conn: value.conn, message: parsed.data } : undefined;
};

export async function createRedisRelay(options: {
  publisher: Redis;
  subscriber: Redis;
  instance: string;
  prefix?: string;
  log: Logger;
  deliverLocal: (connId: number, message: ServerMessage) => void;
}): Promise<RedisRelay> {
  const channel = (instance: string) => `${options.prefix ?? 'tandem:'}instance:${instance}`;
  const own = channel(options.instance);
  options.subscriber.on('message', (from: string, payload: string) => {
    if (from !== own) return;
    let envelope: ReturnType<typeof envelopeOf>;
    try {
      envelope = envelopeOf(JSON.parse(payload));
    } catch {
      envelope = undefined;
    }
    if (envelope) options.deliverLocal(envelope.conn, envelope.message);
    else options.log.warn('relay.bad-envelope', { channel: from });
  });
  await options.subscriber.subscribe(own);
  return {
    async publish(ref: MemberRef, message: ServerMessage) {
      const listeners = await options.publisher.publish(channel(ref.instance), JSON.stringify({ conn: ref.conn, message }));
      return listeners > 0;
    },
    async close() {
      await options.subscriber.unsubscribe(own);
    },
  };
}
