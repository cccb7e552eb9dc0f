import { describe, expect, it } from 'vitest';
import { KeyboardTranslator, type KeyLike } from './keyboard';

const key = (key: string, code: string, mods: Partial<KeyLike> = {}): KeyLike => ({
  key,
  code,
  ctrlKey: false,
  altKey: false,
  shiftKey: false,
  metaKey: false,
  ...mods,
});

describe('KeyboardTranslator', () => {
  it('lets text through as characters (the input field carries them)', () => {
    const keyboard = new KeyboardTranslator();
    expect(keyboard.keyDown(key('a', 'KeyA'))).toBeNull();
    expect(keyboard.keyDown(key('A', 'KeyA', { shiftKey: true }))).toBeNull();
    expect(keyboard.keyDown(key('!', 'Digit1', { shiftKey: true }))).toBeNull();
    expect(keyboard.keyDown(key('Dead', 'BracketLeft'))).toBeNull();
    expect(keyboard.keyDown(key('€', 'KeyE', { ctrlKey: true, altKey: true, getModifierState: (name) => name === 'AltGraph' }))).toBeNull();
  });

  it('sends shortcuts as physical keys with their modifiers pressed first, and releases them', () => {
    const keyboard = new KeyboardTranslator();
    expect(keyboard.keyDown(key('Control', 'ControlLeft', { ctrlKey: true }))).toEqual([]);
    expect(keyboard.keyDown(key('a', 'KeyA', { ctrlKey: true }))).toEqual([
      { type: 'key', code: 'ControlLeft', down: true },
      { type: 'key', code: 'KeyA', down: true },
    ]);
    expect(keyboard.keyUp(key('a', 'KeyA', { ctrlKey: true }))).toEqual([{ type: 'key', code: 'KeyA', down: false }]);
    expect(keyboard.keyUp(key('Control', 'ControlLeft'))).toEqual([{ type: 'key', code: 'ControlLeft', down: false }]);
  });

  it('sends non-text keys such as Backspace, Enter and Shift+Tab', () => {
    const keyboard = new KeyboardTranslator();
    expect(keyboard.keyDown(key('Backspace', 'Backspace'))).toEqual([{ type: 'key', code: 'Backspace', down: true }]);
    expect(keyboard.keyDown(key('Tab', 'Tab', { shiftKey: true }))).toEqual([
      { type: 'key', code: 'ShiftLeft', down: true },
      { type: 'key', code: 'Tab', down: true },
    ]);
  });

  it('ignores keys outside the allow-list and releases everything still held', () => {
    const keyboard = new KeyboardTranslator();
    expect(keyboard.keyDown(key('AudioVolumeUp', 'AudioVolumeUp'))).toEqual([]);
    keyboard.keyDown(key('ArrowUp', 'ArrowUp', { altKey: true }));
    expect(keyboard.releaseAll()).toEqual([
      { type: 'key', code: 'AltLeft', down: false },
      { type: 'key', code: 'ArrowUp', down: false },
    ]);
    expect(keyboard.releaseAll()).toEqual([]);
  });
});
