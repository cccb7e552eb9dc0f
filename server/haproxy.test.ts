import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../shared/log';
import type { SignalData } from '../shared/signaling';
import { startSignalingServer, type SignalingServer } from './signaling-server';
import { TestClient } from './test-client';
import { freePort } from './test-support/free-port';
import { startRedis } from './test-support/redis';

/**
 * The shipped build/haproxy.cfg, run by a real haproxy in front of two instances on one real
 * redis-server: clients connect through it, land on different instances, pair and signal.
 */
const CONFIG = fileURLToPath(new URL('../build/haproxy.cfg', import.meta.url));
let redis: Awaited<ReturnType<typeof startRedis>>;
let proxy: ChildProcess | undefined;
let proxyUrl = '';
const servers: SignalingServer[] = [];
const clients: TestClient[] = [];

beforeAll(async () => {
  redis = await startRedis();
  // The instances take any free port; only the proxy's own port is chosen ahead (haproxy needs it in its config).
  for (const i of [0, 1]) {
    servers.push(
      await startSignalingServer({ port: 0, logger: silentLogger, instanceId: `web-${i + 1}`, trustedProxies: ['127.0.0.1'], resumeKey: Buffer.alloc(32, 7), cluster: { redis: redis.connect(), subscriber: redis.connect(), prefix: 'ha:' } }),
    );
  }
  const bindPort = await freePort();
  const env = { ...process.env, TANDEM_BIND: `127.0.0.1:${bindPort}`, TANDEM_SERVER_1: `127.0.0.1:${servers[0]?.port}`, TANDEM_SERVER_2: `127.0.0.1:${servers[1]?.port}` };
  const child = spawn('haproxy', ['-f', CONFIG, '-db'], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  proxy = child;
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exited = new Promise<never>((_, reject) => child.once('exit', (code) => reject(new Error(`haproxy exited (${code}): ${stderr}`))));
  exited.catch(() => undefined);
  proxyUrl = `ws://127.0.0.1:${bindPort}/ws`;
  for (let i = 0; ; i += 1) {
    try {
      await Promise.race([TestClient.ready(proxyUrl).then((probe) => probe.close()), exited]);
      break;
    } catch (error) {
      if (i > 50) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}, 20_000);

afterAll(async () => {
  await Promise.all(clients.splice(0).map((client) => client.close()));
  proxy?.kill('SIGKILL');
  await Promise.all(servers.splice(0).map((server) => server.close()));
  await redis?.stop();
});

/** Connects through the proxy until a socket lands on `instance` (round robin: within a few tries). */
async function clientOn(instance: string): Promise<TestClient> {
  for (let i = 0; i < 6; i += 1) {
    const client = await TestClient.ready(proxyUrl);
    clients.push(client);
    if (client.instance === instance) return client;
  }
  throw new Error(`no connection landed on ${instance}`);
}

const offer: SignalData = { type: 'offer', sdp: 'v=0\r\n' };
const answer: SignalData = { type: 'answer', sdp: 'v=0\r\n' };

describe('behind HAProxy (real haproxy, two instances, real redis-server)', () => {
  it('spreads sockets over both instances with no stickiness', async () => {
    const landed = new Set<string | undefined>();
    for (let i = 0; i < 4; i += 1) {
      const client = await TestClient.ready(proxyUrl);
      clients.push(client);
      landed.add(client.instance);
    }
    expect([...landed].sort()).toEqual(['web-1', 'web-2']);
  });

  it('a consultant on one instance and a user on the other pair and signal both ways', async () => {
    const consultant = await clientOn('web-1');
    consultant.send({ type: 'session.create', consultantName: 'Alice' });
    const { code } = await consultant.next('session.created');
    const user = await clientOn('web-2');
    user.send({ type: 'session.join', code });
    expect((await user.next('session.joined')).consultantName).toBe('Alice');
    await consultant.next('peer.joined');
    consultant.send({ type: 'signal', data: offer });
    expect((await user.next('signal')).data).toEqual(offer);
    user.send({ type: 'signal', data: answer });
    expect((await consultant.next('signal')).data).toEqual(answer);
  });

  it('when an instance drains, its member reconnects through the proxy, lands on the other one and resumes', async () => {
    const consultant = await clientOn('web-1');
    consultant.send({ type: 'session.create', consultantName: 'Alice' });
    const { code, sessionId } = await consultant.next('session.created');
    const user = await clientOn('web-2');
    user.send({ type: 'session.join', code });
    await user.next('session.joined');
    const { token } = await consultant.next('session.resume-token');
    const [web1] = servers;
    if (!web1) throw new Error('web-1');
    const drained = web1.drain(600);
    // While web-1 drains it refuses new sockets with 503 before HAProxy's check notices: the proxy retries them on web-2.
    for (let i = 0; i < 2; i += 1) {
      const meanwhile = await TestClient.ready(proxyUrl);
      clients.push(meanwhile);
      expect(meanwhile.instance).toBe('web-2');
    }
    expect(await consultant.closed).toBe(1012);
    await drained;
    // web-1 is gone; the proxy retries a refused connection on the other instance.
    const back = await TestClient.ready(proxyUrl);
    clients.push(back);
    expect(back.instance).toBe('web-2');
    back.send({ type: 'session.resume', token });
    expect(await back.next('session.resumed')).toEqual({ type: 'session.resumed', sessionId, peerPresent: true });
    await user.next('peer.back');
    back.send({ type: 'signal', data: offer });
    expect((await user.next('signal')).data).toEqual(offer);
    user.send({ type: 'signal', data: answer });
    expect((await back.next('signal')).data).toEqual(answer);
  });
});
