import { vi } from 'vitest';
import type { ClientMessage, RtcConfig, ServerMessage } from '../../../shared/signaling';
import type { SignalingAccess, SignalingHandlers } from '../session/signaling-client';

export const testRtc: RtcConfig = { iceServers: [], iceTransportPolicy: 'all', candidateFilter: 'any' };

/**
 * Test helper: a fake signaling server for clients that open their own connections. Each
 * connection records what was sent and keeps its handlers, so a test can answer on the latest
 * one (`fromServer`) or drop it (`lose`). With `unreachable`, every connection attempt fails.
 */
export function fakeSignaling(options: { unreachable?: boolean } = {}) {
  // Read at every connection attempt: a test may make the server unreachable and back (`reachable`).
  const sockets: { sent: ClientMessage[]; handlers: SignalingHandlers; close: ReturnType<typeof vi.fn> }[] = [];
  const access: SignalingAccess = {
    connect: (_url, handlers) => {
      if (options.unreachable) return Promise.reject(new Error('down'));
      const socket = { sent: [] as ClientMessage[], handlers, close: vi.fn() };
      sockets.push(socket);
      return Promise.resolve({ rtc: testRtc, send: (message) => socket.sent.push(message), close: socket.close });
    },
    serverUrl: () => Promise.resolve('ws://127.0.0.1:1/ws'),
  };
  const last = () => sockets[sockets.length - 1];
  return {
    ...access,
    sockets,
    fromServer: (message: ServerMessage) => last()?.handlers.onMessage(message),
    lose: () => last()?.handlers.onLost(),
    reachable: (yes: boolean) => void (options.unreachable = !yes),
  };
}
