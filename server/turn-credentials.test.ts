import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../shared/log';
import { startSignalingServer, type SignalingServer } from './signaling-server';
import { TestClient } from './test-client';
import { turnRestCredentials } from './turn-credentials';

describe('TURN REST credentials', () => {
  it('follows coturn use-auth-secret: "<expiry>:tandem" and base64 HMAC-SHA1', () => {
    const now = Date.UTC(2030, 0, 1);
    const { username, credential } = turnRestCredentials('a-long-shared-secret', now);
    expect(username).toBe(`${now / 1000 + 3600}:tandem`);
    expect(credential).toBe(createHmac('sha1', 'a-long-shared-secret').update(username).digest('base64'));
    expect(Buffer.from(credential, 'base64')).toHaveLength(20);
  });

  let server: SignalingServer | undefined;
  afterEach(async () => server?.close());

  it('hands each connection fresh credentials in its hello, after the configured servers', async () => {
    let now = Date.UTC(2030, 0, 1);
    server = await startSignalingServer({
      port: 0,
      logger: silentLogger,
      now: () => now,
      rtc: { iceServers: [{ urls: 'stun:127.0.0.1:3478' }], iceTransportPolicy: 'relay', candidateFilter: 'any' },
      turnRest: { urls: ['turn:127.0.0.1:3478?transport=udp'], secret: 'a-long-shared-secret' },
    });
    const first = await TestClient.connect(server.wsUrl);
    const hello = await first.next('hello');
    expect(hello.rtc.iceTransportPolicy).toBe('relay');
    expect(hello.rtc.iceServers[0]).toEqual({ urls: 'stun:127.0.0.1:3478' });
    const turn = hello.rtc.iceServers[1];
    expect(turn?.urls).toEqual(['turn:127.0.0.1:3478?transport=udp']);
    expect(turn?.credential).toBe(createHmac('sha1', 'a-long-shared-secret').update(turn?.username ?? '').digest('base64'));

    now += 60_000;
    const second = await TestClient.connect(server.wsUrl);
    const later = (await second.next('hello')).rtc.iceServers[1];
    expect(later?.username).toBe(`${now / 1000 + 3600}:tandem`);
    await Promise.all([first.close(), second.close()]);
  });
});
