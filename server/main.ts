/** `npm run server`: the signaling server configured from the environment. */
import path from 'node:path';
import { createLogger } from '../shared/log';
import { DEFAULT_DB_PATH, readConfig } from './config';
import { startSignalingServer } from './signaling-server';

const log = createLogger('server');

async function main(): Promise<void> {
  const config = readConfig(process.env);
  // The library defaults to an in-memory database (tests); the real server keeps a file.
  const dbPath = config.dbPath ?? DEFAULT_DB_PATH;
  // With PostgreSQL the audit spool still needs a local directory: the data folder unless AUDIT_SPOOL_DIR says otherwise.
  const auditSpoolDir = config.auditSpoolDir ?? (config.databaseUrl !== undefined ? path.dirname(dbPath) : undefined);
  const server = await startSignalingServer({ ...config, dbPath, ...(auditSpoolDir !== undefined ? { auditSpoolDir } : {}), logger: log });
  log.info('server.ready', { http: server.httpUrl, ws: server.wsUrl });
  const shutdown = (signal: string) => {
    log.info('server.stopping', { signal });
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        log.error('server.stop-failed', { error: String(error) });
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  // Configuration and start-up problems (port in use, bad env) are reported in one line, no stack.
  const message = error instanceof Error ? error.message : String(error);
  log.error('server.start-failed', { error: message });
  process.exitCode = 1;
});
