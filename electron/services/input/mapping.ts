/**
 * Pure geometry for remote control: the consultant sends positions normalised to the shared
 * screen (0..1) and wheel movement in CSS pixels; the injector needs integer pixels in its own
 * coordinate space (X root window, virtual desktop) and whole wheel notches.
 */
import type { ScreenRect } from './injection';

export interface Point {
  x: number;
  y: number;
}

/** CSS pixels per wheel notch: browsers report ~100 px (Chromium) per notch of a classic mouse wheel. */
export const WHEEL_STEP_PX = 100;
/** Most notches one event may produce, so a single message cannot scroll a document away. */
export const MAX_WHEEL_STEPS = 10;

/** Keeps a value inside 0..1; NaN becomes 0 so nothing non-finite ever reaches a native call. */
function unit(value: number): number {
  if (!Number.isFinite(value)) return 0;
  return Math.min(1, Math.max(0, value));
}

/**
 * Maps a normalised point onto the rect. 0 lands on the first pixel and 1 on the last one
 * (width - 1), so both edges are reachable and nothing can land outside the shared screen,
 * e.g. on a neighbouring monitor.
 */
export function toPixel(nx: number, ny: number, rect: ScreenRect): Point {
  return {
    x: rect.x + Math.round(unit(nx) * (rect.width - 1)),
    y: rect.y + Math.round(unit(ny) * (rect.height - 1)),
  };
}

/** CSS-pixel wheel delta → signed notches: at least one when non-zero, at most MAX_WHEEL_STEPS. */
export function wheelSteps(delta: number): number {
  if (!Number.isFinite(delta) || delta === 0) return 0;
  const steps = Math.min(MAX_WHEEL_STEPS, Math.max(1, Math.round(Math.abs(delta) / WHEEL_STEP_PX)));
  return Math.sign(delta) * steps;
}

/** A rect the injector can use: integer origin, positive integer size. */
export function isValidRect(rect: ScreenRect): boolean {
  return (
    Number.isSafeInteger(rect.x) &&
    Number.isSafeInteger(rect.y) &&
    Number.isSafeInteger(rect.width) &&
    Number.isSafeInteger(rect.height) &&
    rect.width >= 1 &&
    rect.height >= 1
  );
}
