import { describe, expect, it } from 'vitest';
import { COMBOS, KEY_CODES, type KeyCode } from '../../../shared/control';
import { comboKeys, keysymForCodePoint, robotKeyName, xKeysyms, type InjectorPlatform } from './keymap';

const PLATFORMS: InjectorPlatform[] = ['x11', 'win32', 'darwin'];

describe('keys', () => {
  it.each(KEY_CODES)('%s has an X keysym', (code) => {
    const keysyms = xKeysyms(code);
    expect(keysyms?.length).toBeGreaterThan(0);
    for (const keysym of keysyms ?? []) expect(keysym).toBeGreaterThan(0);
  });

  it.each(KEY_CODES)('%s has a robotjs name on Windows', (code) => {
    expect(robotKeyName(code, 'win32')).toMatchObject({ ok: true });
  });

  it('has a robotjs name for every key on macOS but the three a Mac keyboard lacks', () => {
    const missing = KEY_CODES.filter((code) => !robotKeyName(code, 'darwin').ok);
    expect(missing).toEqual(['Insert', 'PrintScreen', 'ContextMenu']);
    for (const code of missing) expect(robotKeyName(code, 'darwin')).toMatchObject({ ok: false, detail: expect.stringMatching(/Mac/) as unknown });
  });

  it('maps representative keys to the expected values', () => {
    expect(xKeysyms('KeyA')).toEqual([0x61]);
    expect(xKeysyms('Digit0')).toEqual([0x30]);
    expect(xKeysyms('F1')).toEqual([0xffbe]);
    expect(xKeysyms('F12')).toEqual([0xffc9]);
    expect(xKeysyms('Backspace')).toEqual([0xff08]);
    expect(xKeysyms('Enter')).toEqual([0xff0d]);
    expect(robotKeyName('KeyQ', 'win32')).toEqual({ ok: true, name: 'q' });
    expect(robotKeyName('F12', 'darwin')).toEqual({ ok: true, name: 'f12' });
    expect(robotKeyName('ControlRight', 'win32')).toEqual({ ok: true, name: 'right_control' });
    expect(robotKeyName('Backslash', 'win32')).toEqual({ ok: true, name: '\\' });
  });

  it('rejects codes outside KEY_CODES', () => {
    // What an unvalidated caller could pass: the tables must not find inherited properties.
    const untrusted = (value: string) => value as KeyCode;
    expect(xKeysyms(untrusted('F13'))).toBeUndefined();
    expect(xKeysyms(untrusted('KeyAA'))).toBeUndefined();
    expect(robotKeyName(untrusted('__proto__'), 'win32')).toMatchObject({ ok: false });
    expect(xKeysyms(untrusted('__proto__'))).toBeUndefined();
    expect(xKeysyms(untrusted('constructor'))).toBeUndefined();
  });
});

describe('combos', () => {
  for (const platform of PLATFORMS) {
    it.each(COMBOS)(`%s on ${platform} is a chord of known keys, or a stated refusal`, (combo) => {
      const plan = comboKeys(combo, platform);
      if (!plan.ok) {
        expect([combo, platform]).toEqual(['ctrl-alt-delete', 'win32']);
        expect(plan.detail).toMatch(/Ctrl\+Alt\+Delete/);
        return;
      }
      expect(plan.keys.length).toBeGreaterThan(0);
      for (const code of plan.keys) {
        expect(KEY_CODES).toContain(code);
        if (platform === 'x11') expect(xKeysyms(code)).toBeDefined();
        else expect(robotKeyName(code, platform)).toMatchObject({ ok: true });
      }
    });
  }

  it('is the plain chord on X11 and the Mac equivalent on macOS', () => {
    expect(comboKeys('ctrl-alt-delete', 'x11')).toEqual({ ok: true, keys: ['ControlLeft', 'AltLeft', 'Delete'] });
    expect(comboKeys('alt-tab', 'win32')).toEqual({ ok: true, keys: ['AltLeft', 'Tab'] });
    expect(comboKeys('ctrl-alt-delete', 'darwin')).toEqual({ ok: true, keys: ['MetaLeft', 'AltLeft', 'Escape'] });
    expect(comboKeys('print-screen', 'darwin')).toEqual({ ok: true, keys: ['MetaLeft', 'ShiftLeft', 'Digit3'] });
  });
});

describe('keysymForCodePoint', () => {
  it('uses Latin-1 keysyms below 0x100 and the Unicode range above', () => {
    expect(keysymForCodePoint('a'.codePointAt(0) ?? 0)).toBe(0x61);
    expect(keysymForCodePoint('é'.codePointAt(0) ?? 0)).toBe(0xe9);
    expect(keysymForCodePoint('€'.codePointAt(0) ?? 0)).toBe(0x010020ac);
    expect(keysymForCodePoint('😀'.codePointAt(0) ?? 0)).toBe(0x0101f600);
    // Latin-1 control range has no keysym of its own.
    expect(keysymForCodePoint(0x85)).toBe(0x01000085);
  });
});
