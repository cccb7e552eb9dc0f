/** Test helper: a real redis-server on loopback in a temp dir (Debian's redis-server). Used only by *.test.ts. */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { freePort } from './free-port';


/** `port`: a fixed one (a restart on the same address); default a free one. */
export async function startRedis(fixedPort?: number): Promise<{ url: string; port: number; connect(): Redis; stop(): Promise<void> }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'tandem-redis-'));
  const port = fixedPort ?? (await freePort());
  const child: ChildProcess = spawn('redis-server', ['--bind', '127.0.0.1', '--port', String(port), '--save', '', '--appendonly', 'no', '--dir', dir], { stdio: 'ignore' });
  const failed = new Promise<never>((_, reject) => child.once('error', (error) => reject(new Error(`redis-server could not start (is Debian's redis-server installed?): ${error.message}`))));
  const url = `redis://127.0.0.1:${port}`;
  const clients: Redis[] = [];
  const connect = () => {
    const client = new Redis(url, { lazyConnect: false, maxRetriesPerRequest: 1 });
    client.on('error', () => undefined);
    clients.push(client);
    return client;
  };
  const probe = connect();
  for (let i = 0; ; i += 1) {
    try {
      await Promise.race([probe.ping(), failed]);
      break;
    } catch (error) {
      if (i > 50) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  return {
    url,
    port,
    connect,
    async stop() {
      await Promise.all(clients.map((client) => client.quit().catch(() => undefined)));
      child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
