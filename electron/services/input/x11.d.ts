/**
 * The slice of the pure-JS `x11@4.2.2` package (it ships no types) that the X11 injector and
 * its integration test use. Callbacks return true to tell x11 an error was handled.
 */
declare module 'x11' {
  import type { EventEmitter } from 'node:events';

  export interface XError extends Error {
    code?: string;
    error?: number;
  }

  export type XCallback<T> = (error: XError | null | undefined, result: T) => boolean | void;

  export interface XScreen {
    root: number;
    white_pixel: number;
    black_pixel: number;
    pixel_width: number;
    pixel_height: number;
  }

  export interface XDisplay {
    screen: XScreen[];
    min_keycode: number;
    max_keycode: number;
  }

  export interface XEvent {
    name?: string;
    type: number;
    /** KeyPress/KeyRelease: the keycode; ButtonPress/ButtonRelease: the button number. */
    keycode?: number;
    /** KeyPress/KeyRelease/ButtonPress/ButtonRelease: the modifier and button state mask. */
    buttons?: number;
    wid?: number;
    rootx?: number;
    rooty?: number;
  }

  export interface XPointer {
    root: number;
    rootX: number;
    rootY: number;
    keyMask: number;
  }

  export interface XTest {
    KeyPress: number;
    KeyRelease: number;
    ButtonPress: number;
    ButtonRelease: number;
    MotionNotify: number;
    FakeInput(type: number, detail: number, time: number, root: number, x: number, y: number): void;
  }

  export interface XClient extends EventEmitter {
    display: XDisplay;
    AllocID(): number;
    require(extension: 'xtest', callback: (error: XError | null | undefined, ext: XTest) => void): void;
    GetInputFocus(callback: XCallback<{ focus: number; revertTo: number }>): void;
    GetKeyboardMapping(firstKeycode: number, count: number, callback: XCallback<number[][]>): void;
    ChangeKeyboardMapping(firstKeycode: number, keysymsPerKeycode: number, keysyms: number[]): void;
    QueryPointer(window: number, callback: XCallback<XPointer>): void;
    CreateWindow(
      id: number, parent: number, x: number, y: number, width: number, height: number,
      borderWidth: number, depth: number, windowClass: number, visual: number,
      values: { backgroundPixel?: number; eventMask?: number },
    ): void;
    MapWindow(id: number): void;
    SetInputFocus(window: number, revertTo: number): void;
    ChangeWindowAttributes(window: number, values: { eventMask?: number }): void;
    close(callback?: (error?: XError) => void): void;
    terminate(): void;
  }

  export interface CreateClientOptions {
    display: string;
    disableBigRequests?: boolean;
  }

  export function createClient(options: CreateClientOptions, callback: (error: XError | null | undefined, display: XDisplay) => void): XClient;

  export const eventMask: { KeyPress: number; KeyRelease: number; ButtonPress: number; ButtonRelease: number; PointerMotion: number };

  const x11: {
    createClient: typeof createClient;
    eventMask: typeof eventMask;
  };
  export default x11;
}
