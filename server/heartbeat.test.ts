import { randomBytes } from 'node:crypto';
import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../shared/log';
import { startSignalingServer } from './signaling-server';
import { TestClient } from './test-client';

describe('heartbeat', () => {
  it('terminates a socket that stops answering pings and keeps live ones', async () => {
    const server = await startSignalingServer({ port: 0, logger: silentLogger, heartbeatIntervalMs: 250 });
    try {
      const live = await TestClient.ready(server.wsUrl);
      // A raw TCP client that completes the WebSocket handshake and then never answers a ping.
      const dead = connect(server.port, '127.0.0.1');
      const handshake = new Promise<string>((resolve) => dead.once('data', (chunk: Buffer) => resolve(chunk.toString('latin1'))));
      const ended = new Promise<void>((resolve) => dead.on('close', () => resolve()));
      dead.write(
        `GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\n\r\n`,
      );
      expect(await handshake).toMatch(/^HTTP\/1.1 101/);
      await ended;
      live.send({ type: 'session.create', consultantName: 'Alice' });
      await live.next('session.created');
      await live.close();
    } finally {
      await server.close();
    }
  });
});
