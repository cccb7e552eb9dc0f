import { describe, expect, it } from 'vitest';
import { KeyboardTable } from './x11-keyboard';

// keycodes 8..13 with 4 keysyms each, as GetKeyboardMapping returns them
const rows = [
  [0x61, 0x41, 0x61, 0x41], // 8: a A
  [0x32, 0x40, 0, 0], // 9: 2 @
  [0, 0, 0, 0], // 10: empty
  [0xffe1, 0, 0, 0], // 11: Shift_L
  [0x62, 0, 0, 0], // 12: lone b (implicitly B when shifted)
  [0, 0, 0, 0], // 13: empty
  [0x40, 0, 0, 0], // 14: @ unshifted on another key
];
const table = new KeyboardTable(8, 4, rows);

describe('KeyboardTable', () => {
  it('finds the key and level of a keysym', () => {
    expect(table.find(0x61)).toEqual({ keycode: 8, shift: false });
    expect(table.find(0x41)).toEqual({ keycode: 8, shift: true });
    expect(table.find(0x42)).toEqual({ keycode: 12, shift: true });
    expect(table.find(0xe9)).toBeUndefined();
  });

  it('prefers an unshifted key over a shifted one', () => {
    expect(table.find(0x40)).toEqual({ keycode: 14, shift: false });
  });

  it('lists empty keycodes highest first, finds Shift, and restores rows padded', () => {
    expect(table.spareKeycodes()).toEqual([13, 10]);
    expect([...table.shiftKeycodes()]).toEqual([11]);
    expect(table.row(9)).toEqual([0x32, 0x40, 0, 0]);
    expect(table.findAny([0xffec, 0xffe1])).toEqual({ keycode: 11, shift: false });
  });
});
