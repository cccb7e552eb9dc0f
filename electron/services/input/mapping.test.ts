import { describe, expect, it } from 'vitest';
import { MAX_WHEEL_STEPS, isValidRect, toPixel, wheelSteps } from './mapping';

describe('toPixel', () => {
  const primary = { x: 0, y: 0, width: 1920, height: 1080 };
  const second = { x: 1920, y: 0, width: 1280, height: 1024 };
  const above = { x: -1280, y: -800, width: 1280, height: 800 };

  it('puts 0 and 1 on the first and last pixel exactly', () => {
    expect(toPixel(0, 0, primary)).toEqual({ x: 0, y: 0 });
    expect(toPixel(1, 1, primary)).toEqual({ x: 1919, y: 1079 });
    expect(toPixel(1, 0, primary)).toEqual({ x: 1919, y: 0 });
    expect(toPixel(0, 1, primary)).toEqual({ x: 0, y: 1079 });
  });

  it('offsets by the origin of a second monitor', () => {
    expect(toPixel(0, 0, second)).toEqual({ x: 1920, y: 0 });
    expect(toPixel(1, 1, second)).toEqual({ x: 3199, y: 1023 });
    expect(toPixel(0.5, 0.5, second)).toEqual({ x: 1920 + 640, y: 512 }); // round(0.5 * 1279) = 640, round(0.5 * 1023) = 512
  });

  it('handles negative origins (a monitor left of and above the primary)', () => {
    expect(toPixel(0, 0, above)).toEqual({ x: -1280, y: -800 });
    expect(toPixel(1, 1, above)).toEqual({ x: -1, y: -1 });
  });

  it('clamps inside the rect, so nothing lands on a neighbouring screen', () => {
    expect(toPixel(-0.5, 2, second)).toEqual({ x: 1920, y: 1023 });
    expect(toPixel(Number.NaN, Number.POSITIVE_INFINITY, second)).toEqual({ x: 1920, y: 0 });
  });

  it('maps a one-pixel rect onto its only pixel', () => {
    expect(toPixel(0.7, 0.2, { x: 5, y: 6, width: 1, height: 1 })).toEqual({ x: 5, y: 6 });
  });
});

describe('wheelSteps', () => {
  it('turns ~100 CSS px into one notch and keeps the sign', () => {
    expect(wheelSteps(100)).toBe(1);
    expect(wheelSteps(-100)).toBe(-1);
    expect(wheelSteps(300)).toBe(3);
    expect(wheelSteps(-250)).toBe(-3);
  });

  it('gives at least one notch for any movement, none for none', () => {
    expect(wheelSteps(1)).toBe(1);
    expect(wheelSteps(-0.5)).toBe(-1);
    expect(wheelSteps(0)).toBe(0);
    expect(wheelSteps(-0)).toBe(0);
    expect(wheelSteps(Number.NaN)).toBe(0);
  });

  it('caps one event', () => {
    expect(wheelSteps(2400)).toBe(MAX_WHEEL_STEPS);
    expect(wheelSteps(-2400)).toBe(-MAX_WHEEL_STEPS);
  });
});

describe('isValidRect', () => {
  it('accepts integer rects with a positive size only', () => {
    expect(isValidRect({ x: -1920, y: 0, width: 1920, height: 1080 })).toBe(true);
    expect(isValidRect({ x: 0, y: 0, width: 0, height: 1080 })).toBe(false);
    expect(isValidRect({ x: 0.5, y: 0, width: 10, height: 10 })).toBe(false);
    expect(isValidRect({ x: 0, y: 0, width: Number.NaN, height: 10 })).toBe(false);
  });
});
