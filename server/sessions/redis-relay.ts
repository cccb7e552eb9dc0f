import type { Redis } from 'ioredis';
import type { Logger } from '../../shared/log';
import { serverMessageSchema, type ServerMessage } from '../../shared/signaling';
import type { MemberRef, RemoteRelay } from './types';

/**
 * Messages for members connected to other instances, over Redis pub/sub: each instance
 * listens on its own channel. PUBLISH answers how many listeners got the message, so a
 * message to an instance that died is noticed at once (the member is then treated as away)
 * instead of vanishing. Pub/sub needs a connection of its own for subscribing.
 *
 * Messages for one instance are gathered until the event loop's current turn ends and go out
 * as one PUBLISH of an array: a pairing sends two messages at once (peer.joined and the resume
 * token), and under load many sessions' signals share a turn. Order per instance is kept (one
 * publisher connection, batches in order); the wait is one turn of the loop, not a timer.
 */
export interface RedisRelay extends RemoteRelay {
  close(): Promise<void>;
}

type Envelope = { conn: number; message: ServerMessage };

const envelopeOf = (value: unknown): Envelope | undefined => {
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
    let parsed: unknown;
    try {
      parsed = JSON.parse(payload);
    } catch {
      parsed = undefined;
    }
    // A single envelope is what an instance of an earlier version sends during a rolling upgrade.
    for (const item of Array.isArray(parsed) ? parsed : [parsed]) {
      const envelope = envelopeOf(item);
      if (envelope) options.deliverLocal(envelope.conn, envelope.message);
      else options.log.warn('relay.bad-envelope', { channel: from });
    }
  });
  await options.subscriber.subscribe(own);

  const pending = new Map<string, { envelopes: Envelope[]; delivered: Promise<boolean> }>();
  const flush = (instance: string, envelopes: Envelope[]) =>
    options.publisher.publish(channel(instance), JSON.stringify(envelopes)).then((listeners) => listeners > 0);
  return {
    publish(ref: MemberRef, message: ServerMessage) {
      const batch = pending.get(ref.instance);
      if (batch) {
        batch.envelopes.push({ conn: ref.conn, message });
        return batch.delivered;
      }
      const envelopes: Envelope[] = [{ conn: ref.conn, message }];
      const delivered = new Promise<boolean>((resolve, reject) => {
        setImmediate(() => {
          pending.delete(ref.instance);
          flush(ref.instance, envelopes).then(resolve, reject);
        });
      });
      pending.set(ref.instance, { envelopes, delivered });
      return delivered;
    },
    async close() {
      await options.subscriber.unsubscribe(own);
    },
  };
}
