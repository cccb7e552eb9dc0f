import { afterAll, beforeAll } from 'vitest';
import type { Redis } from 'ioredis';
import { silentLogger } from '../../shared/log';
import type { SignalData } from '../../shared/signaling';
import { startSignalingServer, type SignalingServer, type SignalingServerOptions } from '../signaling-server';
import { TestClient } from '../test-client';
import { startRedis } from './redis';

/** Minimal SDP-shaped signals: the server relays them without reading the SDP. */
export const offer: SignalData = { type: 'offer', sdp: 'v=0\r\n' };
export const answer: SignalData = { type: 'answer', sdp: 'v=0\r\n' };

export type ClusterInstance = SignalingServer & { subscriber: Redis };

/**
 * A real redis-server for one test file, and instances of a cluster on it: each call to
 * `cluster` gets its own key prefix, so the tests of a file do not see each other's sessions.
 * Everything started is closed after the file.
 */
export function clusterFixture(defaults: SignalingServerOptions = {}) {
  let redis: Awaited<ReturnType<typeof startRedis>> | undefined;
  const servers: SignalingServer[] = [];
  const clients: TestClient[] = [];

  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    await Promise.all(clients.splice(0).map((client) => client.close()));
    await Promise.all(servers.splice(0).map((server) => server.close()));
    await redis?.stop();
  });

  const engine = () => {
    if (!redis) throw new Error('redis-server is not started yet (call inside a test)');
    return redis;
  };

  /** Instances sharing one prefix: Redis holds their sessions, codes and throttles. */
  async function cluster(count: number, options: SignalingServerOptions = {}): Promise<ClusterInstance[]> {
    const prefix = `t${Math.random().toString(36).slice(2)}:`;
    const started: ClusterInstance[] = [];
    for (let i = 0; i < count; i += 1) {
      const subscriber = engine().connect();
      const server = await startSignalingServer({
        port: 0, logger: silentLogger, resumeKey: Buffer.alloc(32, 9), instanceId: `instance-${i}`, ...defaults, ...options,
        cluster: { redis: engine().connect(), subscriber, prefix },
      });
      servers.push(server);
      started.push({ ...server, subscriber });
    }
    return started;
  }

  /** A server started by the test itself, closed with the others. */
  function track(server: SignalingServer): SignalingServer {
    servers.push(server);
    return server;
  }

  /** `from`: the address the client seems to come from (X-Forwarded-For, believed when the server trusts loopback). */
  async function client(server: SignalingServer, from?: string): Promise<TestClient> {
    const connected = await TestClient.ready(server.wsUrl, from === undefined ? undefined : { 'x-forwarded-for': from });
    clients.push(connected);
    return connected;
  }

  return { cluster, client, track, redis: () => engine() };
}
