/**
 * Structural similarity (Wang et al. 2004) of two grey images of the same size, as the mean
 * over 8×8 windows taken every 4 pixels, with the usual constants for 8-bit data. 1 means
 * identical; blur, ringing and missing strokes in small text all pull it down.
 */
export interface GreyImage {
  width: number;
  height: number;
  /** one luma value 0–255 per pixel, row by row */
  pixels: ArrayLike<number>;
}

const WINDOW = 8;
const STRIDE = 4;
const C1 = (0.01 * 255) ** 2;
const C2 = (0.03 * 255) ** 2;

export function ssim(a: GreyImage, b: GreyImage): number {
  if (a.width !== b.width || a.height !== b.height) throw new Error('images differ in size');
  if (a.width < WINDOW || a.height < WINDOW) throw new Error('image smaller than one window');
  const n = WINDOW * WINDOW;
  let total = 0;
  let windows = 0;
  for (let top = 0; top + WINDOW <= a.height; top += STRIDE) {
    for (let left = 0; left + WINDOW <= a.width; left += STRIDE) {
      let sumA = 0;
      let sumB = 0;
      let sumAA = 0;
      let sumBB = 0;
      let sumAB = 0;
      for (let y = top; y < top + WINDOW; y++) {
        for (let x = left; x < left + WINDOW; x++) {
          const va = a.pixels[y * a.width + x] ?? 0;
          const vb = b.pixels[y * b.width + x] ?? 0;
          sumA += va;
          sumB += vb;
          sumAA += va * va;
          sumBB += vb * vb;
          sumAB += va * vb;
        }
      }
      const meanA = sumA / n;
      const meanB = sumB / n;
      const varA = sumAA / n - meanA * meanA;
      const varB = sumBB / n - meanB * meanB;
      const cov = sumAB / n - meanA * meanB;
      total += ((2 * meanA * meanB + C1) * (2 * cov + C2)) / ((meanA * meanA + meanB * meanB + C1) * (varA + varB + C2));
      windows += 1;
    }
  }
  return total / windows;
}
