import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { startPostgres } from '../../server/test-support/postgres';
import { freePort } from '../../server/test-support/free-port';
import { startRedis } from '../../server/test-support/redis';
import { startServerProcess, type ServerProcess } from './server-process';

const HAPROXY_CONFIG = fileURLToPath(new URL('../../build/haproxy.cfg', import.meta.url));

/**
 * A small real cluster on loopback: one redis-server and one PostgreSQL, two `npm run server`
 * processes sharing them (REDIS_URL, DATABASE_URL, the same RESUME_SECRET, TRUSTED_PROXIES = the
 * proxy), and Debian's haproxy in front with the configuration we ship (build/haproxy.cfg):
 * round robin, no stickiness, health checks on /readyz.
 */
export interface Cluster {
  /** Where the apps connect: the proxy. */
  httpUrl: string;
  wsUrl: string;
  instances: readonly [ServerProcess, ServerProcess];
  /** Sockets each instance holds now (its /healthz). */
  connections(): Promise<[number, number]>;
  logs(): string;
  close(): Promise<void>;
}

/** /healthz tells its live counts only to the holder of the metrics token. */
const METRICS_TOKEN = randomBytes(24).toString('hex');

async function healthConnections(instance: ServerProcess): Promise<number> {
  try {
    const health = (await (await fetch(`${instance.httpUrl}/healthz`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).json()) as { connections?: number };
    return health.connections ?? 0;
  } catch {
    return 0;
  }
}

export async function startCluster(): Promise<Cluster> {
  const [redis, postgres] = await Promise.all([startRedis(), startPostgres()]);
  const shared = { REDIS_URL: redis.url, DATABASE_URL: await postgres.createDatabase(), RESUME_SECRET: randomBytes(32).toString('hex'), TRUSTED_PROXIES: '127.0.0.1', METRICS_TOKEN };
  const a = await startServerProcess({ ...shared, INSTANCE_ID: 'tandem-a' });
  const b = await startServerProcess({ ...shared, INSTANCE_ID: 'tandem-b' });
  const bindPort = await freePort();
  const proxyLog: string[] = [];
  const proxy: ChildProcess = spawn('haproxy', ['-f', HAPROXY_CONFIG, '-db'], {
    env: { ...process.env, TANDEM_BIND: `127.0.0.1:${bindPort}`, TANDEM_SERVER_1: `127.0.0.1:${a.port}`, TANDEM_SERVER_2: `127.0.0.1:${b.port}` },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  proxy.stdout?.on('data', (chunk: Buffer) => proxyLog.push(chunk.toString('utf8')));
  proxy.stderr?.on('data', (chunk: Buffer) => proxyLog.push(chunk.toString('utf8')));
  const httpUrl = `http://127.0.0.1:${bindPort}`;
  // Ready once both instances pass the proxy's health check: two answers from two instances.
  const seen = new Set<string>();
  for (let waited = 0; seen.size < 2; waited += 200) {
    if (proxy.exitCode !== null || waited > 20_000) throw new Error(`haproxy did not serve both instances:\n${proxyLog.join('')}`);
    const answer = await fetch(`${httpUrl}/healthz`).catch(() => null);
    const health = answer?.ok ? ((await answer.json()) as { instance?: string }) : null;
    if (health?.instance) seen.add(health.instance);
    else await sleep(200);
  }
  return {
    httpUrl,
    wsUrl: `ws://127.0.0.1:${bindPort}/ws`,
    instances: [a, b],
    connections: async () => [await healthConnections(a), await healthConnections(b)],
    logs: () => [`--- haproxy`, ...proxyLog, `--- tandem-a`, ...a.logs, `--- tandem-b`, ...b.logs].join('\n'),
    close: async () => {
      proxy.kill('SIGTERM');
      await Promise.all([a.close(), b.close()]);
      await Promise.all([redis.stop(), postgres.stop()]);
    },
  };
}
