import { describe, expect, it } from 'vitest';
import { align, crop, ssim, type GreyImage } from './ssim';

/** Black 1-px strokes on white, like small text. */
function strokes(width: number, height: number, shift = 0): GreyImage {
  const pixels = new Float64Array(width * height).fill(255);
  for (let y = 2; y < height; y += 5) for (let x = 0; x < width; x++) if ((x + shift) % 3 === 0) pixels[y * width + x] = 0;
  return { width, height, pixels };
}

function blur(image: GreyImage): GreyImage {
  const { width, height } = image;
  const pixels = new Float64Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let sum = 0;
      let count = 0;
      for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) {
        const v = image.pixels[(y + dy) * width + (x + dx)];
        if (x + dx >= 0 && x + dx < width && v !== undefined) {
          sum += v;
          count += 1;
        }
      }
      pixels[y * width + x] = sum / count;
    }
  }
  return { width, height, pixels };
}

describe('ssim', () => {
  it('is 1 for identical images and lower for blurred or shifted text', () => {
    const source = strokes(64, 40);
    expect(ssim(source, source)).toBeCloseTo(1, 10);
    const blurred = ssim(source, blur(source));
    expect(blurred).toBeLessThan(0.9);
    expect(ssim(source, strokes(64, 40, 1))).toBeLessThan(blurred);
  });

  it('refuses images of different sizes', () => {
    expect(() => ssim(strokes(16, 16), strokes(16, 24))).toThrow(/size/);
  });

  it('finds where the source sits in a larger picture, and crops it out', () => {
    // A 60×40 patch of "text" placed at (13, 9) in a white 80×60 picture (margin 10: offset +3, -1).
    const marked = Float64Array.from(strokes(60, 40).pixels);
    for (let i = 0; i < 150; i++) marked[i * 7 + 3] = 0; // irregular marks: one best place only
    const patch: GreyImage = { width: 60, height: 40, pixels: marked };
    const placed = new Float64Array(80 * 60).fill(255);
    for (let y = 0; y < 40; y++) for (let x = 0; x < 60; x++) placed[(y + 9) * 80 + x + 13] = marked[y * 60 + x] ?? 0;
    const search: GreyImage = { width: 80, height: 60, pixels: placed };
    expect(align(patch, search, 10)).toEqual({ dx: 3, dy: -1 });
    expect(ssim(patch, crop(search, 13, 9, 60, 40))).toBeCloseTo(1, 10);
  });
});
