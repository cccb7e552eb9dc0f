/**
 * Physical keys (KeyboardEvent.code) and menu combos → what each platform's injector presses.
 * Pure tables; keymap.test.ts checks that every KEY_CODES entry and every COMBO has an answer
 * on every platform.
 */
import type { Combo, KeyCode } from '../../../shared/control';

export type InjectorPlatform = 'x11' | 'win32' | 'darwin';

/** Keys that are not letters, digits or F-keys: the tables below must name every one (checked by tsc). */
type NamedKey = Exclude<KeyCode, `Key${string}` | `Digit${string}` | `F${number}`>;

/** X keysyms (keysymdef.h) for the keys that are not letters, digits or F-keys. */
// Maps, not object literals: a lookup of '__proto__' or 'constructor' must find nothing.
const X_NAMED: ReadonlyMap<string, readonly number[]> = new Map(Object.entries({
  Enter: [0xff0d], Escape: [0xff1b], Backspace: [0xff08], Tab: [0xff09], Space: [0x20],
  Delete: [0xffff], Insert: [0xff63], Home: [0xff50], End: [0xff57], PageUp: [0xff55], PageDown: [0xff56],
  ArrowUp: [0xff52], ArrowDown: [0xff54], ArrowLeft: [0xff51], ArrowRight: [0xff53],
  CapsLock: [0xffe5], PrintScreen: [0xff61], ContextMenu: [0xff67],
  ShiftLeft: [0xffe1], ShiftRight: [0xffe2], ControlLeft: [0xffe3], ControlRight: [0xffe4],
  // Layouts differ on the right-hand keys: fall back to what a common layout has there.
  AltLeft: [0xffe9], AltRight: [0xffea, 0xfe03 /* ISO_Level3_Shift (AltGr) */],
  MetaLeft: [0xffeb /* Super_L */, 0xffe7 /* Meta_L */], MetaRight: [0xffec, 0xffeb],
  Minus: [0x2d], Equal: [0x3d], BracketLeft: [0x5b], BracketRight: [0x5d], Backslash: [0x5c],
  Semicolon: [0x3b], Quote: [0x27], Backquote: [0x60], Comma: [0x2c], Period: [0x2e], Slash: [0x2f],
  NumpadEnter: [0xff8d /* KP_Enter */, 0xff0d],
} satisfies Record<NamedKey, readonly number[]>));

/** Keysyms to try, in order, for a key on X11 (the first one the keyboard has wins). */
export function xKeysyms(code: KeyCode): readonly number[] | undefined {
  const letter = /^Key([A-Z])$/.exec(code)?.[1];
  if (letter) return [letter.toLowerCase().charCodeAt(0)];
  const digit = /^Digit([0-9])$/.exec(code)?.[1];
  if (digit) return [digit.charCodeAt(0)];
  const fn = /^F([1-9]|1[0-2])$/.exec(code)?.[1];
  if (fn) return [0xffbe + Number(fn) - 1];
  return X_NAMED.get(code);
}

/** robotjs key names (see its robotjs.cc key_names table) for the non-character keys. */
const ROBOT_NAMED: ReadonlyMap<string, string> = new Map(Object.entries({
  Enter: 'enter', Escape: 'escape', Backspace: 'backspace', Tab: 'tab', Space: 'space', Delete: 'delete',
  Insert: 'insert', Home: 'home', End: 'end', PageUp: 'pageup', PageDown: 'pagedown',
  ArrowUp: 'up', ArrowDown: 'down', ArrowLeft: 'left', ArrowRight: 'right', CapsLock: 'capslock',
  PrintScreen: 'printscreen', ContextMenu: 'menu',
  ShiftLeft: 'shift', ShiftRight: 'right_shift', ControlLeft: 'control', ControlRight: 'right_control',
  AltLeft: 'alt', AltRight: 'right_alt', MetaLeft: 'command', MetaRight: 'command',
  Minus: '-', Equal: '=', BracketLeft: '[', BracketRight: ']', Backslash: '\\', Semicolon: ';', Quote: "'",
  Backquote: '`', Comma: ',', Period: '.', Slash: '/', NumpadEnter: 'enter',
} satisfies Record<NamedKey, string>));

/** robotjs maps these names to "not a key" on macOS (Mac keyboards have no such key). */
const MAC_MISSING: ReadonlyMap<string, string> = new Map(Object.entries({
  Insert: 'Mac keyboards have no Insert key',
  PrintScreen: 'Mac keyboards have no Print Screen key; use the print-screen combo (Cmd+Shift+3)',
  ContextMenu: 'Mac keyboards have no menu key',
}));

export type KeyNameResult = { ok: true; name: string } | { ok: false; detail: string };

/** robotjs key name for a key on Windows or macOS. */
export function robotKeyName(code: KeyCode, platform: 'win32' | 'darwin'): KeyNameResult {
  const missing = platform === 'darwin' ? MAC_MISSING.get(code) : undefined;
  if (missing) return { ok: false, detail: missing };
  const letter = /^Key([A-Z])$/.exec(code)?.[1];
  if (letter) return { ok: true, name: letter.toLowerCase() };
  const digit = /^Digit([0-9])$/.exec(code)?.[1];
  if (digit) return { ok: true, name: digit };
  const fn = /^F([1-9]|1[0-2])$/.exec(code)?.[1];
  if (fn) return { ok: true, name: `f${fn}` };
  const name = ROBOT_NAMED.get(code);
  return name ? { ok: true, name } : { ok: false, detail: `no key name for ${code}` };
}

export type ComboPlan = { ok: true; keys: readonly KeyCode[] } | { ok: false; detail: string };

/**
 * A combo as keys pressed in order and released in reverse. macOS gets its own equivalents
 * (Force Quit, Cmd+Tab, Cmd+W, Spotlight, screenshot), since the PC chords mean nothing there.
 */
export function comboKeys(combo: Combo, platform: InjectorPlatform): ComboPlan {
  const mac = platform === 'darwin';
  switch (combo) {
    case 'ctrl-alt-delete':
      // Windows reserves the Secure Attention Sequence: SendInput cannot produce it (only
      // SendSAS from a service, with a machine policy allowing it). Say so instead of sending
      // a chord that silently does nothing.
      if (platform === 'win32') {
        return { ok: false, detail: 'Windows does not let applications send Ctrl+Alt+Delete; the user has to press it' };
      }
      return { ok: true, keys: mac ? ['MetaLeft', 'AltLeft', 'Escape'] : ['ControlLeft', 'AltLeft', 'Delete'] };
    case 'alt-tab':
      return { ok: true, keys: [mac ? 'MetaLeft' : 'AltLeft', 'Tab'] };
    case 'alt-f4':
      return { ok: true, keys: mac ? ['MetaLeft', 'KeyW'] : ['AltLeft', 'F4'] };
    case 'meta':
      return { ok: true, keys: ['MetaLeft'] };
    case 'ctrl-escape':
      return { ok: true, keys: mac ? ['MetaLeft', 'Space'] : ['ControlLeft', 'Escape'] };
    case 'print-screen':
      return { ok: true, keys: mac ? ['MetaLeft', 'ShiftLeft', 'Digit3'] : ['PrintScreen'] };
  }
}

/**
 * The X keysym that types one Unicode code point: Latin-1 keysyms equal their code point,
 * everything else uses the Unicode keysym range 0x01000000 + code point.
 */
export function keysymForCodePoint(codePoint: number): number {
  if ((codePoint >= 0x20 && codePoint <= 0x7e) || (codePoint >= 0xa0 && codePoint <= 0xff)) return codePoint;
  return 0x01000000 + codePoint;
}
