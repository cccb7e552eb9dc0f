/** A small structured logger: one line per event, scope first, never throws. */
export type LogFields = Record<string, string | number | boolean | null | undefined>;

export interface Logger {
  info(event: string, fields?: LogFields): void;
  warn(event: string, fields?: LogFields): void;
  error(event: string, fields?: LogFields): void;
}

export type LogSink = (level: 'info' | 'warn' | 'error', line: string) => void;

// eslint-disable-next-line no-console -- the one place console output is chosen
const consoleSink: LogSink = (level, line) => console[level](line);

export function createLogger(scope: string, sink: LogSink = consoleSink): Logger {
  const write = (level: 'info' | 'warn' | 'error', event: string, fields?: LogFields) => {
    try {
      sink(level, JSON.stringify({ t: new Date().toISOString(), level, scope, event, ...fields }));
    } catch {
      // Logging must never take the caller down.
    }
  };
  return {
    info: (event, fields) => write('info', event, fields),
    warn: (event, fields) => write('warn', event, fields),
    error: (event, fields) => write('error', event, fields),
  };
}

/** The same logger with `fields` on every line (the server's `instance`); they win over a call's own. */
export function withFields(logger: Logger, fields: LogFields): Logger {
  return {
    info: (event, own) => logger.info(event, { ...own, ...fields }),
    warn: (event, own) => logger.warn(event, { ...own, ...fields }),
    error: (event, own) => logger.error(event, { ...own, ...fields }),
  };
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };
