/** `npm run server`: the signaling server configured from the environment. */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { createLogger, withFields } from '../shared/log';
import { DEFAULT_DB_PATH, readConfig } from './config';
import { batchedStdioSink } from './log-sink';
import { connectRedis, type ClusterConnections } from './redis-connect';
import { startSignalingServer } from './signaling-server';

/** How long a draining instance answers 503 before closing its sockets, unless DRAIN_DELAY_MS says otherwise. */
const DEFAULT_DRAIN_DELAY_MS = 5000;

const instance = process.env.INSTANCE_ID?.trim() || randomUUID();
const log = withFields(createLogger('server', batchedStdioSink()), { instance });

async function main(): Promise<void> {
  const { redisUrl, drainDelayMs = DEFAULT_DRAIN_DELAY_MS, ...config } = readConfig(process.env);
  const connections: ClusterConnections | undefined = redisUrl === undefined ? undefined : await connectRedis(redisUrl, log);
  // The library defaults to an in-memory database (tests); the real server keeps a file.
  const dbPath = config.dbPath ?? DEFAULT_DB_PATH;
  // With PostgreSQL the audit spool still needs a local directory: the data folder unless AUDIT_SPOOL_DIR says otherwise.
  const auditSpoolDir = config.auditSpoolDir ?? (config.databaseUrl !== undefined ? path.dirname(dbPath) : undefined);
  const server = await startSignalingServer({
    ...config,
    instanceId: instance,
    dbPath,
    ...(auditSpoolDir !== undefined ? { auditSpoolDir } : {}),
    logger: createLogger('server', batchedStdioSink()),
    ...(connections ? { cluster: { redis: connections.redis, subscriber: connections.subscriber } } : {}),
  }).catch(async (error: unknown) => {
    await connections?.close();
    throw error;
  });
  log.info('server.ready', { http: server.httpUrl, ws: server.wsUrl, cluster: connections !== undefined });
  const stop = (how: Promise<void>) => {
    how.then(
      () => connections?.close(),
    ).then(
      () => process.exit(0),
      (error: unknown) => {
        log.error('server.stop-failed', { error: String(error) });
        process.exit(1);
      },
    );
  };
  // SIGTERM (the orchestrator's rolling restart) drains: the balancer moves clients elsewhere first.
  process.once('SIGTERM', () => {
    log.info('server.stopping', { signal: 'SIGTERM', drainDelayMs });
    stop(server.drain(drainDelayMs));
  });
  process.once('SIGINT', () => {
    log.info('server.stopping', { signal: 'SIGINT' });
    stop(server.close());
  });
}

main().catch((error: unknown) => {
  // Configuration and start-up problems (port in use, bad env, Redis away) are reported in one line, no stack.
  const message = error instanceof Error ? error.message : String(error);
  log.error('server.start-failed', { error: message });
  process.exitCode = 1;
  // Nothing else should keep the process: a half-started server must not linger.
  setTimeout(() => process.exit(1), 100).unref();
});
