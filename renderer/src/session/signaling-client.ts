import {
  PROTOCOL_VERSION,
  parseWireMessage,
  serverMessageSchema,
  type ClientMessage,
  type RtcConfig,
  type ServerMessage,
} from '../../../shared/signaling';

export interface SignalingHandlers {
  onMessage: (message: ServerMessage) => void;
  /** The connection closed without `close()` being called. */
  onLost(): void;
}

export interface SignalingConnection {
  readonly rtc: RtcConfig;
  send(message: ClientMessage): void;
  close(): void;
}

export class SignalingUnreachableError extends Error {}

/**
 * Opens the WebSocket to the signaling server and waits for its hello. Every message the
 * server sends is parsed against the shared schema; anything else is dropped, since part of
 * each relayed message comes from the other peer.
 */
export function connectSignaling(url: string, handlers: SignalingHandlers, timeoutMs = 10_000): Promise<SignalingConnection> {
  return new Promise((resolve, reject) => {
    let socket: WebSocket;
    try {
      socket = new WebSocket(url);
    } catch {
      reject(new SignalingUnreachableError(`cannot open ${url}`));
      return;
    }
    let connection: SignalingConnection | null = null;
    let closedByUs = false;
    const timer = setTimeout(() => fail('timed out'), timeoutMs);

    function fail(reason: string) {
      clearTimeout(timer);
      closedByUs = true;
      socket.close();
      reject(new SignalingUnreachableError(reason));
    }

    socket.addEventListener('message', (event) => {
      if (typeof event.data !== 'string') return;
      const parsed = parseWireMessage(event.data, serverMessageSchema);
      if (!parsed.ok) return;
      const message = parsed.value;
      if (connection === null) {
        if (message.type !== 'hello' || message.protocol !== PROTOCOL_VERSION) {
          fail('unexpected greeting');
          return;
        }
        clearTimeout(timer);
        connection = {
          rtc: message.rtc,
          send: (outgoing) => {
            if (socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(outgoing));
          },
          close: () => {
            closedByUs = true;
            socket.close(1000);
          },
        };
        resolve(connection);
        return;
      }
      handlers.onMessage(message);
    });
    socket.addEventListener('close', () => {
      if (connection === null) fail('closed before greeting');
      else if (!closedByUs) handlers.onLost();
    });
  });
}
