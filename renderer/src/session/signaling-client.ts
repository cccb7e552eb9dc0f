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
  /** A shared connection's owner replaced its lost socket with this one (the session resumes on it). */
  onReconnected?(connection: SignalingConnection): void;
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

/** How a client reaches the signaling server (the real WebSocket, or a fake in tests). */
export interface SignalingAccess {
  connect(url: string, handlers: SignalingHandlers): Promise<SignalingConnection>;
  serverUrl(): Promise<string>;
}

/**
 * Opens a connection for a client that may have moved on (signed out, cancelled, reconnected)
 * while it was connecting: when `stillWanted()` is false once it is open, it is closed and null
 * returned. Handlers get the connection they belong to, so callers can ignore a replaced one.
 */
export async function openIfStillWanted(
  access: SignalingAccess,
  stillWanted: () => boolean,
  handlers: { onMessage: (connection: SignalingConnection, message: ServerMessage) => void; onLost: (connection: SignalingConnection) => void },
): Promise<SignalingConnection | null> {
  // Set once connected; the server's messages only arrive after its hello resolved connect().
  let connection: SignalingConnection | null = null;
  try {
    connection = await access.connect(await access.serverUrl(), {
      onMessage: (message) => {
        if (connection) handlers.onMessage(connection, message);
      },
      onLost: () => {
        if (connection) handlers.onLost(connection);
      },
    });
  } catch {
    return null;
  }
  if (!stillWanted()) {
    connection.close();
    return null;
  }
  return connection;
}

/**
 * One question on a short-lived connection: sends `request`, resolves with the first answer
 * of type `answer`, or null when the server cannot be reached, refuses (an error answering
 * this message), goes away, or is silent for `timeoutMs`. The connection is always closed.
 */
export async function askOnce<T extends ServerMessage['type']>(
  access: SignalingAccess,
  request: ClientMessage,
  answer: T,
  timeoutMs = 5000,
): Promise<Extract<ServerMessage, { type: T }> | null> {
  let settle: (value: Extract<ServerMessage, { type: T }> | null) => void = () => undefined;
  const answered = new Promise<Extract<ServerMessage, { type: T }> | null>((resolve) => (settle = resolve));
  let connection: SignalingConnection;
  try {
    connection = await access.connect(await access.serverUrl(), {
      onMessage: (message) => {
        if (message.type === answer) settle(message as Extract<ServerMessage, { type: T }>);
        else if (message.type === 'error' && message.replyTo === request.type) settle(null);
      },
      onLost: () => settle(null),
    });
  } catch {
    return null;
  }
  const timer = setTimeout(() => settle(null), timeoutMs);
  connection.send(request);
  const result = await answered;
  clearTimeout(timer);
  connection.close();
  return result;
}
