import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * `npm run server` in a process of its own, for tests that crash it for real (SIGKILL) and
 * start it again on the same port with the same data folder, as an operator's restart would.
 * It has the same surface as the in-process server the other tests use.
 */
export interface ServerProcess {
  port: number;
  httpUrl: string;
  wsUrl: string;
  /** kill -9: no socket is closed properly, nothing is flushed. */
  crash(): Promise<void>;
  /** Starts the server again on the same port and data folder. */
  restart(): Promise<void>;
  close(): Promise<void>;
  /** Everything the server processes printed, for the test's attachments. */
  logs: string[];
}

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export async function startServerProcess(env: Record<string, string> = {}): Promise<ServerProcess> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'tandem-e2e-server-'));
  const logs: string[] = [];
  let port = 0;
  let child: ChildProcess | null = null;

  const launch = async () => {
    const started = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      cwd: ROOT,
      env: {
        ...process.env,
        HOST: '127.0.0.1',
        PORT: String(port),
        DB_PATH: path.join(dataDir, 'tandem.sqlite'),
        STATIC_DIR: path.join(ROOT, 'dist/renderer'),
        ICE_CANDIDATE_FILTER: 'loopback',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = started;
    port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the server did not start:\n${logs.join('\n')}`)), 20_000);
      const onLine = (chunk: Buffer) => {
        for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) {
          logs.push(line);
          const listening = /"event":"server.listening".*"port":(\d+)/.exec(line);
          if (listening?.[1]) {
            clearTimeout(timer);
            resolve(Number(listening[1]));
          }
        }
      };
      started.stdout?.on('data', onLine);
      started.stderr?.on('data', onLine);
      started.once('exit', (code) => reject(new Error(`the server exited (${code}):\n${logs.join('\n')}`)));
    });
  };

  const stop = async (signal: NodeJS.Signals) => {
    const running = child;
    child = null;
    if (!running || running.exitCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill(signal);
    await exited;
  };

  await launch();
  const authority = () => `127.0.0.1:${port}`;
  return {
    get port() {
      return port;
    },
    get httpUrl() {
      return `http://${authority()}`;
    },
    get wsUrl() {
      return `ws://${authority()}/ws`;
    },
    crash: () => stop('SIGKILL'),
    restart: launch,
    close: async () => {
      await stop('SIGTERM');
      await rm(dataDir, { recursive: true, force: true });
    },
    logs,
  };
}
