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

/** The `width`×`height` part of `image` whose top-left corner is at (left, top). */
export function crop(image: GreyImage, left: number, top: number, width: number, height: number): GreyImage {
  const pixels = new Float64Array(width * height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) pixels[y * width + x] = image.pixels[(top + y) * image.width + left + x] ?? 0;
  return { width, height, pixels };
}

/**
 * Where `source` sits inside the larger `search` image (which has `margin` extra pixels on
 * every side): the offset with the least mean absolute difference, on every 4th pixel. The
 * scene's place on the screen is calibrated with one pointer probe, and a browser bar that
 * shows up later moves the page: the score must not depend on that.
 */
export function align(source: GreyImage, search: GreyImage, margin: number): { dx: number; dy: number } {
  let best = { dx: 0, dy: 0, cost: Number.POSITIVE_INFINITY };
  for (let dy = -margin; dy <= margin; dy++) {
    for (let dx = -margin; dx <= margin; dx++) {
      let cost = 0;
      for (let y = 0; y < source.height; y += 4) {
        for (let x = 0; x < source.width; x += 4) {
          cost += Math.abs((source.pixels[y * source.width + x] ?? 0) - (search.pixels[(y + margin + dy) * search.width + x + margin + dx] ?? 0));
        }
      }
      if (cost < best.cost) best = { dx, dy, cost };
    }
  }
  return { dx: best.dx, dy: best.dy };
}
