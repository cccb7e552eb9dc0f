/**
 * The X server's core keyboard mapping as a lookup table: which keycode (and whether Shift)
 * produces a keysym, and which keycodes carry no keysym at all and so can be borrowed to type
 * characters the keyboard does not have. Pure: built from a GetKeyboardMapping reply.
 */

export interface KeyLocation {
  keycode: number;
  /** The keysym is on the shifted level (column 1) of that key. */
  shift: boolean;
}

export const XK_SHIFT_L = 0xffe1;
export const XK_SHIFT_R = 0xffe2;

function isLowerLatin(keysym: number): boolean {
  return keysym >= 0x61 && keysym <= 0x7a;
}

export class KeyboardTable {
  private readonly locations = new Map<number, KeyLocation>();

  /** rows[i] holds the keysyms of keycode minKeycode + i; only group 1 (columns 0 and 1) counts. */
  constructor(
    readonly minKeycode: number,
    readonly keysymsPerKeycode: number,
    private readonly rows: readonly (readonly number[])[],
  ) {
    rows.forEach((row, index) => {
      const keycode = minKeycode + index;
      const [plain = 0, shifted = 0] = row;
      // Core protocol rule: a lone lowercase letter also stands for its uppercase on the shifted level.
      const upper = shifted === 0 && isLowerLatin(plain) ? plain - 0x20 : shifted;
      // Unshifted wins over shifted, and the lowest keycode wins: both keep typing predictable.
      const known = this.locations.get(plain);
      if (plain !== 0 && (!known || known.shift)) this.locations.set(plain, { keycode, shift: false });
      if (upper !== 0 && !this.locations.has(upper)) this.locations.set(upper, { keycode, shift: true });
    });
  }

  find(keysym: number): KeyLocation | undefined {
    return this.locations.get(keysym);
  }

  /** The first keysym of the list the keyboard has, as a keycode (the level does not matter for a physical key). */
  findAny(keysyms: readonly number[]): KeyLocation | undefined {
    for (const keysym of keysyms) {
      const location = this.find(keysym);
      if (location) return location;
    }
    return undefined;
  }

  /** Keycodes with no keysym at all, highest first: borrowing them changes nothing the user can type. */
  spareKeycodes(): number[] {
    const spare: number[] = [];
    this.rows.forEach((row, index) => {
      if (row.every((keysym) => keysym === 0)) spare.push(this.minKeycode + index);
    });
    return spare.reverse();
  }

  /** The original keysyms of a keycode, padded to keysymsPerKeycode, for restoring it. */
  row(keycode: number): number[] {
    const row = this.rows[keycode - this.minKeycode] ?? [];
    return Array.from({ length: this.keysymsPerKeycode }, (_, index) => row[index] ?? 0);
  }

  /** Keycodes that carry Shift_L or Shift_R. */
  shiftKeycodes(): Set<number> {
    const codes = new Set<number>();
    this.rows.forEach((row, index) => {
      if (row.includes(XK_SHIFT_L) || row.includes(XK_SHIFT_R)) codes.add(this.minKeycode + index);
    });
    return codes;
  }
}
