/**
 * The input injector behind one interface: the ControlService (consent, dead-man, sequence,
 * rate limits) calls it only while control is granted. Remote input is hostile by default
 * (STYLE "Remote control is untrusted input"), so this layer re-validates every event, runs one
 * event at a time, bounds each call in time and turns every failure into an InjectionError:
 * nothing a consultant sends may crash the main process or leave a half-typed string.
 */
import { inputEventSchema } from '../../../shared/control';
import type { Logger } from '../../../shared/log';
import { InjectionError, type Injector, type InjectorAvailability, type InjectorBackend } from './injection';
import { isWaylandSession } from '../desktop-session';
import { isValidRect } from './mapping';

// The contract every backend implements lives in injection.ts (the backends import it, not this factory).
export { InjectionError, type Injector, type InjectorAvailability, type InjectorBackend, type InjectionFailure, type ScreenRect, type UnavailableReason } from './injection';

export interface InjectorOptions {
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
  log: Logger;
  /** macOS: systemPreferences.isTrustedAccessibilityClient(false), passed in because services never import electron. */
  isAccessibilityTrusted?: () => boolean;
  /** Upper bound for one call, so a wedged X server or native module cannot stall control forever. */
  timeoutMs?: number;
  /** Upper bound for begin(), which may wait for the person to answer the desktop's own dialog. */
  beginTimeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 3000;
const DEFAULT_BEGIN_TIMEOUT_MS = 120_000;


export const ACCESSIBILITY_DETAIL =
  'Tandem needs the Accessibility permission to control this Mac: open System Settings → Privacy & Security → Accessibility and enable Tandem, then try again.';

/** Decides from the environment alone, before any module is loaded. */
export function environmentAvailability(options: InjectorOptions): InjectorAvailability {
  const { platform, env } = options;
  if (platform === 'linux') {
    // Wayland: the RemoteDesktop portal backend decides from what the desktop offers.
    if (isWaylandSession(env)) return { available: true };
    if (!env.DISPLAY) return { available: false, reason: 'no-display', detail: 'DISPLAY is not set: there is no X display to control' };
    return { available: true };
  }
  if (platform === 'darwin') {
    if (options.isAccessibilityTrusted?.() === false) return { available: false, reason: 'no-permission', detail: ACCESSIBILITY_DETAIL };
    return { available: true };
  }
  if (platform === 'win32') return { available: true };
  return { available: false, reason: 'unsupported-platform', detail: `remote control is not available on ${platform}` };
}

/** Maps anything thrown below us to an InjectionError with a reason the ControlService can report. */
export function toInjectionError(error: unknown): InjectionError {
  if (error instanceof InjectionError) return error;
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  const message = error instanceof Error ? error.message : String(error);
  if (code === 'ECONNREFUSED' || code === 'ENOENT') return new InjectionError('no-display', `cannot reach the X display (${code})`);
  return new InjectionError('failed', message || 'input injection failed');
}

/** A call that did not finish in time: its backend may be wedged and is replaced. */
class InjectionTimeout extends InjectionError {}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new InjectionTimeout('failed', `${what} timed out after ${ms} ms`)), ms);
    promise.then(
      (value) => { clearTimeout(timer); resolve(value); },
      (error: unknown) => { clearTimeout(timer); reject(error instanceof Error ? error : new Error(String(error))); },
    );
  });
}

async function loadBackend(options: InjectorOptions): Promise<InjectorBackend> {
  // Dynamic imports: importing this factory must never load x11 or a native module.
  if (options.platform === 'linux' && isWaylandSession(options.env)) {
    // XWayland gives us a DISPLAY too, but XTEST there reaches only X clients, not the desktop
    // the person sees: on Wayland only the desktop's own portal injects.
    const { createPortalInjector } = await import('./portal-injector');
    return createPortalInjector({ busAddress: options.env.DBUS_SESSION_BUS_ADDRESS, log: options.log });
  }
  if (options.platform === 'linux') {
    const { createX11Injector } = await import('./x11-injector');
    return createX11Injector({ display: options.env.DISPLAY ?? '', log: options.log });
  }
  const { createRobotInjector, loadRobotModule } = await import('./robot-injector');
  const platform = options.platform === 'darwin' ? 'darwin' : 'win32';
  return createRobotInjector({ platform, robot: await loadRobotModule(), log: options.log });
}

export function createInjector(options: InjectorOptions): Injector {
  const { log } = options;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  let backend: Promise<InjectorBackend> | null = null;
  let closed = false;
  // One event at a time, in arrival order: a text event's round trips must not interleave
  // with the key events that follow it.
  let tail: Promise<unknown> = Promise.resolve();
  /** Injections queued and not started yet: tells the backend whether more are on their way. */
  let waiting = 0;

  const getBackend = (): Promise<InjectorBackend> => {
    if (!backend) {
      const loading = loadBackend(options);
      backend = loading;
      loading.catch(() => { if (backend === loading) backend = null; });
    }
    return backend;
  };

  const dropBackend = (): void => {
    const old = backend;
    backend = null;
    old?.then((b) => withTimeout(b.close(), timeoutMs, 'close')).catch(() => undefined);
  };

  const serial = <T>(op: () => Promise<T>, what: string, limitMs = timeoutMs): Promise<T> => {
    const run = tail.then(() => withTimeout(op(), limitMs, what));
    tail = run.catch(() => undefined);
    return run;
  };

  const fail = (event: string, error: unknown, fields: Record<string, string>): InjectionError => {
    const wrapped = toInjectionError(error);
    // Never log the event's content: the consultant may be typing a password.
    log.warn(event, { ...fields, reason: wrapped.reason, detail: wrapped.message });
    if (wrapped instanceof InjectionTimeout) dropBackend();
    return wrapped;
  };

  return {
    async availability() {
      const env = environmentAvailability(options);
      if (!env.available) return env;
      try {
        return await serial(async () => (await getBackend()).availability(), 'availability');
      } catch (error) {
        const wrapped = fail('input.unavailable', error, {});
        const reason = wrapped.reason === 'invalid-event' || wrapped.reason === 'not-supported' || wrapped.reason === 'declined' ? 'failed' : wrapped.reason;
        return { available: false, reason, detail: wrapped.message };
      }
    },

    async begin() {
      try {
        if (closed) throw new InjectionError('failed', 'the injector is closed');
        await serial(async () => (await getBackend()).begin?.(), 'begin', options.beginTimeoutMs ?? DEFAULT_BEGIN_TIMEOUT_MS);
      } catch (error) {
        throw fail('input.begin-failed', error, {});
      }
    },

    async inject(event, screen) {
      // Defence in depth: rebuild the event from the schema even though the ControlService
      // validated it, so nothing extra or non-finite can reach X or a native module.
      const parsed = inputEventSchema.safeParse(event);
      // Only a validated type reaches the log: an invalid one could be anything.
      const type = parsed.success ? parsed.data.type : 'invalid';
      try {
        if (closed) throw new InjectionError('failed', 'the injector is closed');
        if (!parsed.success) throw new InjectionError('invalid-event', 'the input event is not valid');
        const rect = { x: screen.x, y: screen.y, width: screen.width, height: screen.height };
        if (!isValidRect(rect)) throw new InjectionError('invalid-event', 'the screen rectangle is not valid');
        const env = environmentAvailability(options);
        if (!env.available) throw new InjectionError(env.reason, env.detail);
        waiting += 1;
        await serial(async () => {
          waiting -= 1;
          await (await getBackend()).inject(parsed.data, rect, { more: waiting > 0 });
        }, `inject ${type}`);
      } catch (error) {
        throw fail('input.inject-failed', error, { type });
      }
    },

    async releaseAll() {
      if (!backend) return; // nothing was ever pressed
      try {
        await serial(async () => (await getBackend()).releaseAll(), 'releaseAll');
      } catch (error) {
        fail('input.release-failed', error, {});
      }
    },

    async close() {
      if (closed) return;
      closed = true;
      if (!backend) return;
      try {
        await serial(async () => {
          const b = await getBackend();
          try {
            await b.releaseAll();
          } finally {
            await b.close();
          }
        }, 'close');
      } catch (error) {
        fail('input.close-failed', error, {});
      } finally {
        backend = null;
      }
    },
  };
}
