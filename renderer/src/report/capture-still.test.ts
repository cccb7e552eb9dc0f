import { describe, expect, it } from 'vitest';
import { OverlayPainter } from '../overlay/overlay-painter';
import { captureStill, type MakeCanvas } from './capture-still';

/** Canvases that record what is drawn on them, in order, and "encode" to a fixed PNG. */
function recordingCanvases(prefix = 'canvas', log: string[] = []) {
  const canvases: { width: number; height: number }[] = [];
  const make: MakeCanvas = (width, height) => {
    const name = `${prefix}${canvases.length}`;
    const canvas = { width, height, name };
    canvases.push(canvas);
    const context = new Proxy(
      {},
      {
        get: (_, method) => (...args: unknown[]) =>
          log.push(`${name}.${String(method)}(${args.map((arg) => (typeof arg === 'object' && arg && 'name' in arg ? String(arg.name) : String(arg))).join(',')})`),
        set: () => true,
      },
    );
    return Object.assign(canvas, {
      getContext: () => context,
      convertToBlob: () => Promise.resolve(new Blob([new Uint8Array([0x89, 0x50, 0x4e, 0x47])])),
    }) as unknown as OffscreenCanvas;
  };
  return { make, log, canvases };
}

const stroke = { t: 'overlay.stroke' as const, id: 's1', kind: 'freehand' as const, color: '#ff00ff' as const, points: [{ x: 0.5, y: 0.5 }, { x: 1, y: 1 }] };

describe('captureStill', () => {
  it('copies the frame at its decoded size, then lays the drawing over it, scaled to that size', async () => {
    const canvases = recordingCanvases();
    const frame = recordingCanvases('video', canvases.log).make(1920, 1080);
    const painter = new OverlayPainter(() => 0);
    painter.apply(stroke);
    painter.apply({ t: 'overlay.pointer', x: 0.1, y: 0.1 });
    const still = await captureStill({ frame, width: 1920, height: 1080 }, (context, width, height) => painter.paint(context, width, height, { pointer: false }), canvases.make);

    expect(still).toEqual({ png: new Uint8Array([0x89, 0x50, 0x4e, 0x47]), width: 1920, height: 1080 });
    expect(canvases.canvases.map(({ width, height }) => [width, height])).toEqual([[1920, 1080], [1920, 1080]]);
    const { log } = canvases;
    expect(log[0]).toBe('canvas0.drawImage(video0,0,0,1920,1080)');
    // Only the drawing: the consultant's pointer (a filled circle) stays out of the still.
    expect(log.some((entry) => entry.startsWith('canvas1.arc('))).toBe(false);
    // The stroke is drawn on the layer in the still's pixels: (0.5, 0.5) → (960, 540).
    expect(log).toContain('canvas1.moveTo(960,540)');
    expect(log).toContain('canvas1.lineTo(1920,1080)');
    expect(log.at(-1)).toBe('canvas0.drawImage(canvas1,0,0)');
    expect(log.findIndex((entry) => entry.startsWith('canvas1.stroke('))).toBeLessThan(log.length - 1);
  });

  it('refuses when the video has no frame yet', async () => {
    const canvases = recordingCanvases();
    await expect(captureStill({ frame: canvases.make(1, 1), width: 0, height: 0 }, () => undefined, canvases.make)).rejects.toThrow(/no video frame/i);
  });
});
