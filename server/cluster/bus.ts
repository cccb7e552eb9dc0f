import type { Redis } from 'ioredis';
import type { Logger } from '../../shared/log';
import type { ServerMessage } from '../../shared/signaling';
import type { ContactReport } from '../sessions/types';

/**
 * What one instance tells all the others (and itself): an organisation's queue changed, a
 * message for the user watching a request, an alert for an organisation's admins or (target
 * waits) for its consultants. Each
 * instance then does its part for its own sockets. A single server delivers to itself at
 * once; a cluster goes through one Redis pub/sub channel.
 */
export type BusEvent =
  | { t: 'queue.changed'; orgId: number }
  | { t: 'watcher'; requestId: string; message: ServerMessage }
  | { t: 'alert'; report: ContactReport }
  | { t: 'wait-alert'; orgId: number; message: Extract<ServerMessage, { type: 'queue.wait-alert' }> };

export interface ClusterBus {
  publish(event: BusEvent): Promise<void>;
  close(): Promise<void>;
}

export type BusHandler = (event: BusEvent) => Promise<void>;

export function createLocalBus(handler: BusHandler): ClusterBus {
  return { publish: (event) => handler(event), close: () => Promise.resolve() };
}

const isBusEvent = (value: unknown): value is BusEvent =>
  typeof value === 'object' && value !== null && 't' in value && (value.t === 'queue.changed' || value.t === 'watcher' || value.t === 'alert' || value.t === 'wait-alert');

export async function createRedisBus(options: { publisher: Redis; subscriber: Redis; prefix?: string; log: Logger; handler: BusHandler }): Promise<ClusterBus> {
  const channel = `${options.prefix ?? 'tandem:'}bus`;
  options.subscriber.on('message', (from: string, payload: string) => {
    if (from !== channel) return;
    let event: unknown;
    try {
      event = JSON.parse(payload);
    } catch {
      event = undefined;
    }
    if (!isBusEvent(event)) return options.log.warn('bus.bad-event');
    options.handler(event).catch((error: unknown) => options.log.error('bus.handler-failed', { event: event.t, error: String(error) }));
  });
  await options.subscriber.subscribe(channel);
  return {
    publish: async (event) => {
      await options.publisher.publish(channel, JSON.stringify(event));
    },
    close: async () => {
      await options.subscriber.unsubscribe(channel);
    },
  };
}
