import { once } from 'node:events';
import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../shared/log';
import { CLOSE_SERVICE_RESTART, startSignalingServer, type SignalingServer } from './signaling-server';
import { answer, clusterFixture, offer } from './test-support/cluster';
import { TestClient } from './test-client';

/** Operations of a cluster against a real redis-server: /readyz, /metrics, and draining on SIGTERM. */
const { cluster, client, track, redis } = clusterFixture();

function get(server: SignalingServer, path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('cluster operations (real redis-server)', () => {
  it('/readyz reports redis and the database; a plugged-in check that fails makes it 503', async () => {
    const [a] = await cluster(1);
    if (!a) throw new Error('one instance');
    expect(await get(a, '/readyz')).toEqual({ status: 200, body: JSON.stringify({ status: 'ok', redis: 'ok', database: 'ok' }) });
    const failing = await startSignalingServer({ port: 0, logger: silentLogger, readiness: [{ name: 'database', check: () => Promise.reject(new Error('connection refused')) }] });
    track(failing);
    expect(await get(failing, '/readyz')).toEqual({ status: 503, body: JSON.stringify({ status: 'unavailable', redis: 'off', database: 'down' }) });
    // Liveness does not depend on the dependencies.
    expect((await get(failing, '/healthz')).status).toBe(200);
  });

  it('/readyz says redis is down when its connection is lost, and ok again once back', async () => {
    const commands = redis().connect();
    const server = await startSignalingServer({ port: 0, logger: silentLogger, cluster: { redis: commands, subscriber: redis().connect(), prefix: 'down:' } });
    track(server);
    commands.disconnect(true);
    // ioredis notices the closed socket on its next turn of the event loop, as it would a real loss.
    await once(commands, 'close');
    expect(JSON.parse((await get(server, '/readyz')).body)).toMatchObject({ status: 'unavailable', redis: 'down', database: 'ok' });
    for (let i = 0; i < 50 && commands.status !== 'ready'; i += 1) await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await get(server, '/readyz')).status).toBe(200);
  });

  it('/readyz says redis is down when only the subscriber (the relay to this instance) is lost', async () => {
    const subscriber = redis().connect();
    const server = await startSignalingServer({ port: 0, logger: silentLogger, cluster: { redis: redis().connect(), subscriber, prefix: 'sub-down:' } });
    track(server);
    // Gone for good (no reconnect): with a reconnect it may be back before /readyz is asked.
    subscriber.disconnect(false);
    await once(subscriber, 'end');
    expect(JSON.parse((await get(server, '/readyz')).body)).toMatchObject({ status: 'unavailable', redis: 'down' });
  });

  it('/metrics counts pairings, relays and resumes per instance, behind its bearer token', async () => {
    const [a, b] = await cluster(2, { metricsToken: 'metrics-token-0123456789' });
    if (!a || !b) throw new Error('two instances');
    const consultant = await client(a);
    consultant.send({ type: 'session.create', consultantName: 'Alice' });
    const { code } = await consultant.next('session.created');
    const user = await client(b);
    user.send({ type: 'session.join', code });
    await user.next('session.joined');
    user.send({ type: 'signal', data: answer });
    await consultant.next('signal');
    expect((await get(b, '/metrics')).status).toBe(401);
    expect((await get(b, '/metrics', { authorization: 'Bearer wrong' })).status).toBe(401);
    const { status, body } = await get(b, '/metrics', { authorization: 'Bearer metrics-token-0123456789' });
    expect(status).toBe(200);
    expect(body).toContain('tandem_pairings_total{instance="instance-1"} 1');
    expect(body).toContain('tandem_live_sessions{instance="instance-1"} 1');
    expect(body).toContain('tandem_connected_sockets{instance="instance-1"} 1');
    expect(body).toMatch(/tandem_relay_latency_seconds_count\{instance="instance-1"\} 1/);
  });

  it('a drained instance goes unready, closes its sockets with 1012, and its members resume on another instance', async () => {
    const [a, b] = await cluster(2, { resumeGraceMs: 30_000 });
    if (!a || !b) throw new Error('two instances');
    const consultant = await client(a);
    expect(consultant.instance).toBe('instance-0');
    consultant.send({ type: 'session.create', consultantName: 'Alice' });
    const { code, sessionId } = await consultant.next('session.created');
    const user = await client(b);
    expect(user.instance).toBe('instance-1');
    user.send({ type: 'session.join', code });
    await user.next('session.joined');
    await consultant.next('peer.joined');
    const { token } = await consultant.next('session.resume-token');

    const drained = a.drain(300);
    expect((await get(a, '/healthz')).status).toBe(503);
    expect((await get(a, '/readyz')).status).toBe(503);
    expect((await get(b, '/readyz')).status).toBe(200);
    await expect(TestClient.connect(a.wsUrl)).rejects.toThrow(/503/);
    expect(await consultant.closed).toBe(CLOSE_SERVICE_RESTART);
    expect(consultant.closeReason).toBe('draining');
    await drained;
    expect((await user.next('peer.away')).reason).toBe('network');

    // What the balancer does on reconnect: the next instance that is up.
    const back = await client(b);
    back.send({ type: 'session.resume', token });
    expect(await back.next('session.resumed')).toEqual({ type: 'session.resumed', sessionId, peerPresent: true });
    await user.next('peer.back');
    back.send({ type: 'signal', data: offer });
    expect((await user.next('signal')).data).toEqual(offer);
    user.send({ type: 'signal', data: answer });
    expect((await back.next('signal')).data).toEqual(answer);
  });
});
