/**
 * A still of the user's screen for the session report: the video's current frame at its full
 * decoded size (not the size it is shown at), with the consultant's drawing as the user sees
 * it painted over it, encoded as PNG (lossless: small text stays readable).
 */
export interface StillSource {
  /** The frame to copy: the consultant's <video> element. */
  frame: CanvasImageSource;
  width: number;
  height: number;
}

/** Paints the drawing over a canvas of the still's size (the overlay painter does this). */
export type PaintDrawing = (context: OffscreenCanvasRenderingContext2D, width: number, height: number) => void;

export interface Still {
  png: Uint8Array;
  width: number;
  height: number;
}

export type MakeCanvas = (width: number, height: number) => OffscreenCanvas;

const offscreen: MakeCanvas = (width, height) => new OffscreenCanvas(width, height);

export async function captureStill(source: StillSource, paintDrawing: PaintDrawing, makeCanvas: MakeCanvas = offscreen): Promise<Still> {
  const { width, height } = source;
  if (!(width > 0 && height > 0)) throw new Error('No video frame to capture yet');
  const still = makeCanvas(width, height);
  const context = still.getContext('2d');
  if (!context) throw new Error('No 2D canvas');
  context.drawImage(source.frame, 0, 0, width, height);
  // The painter clears its canvas before painting, so the drawing gets a layer of its own.
  const layer = makeCanvas(width, height);
  const layerContext = layer.getContext('2d');
  if (!layerContext) throw new Error('No 2D canvas');
  paintDrawing(layerContext, width, height);
  context.drawImage(layer, 0, 0);
  const blob = await still.convertToBlob({ type: 'image/png' });
  return { png: new Uint8Array(await blob.arrayBuffer()), width, height };
}
