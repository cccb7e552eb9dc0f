import { beforeEach, describe, expect, it, vi } from 'vitest';
import { decimate, MAX_STROKE_POINTS, OVERLAY_FADE_MS, OVERLAY_HOLD_MS, overlayMessageSchema, type OverlayMessage } from '../../../shared/overlay';
import { createFakeHost } from '../test/fake-host';
import { Overlay } from './overlay-feature';
import { recordingCanvas } from '../test/recording-canvas';
import { MAX_OVERLAY_STROKES, OverlayPainter, strokeOpacity } from './overlay-painter';
import { useOverlayStore } from './overlay-store';

const stroke = { t: 'overlay.stroke', id: 's1', kind: 'arrow', color: '#ff00ff', points: [{ x: 0.1, y: 0.2 }, { x: 0.5, y: 0.5 }] } satisfies OverlayMessage;

describe('overlay messages', () => {
  it('accept palette colours, known shapes and normalised points only', () => {
    expect(overlayMessageSchema.safeParse(stroke).success).toBe(true);
    expect(overlayMessageSchema.safeParse({ ...stroke, color: 'red' }).success).toBe(false);
    expect(overlayMessageSchema.safeParse({ ...stroke, kind: 'text' }).success).toBe(false);
    expect(overlayMessageSchema.safeParse({ ...stroke, points: [{ x: 1.5, y: 0 }] }).success).toBe(false);
    expect(overlayMessageSchema.safeParse({ ...stroke, points: [] }).success).toBe(false);
    expect(overlayMessageSchema.safeParse({ ...stroke, extra: 1 }).success).toBe(false);
    expect(overlayMessageSchema.safeParse({ t: 'overlay.pointer', x: Number.NaN, y: 0 }).success).toBe(false);
    const many = Array.from({ length: MAX_STROKE_POINTS + 1 }, () => ({ x: 0, y: 0 }));
    expect(overlayMessageSchema.safeParse({ ...stroke, points: many }).success).toBe(false);
  });

  it('decimation keeps the bound, the first and the last point', () => {
    const points = Array.from({ length: 1000 }, (_, index) => index);
    const kept = decimate(points);
    expect(kept).toHaveLength(MAX_STROKE_POINTS);
    expect(kept[0]).toBe(0);
    expect(kept.at(-1)).toBe(999);
  });

  it('strokes hold, then fade out', () => {
    expect(strokeOpacity(0)).toBe(1);
    expect(strokeOpacity(OVERLAY_HOLD_MS + OVERLAY_FADE_MS / 2)).toBeCloseTo(0.5);
    expect(strokeOpacity(OVERLAY_HOLD_MS + OVERLAY_FADE_MS)).toBe(0);
  });

  // Seen while writing overlay.fuzz.test.ts: strokes under fresh ids piled up until a paint found them faded.
  it('keeps a bounded number of strokes on screen, the newest ones', () => {
    const painter = new OverlayPainter(() => 0);
    for (let n = 0; n < MAX_OVERLAY_STROKES * 4; n++) painter.apply({ ...stroke, kind: 'freehand', id: `s${n}` });
    const canvas = recordingCanvas();
    painter.paint(canvas.context, 100, 100);
    expect(canvas.count('stroke')).toBe(MAX_OVERLAY_STROKES);
    // The newest stroke is still there: redrawing it with a new colour shows that colour.
    painter.apply({ ...stroke, kind: 'freehand', id: `s${MAX_OVERLAY_STROKES * 4 - 1}`, color: '#2979ff' });
    canvas.reset();
    painter.paint(canvas.context, 100, 100);
    expect(canvas.count('stroke')).toBe(MAX_OVERLAY_STROKES);
    expect(canvas.context.strokeStyle).toBe('#2979ff');
  });
});

describe('overlay feature', () => {
  beforeEach(() => useOverlayStore.getState().reset());

  it('on the user side, forwards valid drawings to the host and refuses the rest', () => {
    const { host } = createFakeHost();
    const overlay = new Overlay('user', host, vi.fn());
    expect(overlay.handle(stroke)).toBe(true);
    expect(host.overlay.show).toHaveBeenCalledWith({ message: stroke });
    expect(overlay.handle({ ...stroke, color: 'url(javascript:1)' })).toBe(false);
    expect(overlay.handle({ t: 'chat.message' })).toBe(false);
    expect(host.overlay.show).toHaveBeenCalledTimes(1);
  });

  it('drops drawings while the user hides them, and hides them when the session ends', () => {
    const { host } = createFakeHost();
    const overlay = new Overlay('user', host, vi.fn());
    overlay.setHidden(true);
    expect(host.overlay.setHidden).toHaveBeenLastCalledWith({ hidden: true });
    overlay.handle(stroke);
    expect(host.overlay.show).not.toHaveBeenCalled();
    overlay.setHidden(false);
    overlay.dispose();
    expect(host.overlay.setHidden).toHaveBeenLastCalledWith({ hidden: true });
  });

  it('on the consultant side, sends drawings and never shows any it receives', () => {
    const { host } = createFakeHost();
    const send = vi.fn();
    const overlay = new Overlay('consultant', host, send);
    overlay.draw(stroke);
    expect(send).toHaveBeenCalledWith(stroke);
    expect(overlay.handle(stroke)).toBe(true);
    expect(host.overlay.show).not.toHaveBeenCalled();
  });
});
