/**
 * What an input injector is, whatever the platform: the interface, the screen rectangle it maps
 * onto and the one error type it fails with. The factory (injector.ts) and every backend
 * (X11, the Wayland portal, robotjs) share it without importing each other.
 */
import type { InputEvent } from '../../../shared/control';

/** Pixels of the injector's own coordinate space (X root window / virtual desktop). */
export interface ScreenRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export type UnavailableReason = 'wayland' | 'no-permission' | 'no-display' | 'unsupported-platform' | 'failed';
export type InjectorAvailability = { available: true } | { available: false; reason: UnavailableReason; detail: string };

export interface Injector {
  availability(): Promise<InjectorAvailability>;
  /**
   * Called once the person has allowed control in Tandem's own prompt, before the first event.
   * Where the desktop asks its own permission too (the Wayland RemoteDesktop portal) its dialog
   * shows here; rejects with reason `declined` when the person says no there.
   */
  begin(): Promise<void>;
  /**
   * Injects one validated event onto the given screen. Rejects with InjectionError, never
   * crashes the process. `more`: further events are already waiting, so a backend may leave
   * its round trip to the display server (which confirms and reports errors) to the last one
   * of the burst; a click then does not wait for the move before it to be confirmed.
   */
  inject(event: InputEvent, screen: ScreenRect, options?: { more?: boolean }): Promise<void>;
  /** Releases every key and button this injector pressed and has not released (called when control ends). Never rejects; failures are logged. */
  releaseAll(): Promise<void>;
  /** Releases everything and closes the connection; later inject() calls reject. Never rejects. */
  close(): Promise<void>;
}

/**
 * `invalid-event`: the event or rect failed validation; `not-supported`: this OS cannot do it (e.g.
 * Ctrl+Alt+Delete on Windows); `declined`: the person refused in the desktop's own dialog.
 */
export type InjectionFailure = UnavailableReason | 'invalid-event' | 'not-supported' | 'declined';

export class InjectionError extends Error {
  override readonly name = 'InjectionError';
  constructor(
    readonly reason: InjectionFailure,
    message: string,
  ) {
    super(message);
  }
}

/** What a platform implementation provides; the factory wraps it. Only backends whose desktop asks its own permission need begin(). */
export type InjectorBackend = Omit<Injector, 'begin'> & { begin?: () => Promise<void> };

