/**
 * Windows (SendInput) and macOS (CGEvent) injection through `@jitsi/robotjs`, a native N-API
 * module loaded only when first needed. Never used on Linux: robot modules segfault without a
 * reachable X display, which would take the main process down (RECIPES "Input injection").
 * Its calls are synchronous and short; the key and mouse delays robotjs sleeps after every
 * action by default are turned off so the main thread never sleeps in them.
 */
import type { InputEvent, KeyCode } from '../../../shared/control';
import type { Logger } from '../../../shared/log';
import { InjectionError, type InjectorBackend, type ScreenRect } from './injection';
import { comboKeys, robotKeyName } from './keymap';
import { MAX_WHEEL_STEPS, WHEEL_STEP_PX, toPixel, wheelSteps } from './mapping';

/** Exactly the part of robotjs we call. */
export interface RobotModule {
  moveMouse(x: number, y: number): void;
  mouseToggle(down: 'down' | 'up', button: 'left' | 'middle' | 'right'): void;
  /** robotjs convention: positive y scrolls up, positive x scrolls left. */
  scrollMouse(x: number, y: number): void;
  keyToggle(key: string, down: 'down' | 'up'): void;
  typeString(text: string): void;
  unicodeTap(codeUnit: number): void;
  setKeyboardDelay(ms: number): void;
  setMouseDelay(ms: number): void;
}

const ROBOT_FUNCTIONS = ['moveMouse', 'mouseToggle', 'scrollMouse', 'keyToggle', 'typeString', 'unicodeTap', 'setKeyboardDelay', 'setMouseDelay'] as const;

function isRobotModule(value: unknown): value is RobotModule {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return ROBOT_FUNCTIONS.every((name) => typeof record[name] === 'function');
}

/** Loads the native module; a missing or broken install becomes an InjectionError, not a crash. */
export async function loadRobotModule(): Promise<RobotModule> {
  let loaded: unknown;
  try {
    loaded = await import('@jitsi/robotjs');
  } catch (error) {
    throw new InjectionError('failed', `the input module could not be loaded: ${error instanceof Error ? error.message : String(error)}`);
  }
  const candidate: unknown = typeof loaded === 'object' && loaded !== null && 'default' in loaded ? loaded.default : loaded;
  if (!isRobotModule(candidate)) throw new InjectionError('failed', 'the input module is not the expected version');
  return candidate;
}

export interface RobotInjectorOptions {
  platform: 'win32' | 'darwin';
  robot: RobotModule;
  log: Logger;
}

/** Windows counts wheel movement in 1/120 notches (WHEEL_DELTA); macOS takes pixels. */
const WINDOWS_WHEEL_DELTA = 120;

export function wheelAmount(platform: 'win32' | 'darwin', delta: number): number {
  if (platform === 'win32') return -wheelSteps(delta) * WINDOWS_WHEEL_DELTA;
  const cap = MAX_WHEEL_STEPS * WHEEL_STEP_PX;
  // Negated: robotjs scrolls up for positive values, CSS scrolls down for positive deltas.
  return -Math.max(-cap, Math.min(cap, Math.round(delta)));
}

export function createRobotInjector({ platform, robot }: RobotInjectorOptions): InjectorBackend {
  robot.setKeyboardDelay(0);
  robot.setMouseDelay(0);
  const heldKeys = new Set<string>();
  const heldButtons = new Set<'left' | 'middle' | 'right'>();

  const keyName = (code: KeyCode): string => {
    const result = robotKeyName(code, platform);
    if (!result.ok) throw new InjectionError('not-supported', result.detail);
    return result.name;
  };

  const toggleKey = (name: string, down: boolean) => {
    robot.keyToggle(name, down ? 'down' : 'up');
    if (down) heldKeys.add(name);
    else heldKeys.delete(name);
  };

  const moveTo = (nx: number, ny: number, rect: ScreenRect) => {
    const { x, y } = toPixel(nx, ny, rect);
    robot.moveMouse(x, y);
  };

  /** typeString reads UTF-8 into 16-bit units, so characters beyond the BMP go as their two surrogates. */
  const typeText = (text: string) => {
    let run = '';
    for (const char of text) {
      if ((char.codePointAt(0) ?? 0) <= 0xffff) {
        run += char;
        continue;
      }
      if (run) robot.typeString(run);
      run = '';
      for (let i = 0; i < char.length; i += 1) robot.unicodeTap(char.charCodeAt(i));
    }
    if (run) robot.typeString(run);
  };

  const inject = (event: InputEvent, rect: ScreenRect): void => {
    switch (event.type) {
      case 'move':
        moveTo(event.x, event.y, rect);
        return;
      case 'button':
        moveTo(event.x, event.y, rect);
        robot.mouseToggle(event.down ? 'down' : 'up', event.button);
        if (event.down) heldButtons.add(event.button);
        else heldButtons.delete(event.button);
        return;
      case 'wheel': {
        const x = wheelAmount(platform, event.dx);
        const y = wheelAmount(platform, event.dy);
        if (x !== 0 || y !== 0) robot.scrollMouse(x, y);
        return;
      }
      case 'key':
        toggleKey(keyName(event.code), event.down);
        return;
      case 'combo': {
        const plan = comboKeys(event.combo, platform);
        if (!plan.ok) throw new InjectionError('not-supported', plan.detail);
        // Resolve every name before pressing anything, so a failure cannot leave a modifier down.
        const names = plan.keys.map(keyName);
        for (const name of names) toggleKey(name, true);
        for (const name of [...names].reverse()) toggleKey(name, false);
        return;
      }
      case 'text':
        typeText(event.text);
        return;
    }
  };

  return {
    availability: () => Promise.resolve({ available: true }),
    // Promise executors turn a throwing native call into a rejection.
    inject: (event, rect) => new Promise<void>((resolve) => {
      inject(event, rect);
      resolve();
    }),
    releaseAll: () => new Promise<void>((resolve) => {
      const keys = [...heldKeys].reverse();
      const buttons = [...heldButtons];
      heldKeys.clear();
      heldButtons.clear();
      for (const name of keys) robot.keyToggle(name, 'up');
      for (const button of buttons) robot.mouseToggle('up', button);
      resolve();
    }),
    close: () => Promise.resolve(),
  };
}
