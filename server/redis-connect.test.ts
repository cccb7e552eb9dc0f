import { spawn } from 'node:child_process';
import { get as httpGet } from 'node:http';
import { describe, expect, it } from 'vitest';
import type { LogFields, Logger } from '../shared/log';
import { connectRedis, redisEndpoint } from './redis-connect';
import { freePort } from './test-support/free-port';
import { startRedis } from './test-support/redis';

/** REDIS_URL at start and during an outage, against a real redis-server and a closed port. */
function fetchStatus(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    httpGet(url, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    }).on('error', reject);
  });
}

function capture(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const write = (event: string, fields?: LogFields) => void lines.push(JSON.stringify({ event, ...fields }));
  return { lines, info: write, warn: write, error: write };
}

describe('Redis connections from REDIS_URL', () => {
  it('names host:port only', () => {
    expect(redisEndpoint('redis://user:s3cret@cache.internal:6380/2')).toBe('cache.internal:6380');
    expect(redisEndpoint('rediss://:s3cret@cache.internal')).toBe('cache.internal:6379');
  });

  it('gives up on an unreachable Redis after the start timeout, naming host:port and never the password', async () => {
    const port = await freePort();
    const log = capture();
    const failure = await connectRedis(`redis://:hunter2hunter2@127.0.0.1:${port}`, log, 400).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(Error);
    expect(String(failure)).toContain(`127.0.0.1:${port}`);
    expect(String(failure)).not.toContain('hunter2');
    expect(log.lines.join('\n')).not.toContain('hunter2');
  });

  it('survives an outage after start (logged once) and reconnects', async () => {
    const server = await startRedis();
    const log = capture();
    const connections = await connectRedis(server.url, log, 2000);
    expect(await connections.redis.ping()).toBe('PONG');
    // Redis goes away for a while: every reconnect attempt fails with an error event, none may crash us.
    await server.stop();
    await new Promise((resolve) => setTimeout(resolve, 700));
    const restarted = await startRedis(server.port);
    for (let i = 0; i < 60 && log.lines.filter((line) => line.includes('redis.back')).length < 2; i += 1) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await connections.redis.ping()).toBe('PONG');
    const events = log.lines.map((line) => (JSON.parse(line) as { event: string; role: string }));
    // Logged once per connection and outage, not once per retry.
    expect(events.filter((e) => e.event === 'redis.down').map((e) => e.role).sort()).toEqual(['commands', 'subscriber']);
    expect(events.filter((e) => e.event === 'redis.back').map((e) => e.role).sort()).toEqual(['commands', 'subscriber']);
    await connections.close();
    await restarted.stop();
  });

  it('the server exits at start with one line when REDIS_URL is unreachable', async () => {
    const port = await freePort();
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      env: { ...process.env, REDIS_URL: `redis://:hunter2hunter2@127.0.0.1:${port}`, PORT: '0', DB_PATH: ':memory:', INSTANCE_ID: 'exit-test' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(1);
    const failed = output.split('\n').filter((line) => line.includes('server.start-failed'));
    expect(failed).toHaveLength(1);
    expect(JSON.parse(failed[0] ?? '')).toMatchObject({ level: 'error', instance: 'exit-test', event: 'server.start-failed' });
    expect(failed[0]).toContain(`127.0.0.1:${port}`);
    expect(output).not.toContain('hunter2');
  }, 30_000);

  it('the server started with REDIS_URL is ready with redis ok, and SIGTERM drains it (503 first) and exits 0', async () => {
    const server = await startRedis();
    const port = await freePort();
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      env: { ...process.env, REDIS_URL: server.url, PORT: String(port), DB_PATH: ':memory:', INSTANCE_ID: 'main-test', DRAIN_DELAY_MS: '800' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    const base = `http://127.0.0.1:${port}`;
    let ready: { status: number; body: string } | undefined;
    for (let i = 0; i < 100 && ready === undefined; i += 1) {
      ready = await fetchStatus(`${base}/readyz`).catch(() => undefined);
      if (ready === undefined) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(ready).toEqual({ status: 200, body: JSON.stringify({ status: 'ok', redis: 'ok', database: 'ok' }) });
    child.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await fetchStatus(`${base}/healthz`)).status).toBe(503);
    expect(await exited).toBe(0);
    expect(output).toContain('"event":"server.draining"');
    await server.stop();
  }, 30_000);
});
