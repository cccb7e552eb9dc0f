/**
 * Linux X11 injection over the XTEST extension with the pure-JS `x11` package: no native code,
 * so a dead or missing display is an error we can catch, not a segfault (RECIPES "Input injection").
 */
import type { XClient, XError, XTest } from 'x11';
import type { InputEvent, KeyCode } from '../../../shared/control';
import type { Logger } from '../../../shared/log';
import { InjectionError, type InjectorBackend, type ScreenRect } from './injection';
import { comboKeys, keysymForCodePoint, xKeysyms } from './keymap';
import { toPixel, wheelSteps } from './mapping';
import { KeyboardTable, type KeyLocation, XK_SHIFT_L } from './x11-keyboard';

export interface X11InjectorOptions {
  display: string;
  log: Logger;
  connectTimeoutMs?: number;
  /**
   * How long borrowed keycodes keep their Unicode keysym after the last text event. Clients
   * read the mapping when they handle a key, possibly after we are done: restoring at once
   * could make a slow client read the restored (empty) key. Restored on close() at the latest.
   */
  restoreDelayMs?: number;
  /** Pause after changing the mapping, before pressing the borrowed keys (clients reload their keymap). */
  mappingSettleMs?: number;
}

interface Connection {
  client: XClient;
  xtest: XTest;
  root: number;
  table: KeyboardTable;
  shiftKeycode: number | undefined;
  shiftKeycodes: Set<number>;
  /** Set when the socket ended or failed: the next call reconnects. */
  dead: boolean;
  /** A protocol error reported for a request without a callback (e.g. a FakeInput the server refused). */
  protocolError: XError | null;
}

const BUTTONS = { left: 1, middle: 2, right: 3 } as const;
// X wheel buttons: 4 up, 5 down, 6 left, 7 right; one press+release per notch.
const WHEEL = { up: 4, down: 5, left: 6, right: 7 } as const;
const INT16_MIN = -32768;
const INT16_MAX = 32767;
/** Pause before a borrowed keycode is reused within one long text, for the same reason as restoreDelayMs. */
const REUSE_PAUSE_MS = 100;

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function reply<T>(send: (callback: (error: XError | null | undefined, result: T) => boolean) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    send((error, result) => {
      if (error) reject(error);
      else resolve(result);
      return true; // handled: x11 must not re-emit it as an 'error' event
    });
  });
}

function connectError(display: string, error: unknown): InjectionError {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  const message = error instanceof Error ? error.message : String(error);
  if (code === 'ECONNREFUSED' || code === 'ENOENT' || code === 'EHOSTUNREACH' || /closed before setup/.test(message)) {
    return new InjectionError('no-display', `cannot reach the X display ${display} (${code || message})`);
  }
  return new InjectionError('failed', `cannot use the X display ${display}: ${message}`);
}

async function connect(options: X11InjectorOptions): Promise<Connection> {
  const { display, log } = options;
  if (!display) throw new InjectionError('no-display', 'DISPLAY is not set');
  const x11 = (await import('x11')).default;
  const timeoutMs = options.connectTimeoutMs ?? 2000;
  let client: XClient | undefined;
  // One 'error' listener for the whole life of the client, attached before any I/O: without
  // it an 'error' event would throw inside x11's socket handler and take main down. What it
  // does depends on the phase (setup, then connected).
  let onError: (error: XError) => void = () => undefined;
  let onEnd: () => void = () => undefined;
  const screen = await new Promise<{ root: number; min: number; max: number }>((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new InjectionError('no-display', `the X display ${display} did not answer within ${timeoutMs} ms`));
      client?.terminate();
    }, timeoutMs);
    onError = (error) => {
      clearTimeout(timer);
      reject(connectError(display, error));
    };
    try {
      client = x11.createClient({ display }, (error, info) => {
        clearTimeout(timer);
        const first = info?.screen[0];
        if (error || !first) reject(connectError(display, error ?? new Error('the display has no screen')));
        else resolve({ root: first.root, min: info.min_keycode, max: info.max_keycode });
      });
      client.on('error', (error: XError) => onError(error));
      client.on('end', () => onEnd());
    } catch (error) {
      onError(error instanceof Error ? error : new Error(String(error)));
    }
  });
  if (!client) throw new InjectionError('failed', 'no X client');
  const xclient = client;
  let setupError: XError | null = null;
  onError = (error) => { setupError ??= error; };
  try {
    const xtest = await new Promise<XTest>((resolve, reject) => {
      xclient.require('xtest', (error, ext) => (error ? reject(new InjectionError('failed', 'the X server has no XTEST extension')) : resolve(ext)));
    });
    const rows = await reply<number[][]>((cb) => xclient.GetKeyboardMapping(screen.min, screen.max - screen.min + 1, cb));
    if (setupError) throw connectError(display, setupError);
    const table = new KeyboardTable(screen.min, rows[0]?.length ?? 0, rows);
    const connection: Connection = {
      client: xclient,
      xtest,
      root: screen.root,
      table,
      shiftKeycode: table.find(XK_SHIFT_L)?.keycode,
      shiftKeycodes: table.shiftKeycodes(),
      dead: false,
      protocolError: null,
    };
    onError = (error) => {
      // A protocol error (numeric code) refuses one request; anything else is the socket.
      if (typeof error.error === 'number') connection.protocolError ??= error;
      else connection.dead = true;
      log.warn('input.x11-error', { message: error.message, code: error.code ?? error.error ?? null });
    };
    onEnd = () => {
      connection.dead = true;
    };
    return connection;
  } catch (error) {
    xclient.terminate();
    throw error instanceof InjectionError ? error : connectError(display, error);
  }
}

export function createX11Injector(options: X11InjectorOptions): InjectorBackend {
  const restoreDelayMs = options.restoreDelayMs ?? 250;
  const mappingSettleMs = options.mappingSettleMs ?? 60;
  let connection: Promise<Connection> | null = null;
  const heldKeys = new Set<number>();
  const heldButtons = new Set<number>();
  /** Borrowed keycodes: keysym → keycode, currently on the server. */
  const borrowed = new Map<number, number>();
  let restoreTimer: ReturnType<typeof setTimeout> | null = null;
  // The restore timer runs outside the caller's queue, so keep our own.
  let tail: Promise<unknown> = Promise.resolve();
  const serial = <T>(op: () => Promise<T>): Promise<T> => {
    const run = tail.then(op);
    tail = run.catch(() => undefined);
    return run;
  };

  const getConnection = async (): Promise<Connection> => {
    if (connection) {
      const current = await connection.catch(() => null);
      if (current && !current.dead) return current;
      current?.client.terminate();
      borrowed.clear(); // a new connection may be a new server: nothing of ours is mapped there
    }
    const attempt = connect(options);
    connection = attempt;
    attempt.catch(() => { if (connection === attempt) connection = null; });
    return attempt;
  };

  /** One round trip (GetInputFocus): every request before it has been applied, and its errors reported. */
  const sync = async (conn: Connection): Promise<void> => {
    await reply((cb) => conn.client.GetInputFocus(cb));
    const error = conn.protocolError;
    conn.protocolError = null;
    if (error) throw new InjectionError('failed', `the X server refused the input: ${error.message}`);
    if (conn.dead) throw new InjectionError('no-display', 'the connection to the X display was lost');
  };

  const fake = (conn: Connection, type: number, detail: number, x = 0, y = 0) => conn.xtest.FakeInput(type, detail, 0, conn.root, x, y);

  const key = (conn: Connection, keycode: number, down: boolean) => {
    fake(conn, down ? conn.xtest.KeyPress : conn.xtest.KeyRelease, keycode);
    if (down) heldKeys.add(keycode);
    else heldKeys.delete(keycode);
  };

  const keycodeFor = (conn: Connection, code: KeyCode): number => {
    const location = conn.table.findAny(xKeysyms(code) ?? []);
    if (!location) throw new InjectionError('not-supported', `this keyboard has no ${code} key`);
    return location.keycode;
  };

  const moveTo = (conn: Connection, nx: number, ny: number, rect: ScreenRect) => {
    const { x, y } = toPixel(nx, ny, rect);
    if (x < INT16_MIN || x > INT16_MAX || y < INT16_MIN || y > INT16_MAX) {
      throw new InjectionError('invalid-event', 'the screen rectangle is outside the X coordinate range');
    }
    // detail 0 = absolute motion on the given root window.
    fake(conn, conn.xtest.MotionNotify, 0, x, y);
  };

  const restoreBorrowed = async (): Promise<void> => {
    if (restoreTimer) clearTimeout(restoreTimer);
    restoreTimer = null;
    if (borrowed.size === 0 || !connection) return;
    const conn = await getConnection();
    for (const keycode of borrowed.values()) conn.client.ChangeKeyboardMapping(keycode, conn.table.keysymsPerKeycode, conn.table.row(keycode));
    borrowed.clear();
    await sync(conn);
  };

  const scheduleRestore = () => {
    if (restoreTimer) clearTimeout(restoreTimer);
    restoreTimer = setTimeout(() => {
      serial(restoreBorrowed).catch((error: unknown) => {
        options.log.warn('input.x11-restore-failed', { message: error instanceof Error ? error.message : String(error) });
      });
    }, restoreDelayMs);
    restoreTimer.unref?.();
  };

  const typeText = async (conn: Connection, text: string): Promise<void> => {
    const spare = conn.table.spareKeycodes();
    if (spare.length === 0) throw new InjectionError('not-supported', 'the keyboard has no free keycode to type characters it lacks');
    // Shift held by the consultant would turn every character into its shifted one: lift it while typing.
    const liftedShift = [...heldKeys].filter((keycode) => conn.shiftKeycodes.has(keycode));
    for (const keycode of liftedShift) key(conn, keycode, false);

    let pending: KeyLocation[] = [];
    let toMap: [keycode: number, keysym: number][] = [];
    const flush = async () => {
      for (const [keycode, keysym] of toMap) {
        const row = new Array<number>(conn.table.keysymsPerKeycode).fill(0);
        // The same keysym on both levels: the character comes out whatever Shift says.
        row[0] = keysym;
        if (row.length > 1) row[1] = keysym;
        conn.client.ChangeKeyboardMapping(keycode, conn.table.keysymsPerKeycode, row);
      }
      // The server must have applied the new mapping (and told every client) before the key press.
      // Clients then reload their keymap on their own time (Chromium asks the server for the
      // XKB map again): a key pressed before that reads the old, empty key and is lost or lands
      // out of order. Measured under CPU load, a round trip alone was not enough; a short pause is.
      if (toMap.length > 0) {
        await sync(conn);
        await delay(mappingSettleMs);
      }
      for (const { keycode, shift } of pending) {
        if (shift && conn.shiftKeycode !== undefined) fake(conn, conn.xtest.KeyPress, conn.shiftKeycode);
        fake(conn, conn.xtest.KeyPress, keycode);
        fake(conn, conn.xtest.KeyRelease, keycode);
        if (shift && conn.shiftKeycode !== undefined) fake(conn, conn.xtest.KeyRelease, conn.shiftKeycode);
      }
      pending = [];
      toMap = [];
    };

    for (const char of text) {
      const keysym = keysymForCodePoint(char.codePointAt(0) ?? 0);
      const onKeyboard = conn.table.find(keysym);
      if (onKeyboard && (!onKeyboard.shift || conn.shiftKeycode !== undefined)) {
        pending.push(onKeyboard);
        continue;
      }
      let keycode = borrowed.get(keysym);
      if (keycode === undefined) {
        const inUse = new Set(borrowed.values());
        keycode = spare.find((candidate) => !inUse.has(candidate));
        if (keycode === undefined) {
          // More distinct characters than free keycodes: type what we have, then start over.
          await flush();
          await delay(REUSE_PAUSE_MS);
          await restoreBorrowed();
          keycode = spare[0] ?? 0;
        }
        borrowed.set(keysym, keycode);
        toMap.push([keycode, keysym]);
      }
      pending.push({ keycode, shift: false });
    }
    await flush();
    for (const keycode of liftedShift) key(conn, keycode, true);
    if (borrowed.size > 0) scheduleRestore();
  };

  const injectOn = async (conn: Connection, event: InputEvent, rect: ScreenRect, more: boolean): Promise<void> => {
    const { xtest } = conn;
    switch (event.type) {
      case 'move':
        moveTo(conn, event.x, event.y, rect);
        break;
      case 'button': {
        const button = BUTTONS[event.button];
        moveTo(conn, event.x, event.y, rect);
        fake(conn, event.down ? xtest.ButtonPress : xtest.ButtonRelease, button);
        if (event.down) heldButtons.add(button);
        else heldButtons.delete(button);
        break;
      }
      case 'wheel': {
        const vertical = wheelSteps(event.dy);
        const horizontal = wheelSteps(event.dx);
        const clicks = (button: number, count: number) => {
          for (let i = 0; i < count; i += 1) {
            fake(conn, xtest.ButtonPress, button);
            fake(conn, xtest.ButtonRelease, button);
          }
        };
        // CSS: positive deltaY scrolls down, positive deltaX scrolls right.
        clicks(vertical > 0 ? WHEEL.down : WHEEL.up, Math.abs(vertical));
        clicks(horizontal > 0 ? WHEEL.right : WHEEL.left, Math.abs(horizontal));
        break;
      }
      case 'key':
        key(conn, keycodeFor(conn, event.code), event.down);
        break;
      case 'combo': {
        const plan = comboKeys(event.combo, 'x11');
        if (!plan.ok) throw new InjectionError('not-supported', plan.detail);
        // Resolve every key before pressing any, so a missing key cannot leave a modifier down.
        const keycodes = plan.keys.map((code) => keycodeFor(conn, code));
        for (const keycode of keycodes) key(conn, keycode, true);
        for (const keycode of [...keycodes].reverse()) key(conn, keycode, false);
        break;
      }
      case 'text':
        await typeText(conn, event.text);
        break;
    }
    // The last event of a burst confirms the whole burst (and reports an error in it).
    if (!more) await sync(conn);
  };

  return {
    availability: () =>
      serial(async () => {
        await getConnection();
        return { available: true } as const;
      }),

    inject: (event, rect, options) => serial(async () => injectOn(await getConnection(), event, rect, options?.more === true)),

    releaseAll: () =>
      serial(async () => {
        if (heldKeys.size === 0 && heldButtons.size === 0) return;
        const conn = await getConnection();
        for (const keycode of [...heldKeys].reverse()) key(conn, keycode, false);
        for (const button of heldButtons) fake(conn, conn.xtest.ButtonRelease, button);
        heldButtons.clear();
        await sync(conn);
      }),

    close: () =>
      serial(async () => {
        const current = connection;
        connection = null;
        const conn = current ? await current.catch(() => null) : null;
        if (!conn) return;
        try {
          if (!conn.dead) {
            connection = Promise.resolve(conn); // restoreBorrowed needs it
            await restoreBorrowed();
          }
        } finally {
          connection = null;
          if (restoreTimer) clearTimeout(restoreTimer);
          await new Promise<void>((resolve) => {
            if (conn.dead) return resolve();
            conn.client.close(() => resolve());
            setTimeout(resolve, 500).unref?.();
          });
          if (!conn.dead) conn.client.terminate();
        }
      }),
  };
}
