/**
 * A small client for the xdg-desktop-portal on the user's session bus. It uses dbus-next's
 * low-level message API rather than its untyped proxies, so every value the desktop sends back
 * is `unknown` here and is checked by the caller's schema (shared/desktop-portal.ts) before use.
 */
import { Message, MessageType, Variant, sessionBus, type MessageBus } from 'dbus-next';

export const PORTAL_NAME = 'org.freedesktop.portal.Desktop';
export const PORTAL_PATH = '/org/freedesktop/portal/desktop';
export const REMOTE_DESKTOP = 'org.freedesktop.portal.RemoteDesktop';
export const SCREEN_CAST = 'org.freedesktop.portal.ScreenCast';
const REQUEST = 'org.freedesktop.portal.Request';
const SESSION = 'org.freedesktop.portal.Session';

/** `absent`: no portal or no such interface; `cancelled`: the person said no in the desktop's dialog. */
export type PortalFailure = 'absent' | 'cancelled' | 'failed';

export class PortalError extends Error {
  override readonly name = 'PortalError';
  constructor(
    readonly failure: PortalFailure,
    message: string,
  ) {
    super(message);
  }
}

/** What a caller passes in an `a{sv}` options argument. */
export type PortalOptions = Record<string, Variant>;
export const uint32 = (value: number): Variant => new Variant('u', value);
export const bool = (value: boolean): Variant => new Variant('b', value);

export interface PortalBus {
  /** A property of one portal interface, unwrapped; rejects with PortalError('absent') where the desktop has none. */
  property(iface: string, name: string): Promise<unknown>;
  /** A plain method call on the portal object (the Notify* calls); resolves with the reply's body. */
  call(iface: string, member: string, signature: string, body: unknown[]): Promise<unknown[]>;
  /**
   * A portal method that answers later through a Request object (CreateSession, Start…): the
   * options (last argument) get a fresh handle_token, and the call resolves with the Response's
   * results once the desktop (or the person, in its dialog) has answered.
   */
  request(iface: string, member: string, signature: string, args: unknown[], options: PortalOptions): Promise<Record<string, unknown>>;
  /** Closes one portal session (org.freedesktop.portal.Session.Close); never rejects. */
  closeSession(handle: string): Promise<void>;
  /** Ends the connection; pending requests reject. */
  disconnect(): void;
}

/** Variants (and arrays / dictionaries of them) → plain values, for schemas to check. */
export function unwrap(value: unknown): unknown {
  if (value instanceof Variant) return unwrap(value.value);
  if (Array.isArray(value)) return value.map(unwrap);
  if (typeof value === 'object' && value !== null && !Buffer.isBuffer(value)) {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, unwrap(inner)]));
  }
  return value;
}

/** D-Bus error names that mean "this desktop has no such portal", as opposed to a broken one. */
const ABSENT_ERRORS = new Set([
  'org.freedesktop.DBus.Error.ServiceUnknown',
  'org.freedesktop.DBus.Error.UnknownInterface',
  'org.freedesktop.DBus.Error.UnknownMethod',
  'org.freedesktop.DBus.Error.UnknownObject',
  'org.freedesktop.DBus.Error.UnknownProperty',
  'org.freedesktop.DBus.Error.InvalidArgs',
  'org.freedesktop.DBus.Error.NameHasNoOwner',
]);

function toPortalError(error: unknown): PortalError {
  if (error instanceof PortalError) return error;
  const type = typeof error === 'object' && error !== null && 'type' in error ? String(error.type) : '';
  const message = error instanceof Error ? error.message : String(error);
  return new PortalError(ABSENT_ERRORS.has(type) ? 'absent' : 'failed', message || type || 'the desktop portal failed');
}

let tokenCounter = 0;
/** handle_token and session_handle_token must be unique per caller and match [A-Za-z0-9_]+. */
export function nextToken(): string {
  tokenCounter += 1;
  return `tandem${process.pid}_${tokenCounter}`;
}
export const token = (): Variant => new Variant('s', nextToken());

export interface ConnectOptions {
  /** DBUS_SESSION_BUS_ADDRESS of the desktop session; dbus-next's default when undefined. */
  busAddress?: string;
  /** Bound on one plain call (not on a Request's answer, which waits for the person). */
  callTimeoutMs?: number;
}

export function connectPortal(options: ConnectOptions = {}): PortalBus {
  let bus: MessageBus;
  try {
    bus = sessionBus(options.busAddress ? { busAddress: options.busAddress } : {});
  } catch (error) {
    // dbus-next throws at once when no session bus address can be found at all.
    throw new PortalError('absent', `no session bus: ${error instanceof Error ? error.message : String(error)}`);
  }
  let broken: PortalError | null = null;
  // Responses can arrive before the method call that created their Request has returned, so
  // they are kept by path until someone asks for them.
  const responses = new Map<string, { code: number; results: Record<string, unknown> }>();
  const waiters = new Map<string, { resolve: (value: Record<string, unknown>) => void; reject: (error: PortalError) => void }>();

  const callTimeoutMs = options.callTimeoutMs ?? 5000;
  // dbus-next never answers calls that were under way when the socket failed: we do.
  const pendingCalls = new Set<(error: PortalError) => void>();
  const failAll = (error: PortalError) => {
    broken ??= error;
    for (const fail of [...pendingCalls]) fail(error);
    for (const waiter of waiters.values()) waiter.reject(error);
    waiters.clear();
  };
  // Without a listener an unreachable bus would throw from inside dbus-next's socket handler.
  bus.on('error', (error: unknown) => failAll(new PortalError('absent', `cannot reach the session bus: ${String(error)}`)));

  const settle = (path: string) => {
    const response = responses.get(path);
    const waiter = waiters.get(path);
    if (!response || !waiter) return;
    responses.delete(path);
    waiters.delete(path);
    // 0 success, 1 the person cancelled the dialog, 2 anything else.
    if (response.code === 0) waiter.resolve(response.results);
    else if (response.code === 1) waiter.reject(new PortalError('cancelled', 'the request was cancelled in the desktop’s dialog'));
    else waiter.reject(new PortalError('failed', `the desktop portal refused the request (code ${response.code})`));
  };

  bus.on('message', (message: Message) => {
    if (message.type !== MessageType.SIGNAL || message.interface !== REQUEST || message.member !== 'Response') return;
    const body: unknown[] = message.body;
    const [code, results] = body;
    const plain = unwrap(results);
    responses.set(message.path, {
      code: typeof code === 'number' ? code : 2,
      results: typeof plain === 'object' && plain !== null && !Array.isArray(plain) ? Object.fromEntries(Object.entries(plain)) : {},
    });
    settle(message.path);
  });

  const send = (message: Message): Promise<unknown[]> => {
    if (broken) return Promise.reject(broken);
    return new Promise<unknown[]>((resolve, reject) => {
      const done = () => {
        pendingCalls.delete(fail);
        clearTimeout(timer);
      };
      const fail = (error: PortalError) => {
        done();
        reject(error);
      };
      const timer = setTimeout(() => fail(new PortalError('failed', `${message.member} got no answer within ${callTimeoutMs} ms`)), callTimeoutMs);
      pendingCalls.add(fail);
      bus.call(message).then(
        (reply) => {
          done();
          resolve(reply?.body ?? []);
        },
        (error: unknown) => fail(toPortalError(error)),
      );
    });
  };

  const portalCall = (iface: string, member: string, signature: string, body: unknown[]) =>
    send(new Message({ destination: PORTAL_NAME, path: PORTAL_PATH, interface: iface, member, signature, body }));

  const matched = send(
    new Message({
      destination: 'org.freedesktop.DBus',
      path: '/org/freedesktop/DBus',
      interface: 'org.freedesktop.DBus',
      member: 'AddMatch',
      signature: 's',
      body: [`type='signal',interface='${REQUEST}',member='Response'`],
    }),
  );
  // Reported by the first call that awaits it; never an unhandled rejection.
  matched.catch(() => undefined);

  return {
    async property(iface, name) {
      const [value] = await send(
        new Message({ destination: PORTAL_NAME, path: PORTAL_PATH, interface: 'org.freedesktop.DBus.Properties', member: 'Get', signature: 'ss', body: [iface, name] }),
      );
      return unwrap(value);
    },

    call: portalCall,

    async request(iface, member, signature, args, options) {
      await matched;
      const token = nextToken();
      const [handle] = await portalCall(iface, member, signature, [...args, { ...options, handle_token: new Variant('s', token) }]);
      if (typeof handle !== 'string') throw new PortalError('failed', `${member} returned no request handle`);
      return new Promise<Record<string, unknown>>((resolve, reject) => {
        waiters.set(handle, { resolve, reject });
        settle(handle);
      });
    },

    async closeSession(handle) {
      await send(new Message({ destination: PORTAL_NAME, path: handle, interface: SESSION, member: 'Close' })).catch(() => undefined);
    },

    disconnect() {
      failAll(new PortalError('failed', 'the portal connection was closed'));
      bus.disconnect();
    },
  };
}
