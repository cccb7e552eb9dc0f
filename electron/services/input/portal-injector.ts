/**
 * Wayland injection through the xdg-desktop-portal RemoteDesktop interface (GNOME, KDE): the
 * desktop itself injects, after the person agrees in the desktop's own dialog. Wayland gives
 * applications no other way; where the portal is missing the desktop allows viewing and
 * guiding only, and that is what availability() says.
 *
 * One portal session per grant of control: begin() creates it (the desktop's dialog shows),
 * releaseAll() at the end of control closes it, so no injection right outlives Tandem's consent.
 */
import {
  createSessionResultsSchema,
  DEVICE_KEYBOARD,
  DEVICE_POINTER,
  SOURCE_MONITOR,
  startResultsSchema,
  waylandAbilities,
} from '../../../shared/desktop-portal';
import type { InputEvent, KeyCode } from '../../../shared/control';
import type { Logger } from '../../../shared/log';
import { bool, connectPortal, PortalError, REMOTE_DESKTOP, SCREEN_CAST, token, uint32, type PortalBus } from '../portal/portal-bus';
import { readPortalPresence } from '../portal/portal-presence';
import { InjectionError, type InjectorBackend } from './injection';
import { comboKeys, keysymForCodePoint, xKeysyms } from './keymap';
import { toPixel, wheelSteps, WHEEL_STEP_PX } from './mapping';

export const VIEW_ONLY_DETAIL = 'this desktop allows viewing and guiding only: it offers no way for an application to control it';

export interface PortalInjectorOptions {
  busAddress: string | undefined;
  log: Logger;
  /** Tests: a bus already connected to their own desktop. */
  connect?: () => PortalBus;
}

interface PortalSession {
  handle: string;
  /** The PipeWire node absolute pointer motion refers to, and its size in the compositor's logical pixels. */
  stream: number;
  width: number;
  height: number;
}

// Linux input event codes (linux/input-event-codes.h), what NotifyPointerButton takes.
const BUTTONS = { left: 0x110, right: 0x111, middle: 0x112 } as const;
const PRESSED = 1;
const RELEASED = 0;
const XK_SHIFT_L = 0xffe1;

function keysymFor(code: KeyCode): number {
  const keysym = xKeysyms(code)?.[0];
  if (keysym === undefined) throw new InjectionError('not-supported', `no keysym for ${code}`);
  return keysym;
}

function fromPortal(error: unknown, what: string): InjectionError {
  if (error instanceof InjectionError) return error;
  if (error instanceof PortalError) {
    if (error.failure === 'cancelled') return new InjectionError('declined', `the person did not allow ${what} in the desktop’s dialog`);
    if (error.failure === 'absent') return new InjectionError('wayland', VIEW_ONLY_DETAIL);
    return new InjectionError('failed', `${what}: ${error.message}`);
  }
  return new InjectionError('failed', `${what}: ${error instanceof Error ? error.message : String(error)}`);
}

export function createPortalInjector(options: PortalInjectorOptions): InjectorBackend {
  let bus: PortalBus | null = null;
  let session: PortalSession | null = null;
  const heldKeysyms = new Set<number>();
  const heldButtons = new Set<number>();

  const getBus = (): PortalBus => {
    bus ??= options.connect ? options.connect() : connectPortal({ busAddress: options.busAddress });
    return bus;
  };

  const notify = (member: string, signature: string, args: unknown[]) => {
    if (!session) throw new InjectionError('failed', 'control has not started on this desktop');
    return getBus().call(REMOTE_DESKTOP, member, signature, [session.handle, {}, ...args]);
  };
  const keysym = async (value: number, down: boolean) => {
    await notify('NotifyKeyboardKeysym', 'oa{sv}iu', [value, down ? PRESSED : RELEASED]);
    if (down) heldKeysyms.add(value);
    else heldKeysyms.delete(value);
  };
  const moveTo = (nx: number, ny: number) => {
    if (!session) throw new InjectionError('failed', 'control has not started on this desktop');
    const { x, y } = toPixel(nx, ny, { x: 0, y: 0, width: session.width, height: session.height });
    return notify('NotifyPointerMotionAbsolute', 'oa{sv}udd', [session.stream, x, y]);
  };

  const start = async (): Promise<PortalSession> => {
    const portal = getBus();
    const created = createSessionResultsSchema.safeParse(await portal.request(REMOTE_DESKTOP, 'CreateSession', 'a{sv}', [], { session_handle_token: token() }));
    if (!created.success) throw new InjectionError('failed', 'the desktop portal returned no session');
    const handle = created.data.session_handle;
    try {
      await portal.request(REMOTE_DESKTOP, 'SelectDevices', 'oa{sv}', [handle], { types: uint32(DEVICE_KEYBOARD | DEVICE_POINTER) });
      // Absolute pointer positions refer to a screen-cast stream of this same session: the
      // person picks the monitor in the desktop's dialog (the one they share, on one monitor).
      await portal.request(SCREEN_CAST, 'SelectSources', 'oa{sv}', [handle], { types: uint32(SOURCE_MONITOR), multiple: bool(false) });
      const started = startResultsSchema.safeParse(await portal.request(REMOTE_DESKTOP, 'Start', 'osa{sv}', [handle, ''], {}));
      if (!started.success) throw new InjectionError('failed', 'the desktop portal answered Start with something unexpected');
      const devices = started.data.devices ?? 0;
      const [stream] = started.data.streams ?? [];
      // The person may switch "Allow remote interaction" off and still press Share.
      if ((devices & DEVICE_KEYBOARD) === 0 || (devices & DEVICE_POINTER) === 0 || !stream) {
        throw new InjectionError('declined', 'the person shared the screen with the desktop but did not allow remote interaction');
      }
      const [width, height] = stream[1].size ?? [0, 0];
      if (width < 1 || height < 1) throw new InjectionError('failed', 'the desktop portal gave no size for the controlled screen');
      return { handle, stream: stream[0], width, height };
    } catch (error) {
      await portal.closeSession(handle);
      throw error;
    }
  };

  const inject = async (event: InputEvent): Promise<void> => {
    switch (event.type) {
      case 'move':
        await moveTo(event.x, event.y);
        break;
      case 'button': {
        const button = BUTTONS[event.button];
        await moveTo(event.x, event.y);
        await notify('NotifyPointerButton', 'oa{sv}iu', [button, event.down ? PRESSED : RELEASED]);
        if (event.down) heldButtons.add(button);
        else heldButtons.delete(button);
        break;
      }
      case 'wheel': {
        // Whole notches, as on X11, so one message cannot scroll a document away; the portal
        // takes them as logical pixels (the same CSS-pixel step per notch).
        const dy = wheelSteps(event.dy) * WHEEL_STEP_PX;
        const dx = wheelSteps(event.dx) * WHEEL_STEP_PX;
        if (dx !== 0 || dy !== 0) await getBus().call(REMOTE_DESKTOP, 'NotifyPointerAxis', 'oa{sv}dd', [session?.handle, { finish: bool(true) }, dx, dy]);
        break;
      }
      case 'key':
        await keysym(keysymFor(event.code), event.down);
        break;
      case 'combo': {
        const plan = comboKeys(event.combo, 'x11');
        if (!plan.ok) throw new InjectionError('not-supported', plan.detail);
        const keysyms = plan.keys.map(keysymFor);
        for (const value of keysyms) await keysym(value, true);
        for (const value of [...keysyms].reverse()) await keysym(value, false);
        break;
      }
      case 'text':
        // The compositor finds the key (and the Shift level) for each keysym on its own keymap.
        for (const char of event.text) {
          const value = keysymForCodePoint(char.codePointAt(0) ?? 0);
          await keysym(value, true);
          await keysym(value, false);
        }
        break;
    }
  };

  const releaseAll = async (): Promise<void> => {
    const current = session;
    if (!current) return;
    try {
      for (const value of [...heldKeysyms].reverse()) await keysym(value, false);
      for (const button of heldButtons) await notify('NotifyPointerButton', 'oa{sv}iu', [button, RELEASED]);
    } finally {
      heldKeysyms.clear();
      heldButtons.clear();
      session = null;
      // Closing the session takes the desktop's injection right away with Tandem's consent.
      await getBus().closeSession(current.handle);
    }
  };

  return {
    async availability() {
      let presence;
      try {
        presence = await readPortalPresence(getBus());
      } catch (error) {
        throw fromPortal(error, 'reading the desktop portal');
      }
      if (!waylandAbilities(presence).control) throw new InjectionError('wayland', VIEW_ONLY_DETAIL);
      return { available: true };
    },

    async begin() {
      if (session) return;
      try {
        session = await start();
      } catch (error) {
        throw fromPortal(error, 'remote control');
      }
      options.log.info('input.portal-session', { width: session.width, height: session.height });
      // Mutter drops the first key event of a fresh session (RECIPES "Wayland"): spend it on a Shift tap.
      await keysym(XK_SHIFT_L, true);
      await keysym(XK_SHIFT_L, false);
    },

    async inject(event) {
      if (!session) throw new InjectionError('failed', 'control has not started on this desktop');
      try {
        await inject(event);
      } catch (error) {
        throw fromPortal(error, `injecting ${event.type}`);
      }
    },

    releaseAll: () => releaseAll().catch((error: unknown) => options.log.warn('input.portal-release-failed', { reason: String(error) })),

    async close() {
      await releaseAll().catch(() => undefined);
      bus?.disconnect();
      bus = null;
    },
  };
}
