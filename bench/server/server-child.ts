/**
 * The real signaling server in its own process, so that its memory can be read from /proc
 * without the load generator's sockets in the same heap. Default options, logging to stdout
 * (the parent discards it); it reports its port over IPC and answers {gc} with its RSS.
 * With BENCH_REDIS_URL it is one instance of a cluster on that Redis.
 */
import { silentLogger } from '../../shared/log';
import { connectRedis } from '../../server/redis-connect';
import { startSignalingServer } from '../../server/signaling-server';

/** The connections `npm run server` opens from REDIS_URL, options included: the bench measures those. */
async function clusterOn(url: string | undefined) {
  if (!url) return {};
  const { redis, subscriber } = await connectRedis(url, silentLogger);
  return { cluster: { redis, subscriber }, resumeKey: new Uint8Array(32).fill(7) };
}

/**
 * The capacity runs open every socket from loopback: the per-address caps would be measured
 * instead. The hostile runs (BENCH_HOSTILE) keep every default limit, and believe the load
 * generator's X-Forwarded-For so that it can speak from thousands of addresses.
 */
const limits = process.env.BENCH_HOSTILE
  ? { trustedProxies: ['127.0.0.1'] }
  : { socketLimits: { maxSocketsPerAddress: 1_000_000, maxSockets: 1_000_000 }, createBudget: { perWindow: Number.MAX_SAFE_INTEGER, perNetwork: Number.MAX_SAFE_INTEGER, anonymousTotal: Number.MAX_SAFE_INTEGER, windowMs: 60_000 } };

const server = await startSignalingServer({
  host: '127.0.0.1',
  port: 0,
  ...limits,
  ...(process.env.BENCH_DB_PATH ? { dbPath: process.env.BENCH_DB_PATH } : {}),
  // /healthz tells its live counts only to the holder of this token.
  ...(process.env.BENCH_METRICS_TOKEN ? { metricsToken: process.env.BENCH_METRICS_TOKEN } : {}),
  ...(await clusterOn(process.env.BENCH_REDIS_URL)),
});
process.send?.({ port: server.port });
process.on('message', (message: { type: string }) => {
  if (message.type === 'rss') {
    // Only what stays referenced counts: collect first (the child runs with --expose-gc).
    (globalThis as { gc?: () => void }).gc?.();
    process.send?.({ rss: process.memoryUsage().rss });
  } else if (message.type === 'stop') {
    void server.close().then(() => process.exit(0));
  }
});
