import { afterAll, beforeAll } from 'vitest';
import type { SignalingServer } from '../signaling-server';
import { freshEachTest, seed } from '../test-fixtures';
import { startRedis } from './redis';

type People = Parameters<typeof seed>[1];

/**
 * The help queue on two instances that share one fresh database (per test) and one real
 * redis-server (per file): what the queue tests of several files need, set up once.
 */
export function queueClusterFixture() {
  const env = freshEachTest();
  let redis: Awaited<ReturnType<typeof startRedis>> | undefined;
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    await redis?.stop();
  });

  /** Seeds the people into acme, then starts two instances on their own key prefix. */
  async function twoInstances(people: People) {
    const engine = redis;
    if (!engine) throw new Error('redis-server is not started yet (call inside a test)');
    await seed(env.db.file, people);
    const prefix = `q${Math.random().toString(36).slice(2)}:`;
    const start = (i: number) =>
      env.h.start({ dbPath: env.db.file, trustProxy: true, instanceId: `i${i}`, resumeKey: Buffer.alloc(32, 3), cluster: { redis: engine.connect(), subscriber: engine.connect(), prefix } });
    return [await start(0), await start(1)] as const;
  }

  /** A signed-in consultant whose queue view is open (the snapshot has arrived). */
  async function watchingConsultant(server: SignalingServer, email: string) {
    const { client } = await env.h.login(server, email);
    client.send({ type: 'queue.subscribe' });
    await client.next('queue.snapshot');
    return client;
  }

  return { env, twoInstances, watchingConsultant };
}
