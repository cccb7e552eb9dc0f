import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

export interface ServerProcess {
  port: number;
  pid: number;
  /** Resident memory after a full GC, bytes. */
  rss(): Promise<number>;
  stop(): Promise<void>;
}

function reply<T>(child: ChildProcess, key: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server child: no ${key}`)), 20_000);
    const onMessage = (message: Record<string, unknown>) => {
      if (!(key in message)) return;
      clearTimeout(timer);
      child.off('message', onMessage);
      resolve(message[key] as T);
    };
    child.on('message', onMessage);
  });
}

/** Starts bench/server/server-child.ts under Node with tsx; its log lines are discarded. */
/** The child's metrics token: /healthz reports its live counts only with it. */
export const BENCH_METRICS_TOKEN = 'bench-metrics-token-0123456789';

export interface ServerProcessOptions {
  redisUrl?: string;
  /** Default limits, X-Forwarded-For believed from loopback (the hostile-load runs). */
  hostile?: boolean;
  /** A records file (seeded accounts); default in memory. */
  dbPath?: string;
}

export async function startServerProcess(options: ServerProcessOptions = {}): Promise<ServerProcess> {
  const child = fork(fileURLToPath(new URL('./server-child.ts', import.meta.url)), [], {
    // BENCH_CPU_PROF=<dir>: each server child writes a V8 CPU profile there when it stops
    // (open it in Chrome DevTools; docs/performance.md "Reading a run" has one read).
    execArgv: ['--import', 'tsx', '--expose-gc', ...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [])],
    env: {
      ...process.env,
      BENCH_METRICS_TOKEN,
      ...(options.redisUrl ? { BENCH_REDIS_URL: options.redisUrl } : {}),
      ...(options.hostile ? { BENCH_HOSTILE: '1' } : {}),
      ...(options.dbPath ? { BENCH_DB_PATH: options.dbPath } : {}),
    },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const port = await reply<number>(child, 'port');
  return {
    port,
    pid: child.pid ?? -1,
    rss: () => {
      child.send({ type: 'rss' });
      return reply<number>(child, 'rss');
    },
    stop: async () => {
      if (child.exitCode !== null) return;
      child.send({ type: 'stop' });
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await once(child, 'exit');
      clearTimeout(timer);
    },
  };
}
