import { describe, expect, it } from 'vitest';
import { ACTUAL_SIZE, FIT, contentBox, effectiveZoom, normalizedPoint, pictureLayout, scrollAfterZoom, stepZoom, type ViewGeometry } from './video-mapping';

const SCREEN = { width: 1280, height: 800 };

function geometry(patch: Partial<ViewGeometry>): ViewGeometry {
  return { viewport: { left: 0, top: 0, width: 1000, height: 400 }, scrollLeft: 0, scrollTop: 0, video: SCREEN, mode: FIT, devicePixelRatio: 1, ...patch };
}

describe('fit: the whole screen, letterboxed', () => {
  it('puts bars left and right in a wide viewport', () => {
    // 1280x800 in 1000x400: scaled to 640x400, 180 px bars on each side.
    const view = geometry({});
    expect(contentBox(view)).toEqual({ left: 180, top: 0, width: 640, height: 400 });
    expect(normalizedPoint(180, 0, view)).toEqual({ x: 0, y: 0 });
    expect(normalizedPoint(820, 400, view)).toEqual({ x: 1, y: 1 });
    expect(normalizedPoint(500, 200, view)).toEqual({ x: 0.5, y: 0.5 });
  });

  it('puts bars top and bottom in a tall viewport offset in the page', () => {
    const view = geometry({ viewport: { left: 20, top: 100, width: 640, height: 1000 } });
    expect(contentBox(view)).toEqual({ left: 20, top: 400, width: 640, height: 400 });
    expect(normalizedPoint(20 + 160, 400 + 300, view)).toEqual({ x: 0.25, y: 0.75 });
  });

  it('ignores points in the bars and videos without a size', () => {
    expect(normalizedPoint(100, 200, geometry({}))).toBeNull();
    expect(normalizedPoint(900, 200, geometry({}))).toBeNull();
    expect(normalizedPoint(500, 200, geometry({ video: { width: 0, height: 0 } }))).toBeNull();
  });
});

describe('100 %: one screen pixel per device pixel, scrolled to pan', () => {
  it('maps through the scroll offsets', () => {
    const view = geometry({ mode: ACTUAL_SIZE, viewport: { left: 10, top: 50, width: 1000, height: 400 }, scrollLeft: 200, scrollTop: 300 });
    expect(contentBox(view)).toEqual({ left: 10 - 200, top: 50 - 300, width: 1280, height: 800 });
    // The viewport's top-left corner shows screen pixel (200, 300).
    expect(normalizedPoint(10, 50, view)).toEqual({ x: 200 / 1280, y: 300 / 800 });
    expect(normalizedPoint(10 + 640, 50 + 100, view)).toEqual({ x: 840 / 1280, y: 400 / 800 });
  });

  it('counts device pixels: on a 2× display the picture is half as many CSS pixels', () => {
    const view = geometry({ mode: ACTUAL_SIZE, devicePixelRatio: 2, viewport: { left: 0, top: 0, width: 1000, height: 800 } });
    expect(pictureLayout(ACTUAL_SIZE, view.viewport, SCREEN, 2)).toEqual({ left: 180, top: 200, width: 640, height: 400 });
    expect(normalizedPoint(180 + 320, 200 + 100, view)).toEqual({ x: 0.5, y: 0.25 });
  });

  it('centres a screen smaller than the viewport', () => {
    const view = geometry({ mode: ACTUAL_SIZE, video: { width: 800, height: 200 } });
    expect(contentBox(view)).toEqual({ left: 100, top: 100, width: 800, height: 200 });
    expect(normalizedPoint(50, 200, view)).toBeNull();
  });

  it('ignores points outside the viewport even where the scrolled picture extends', () => {
    const view = geometry({ mode: ACTUAL_SIZE });
    // The picture is 1280 wide but only 1000 px of it are visible: x = 1100 is past the viewport.
    expect(normalizedPoint(1100, 200, view)).toBeNull();
    expect(normalizedPoint(999, 200, view)).toEqual({ x: 999 / 1280, y: 0.25 });
  });
});

describe('zoom with pan', () => {
  it('maps a zoomed, panned picture', () => {
    const view = geometry({ mode: { kind: 'zoom', zoom: 2 }, scrollLeft: 1000, scrollTop: 600 });
    expect(contentBox(view)).toEqual({ left: -1000, top: -600, width: 2560, height: 1600 });
    // Each screen pixel is 2 CSS pixels: client (500, 200) is screen ((1000+500)/2, (600+200)/2).
    expect(normalizedPoint(500, 200, view)).toEqual({ x: 750 / 1280, y: 400 / 800 });
  });

  it('keeps the point at the viewport centre where it was when the zoom changes', () => {
    const before = geometry({ mode: ACTUAL_SIZE, scrollLeft: 100, scrollTop: 100 });
    const centreBefore = normalizedPoint(500, 200, before);
    const after = scrollAfterZoom(before, { kind: 'zoom', zoom: 2 });
    expect(after).toEqual({ scrollLeft: 700, scrollTop: 400 });
    expect(normalizedPoint(500, 200, geometry({ mode: { kind: 'zoom', zoom: 2 }, ...after }))).toEqual(centreBefore);
  });

  it('stays within the picture when zooming out near an edge, and starts at 0 from Fit', () => {
    const before = geometry({ mode: { kind: 'zoom', zoom: 2 }, scrollLeft: 1560, scrollTop: 1200 });
    expect(scrollAfterZoom(before, ACTUAL_SIZE)).toEqual({ scrollLeft: 280, scrollTop: 400 });
    expect(scrollAfterZoom(geometry({}), FIT)).toEqual({ scrollLeft: 0, scrollTop: 0 });
  });

  it('steps through the zoom levels from what is shown, Fit included', () => {
    // Fit shows 1280x800 at 0.5 in 1000x400.
    expect(effectiveZoom(FIT, { width: 1000, height: 400 }, SCREEN, 1)).toBe(0.5);
    expect(effectiveZoom(FIT, { width: 1000, height: 400 }, SCREEN, 2)).toBe(1);
    expect(stepZoom(0.5, 1)).toBe(0.67);
    expect(stepZoom(0.5, -1)).toBe(0.33);
    expect(stepZoom(0.58, 1)).toBe(0.67);
    expect(stepZoom(1, 1)).toBe(1.25);
    expect(stepZoom(4, 1)).toBeNull();
    expect(stepZoom(0.25, -1)).toBeNull();
  });
});

describe('fullscreen', () => {
  it('maps against the whole display as the viewport, in fit and zoomed', () => {
    const display = { left: 0, top: 0, width: 1920, height: 1080 };
    const fit = geometry({ viewport: display });
    // 1280x800 in 1920x1080: scale 1.35, 1728x1080, 96 px bars.
    expect(contentBox(fit)).toEqual({ left: 96, top: 0, width: 1728, height: 1080 });
    expect(normalizedPoint(96 + 864, 540, fit)).toEqual({ x: 0.5, y: 0.5 });
    const zoomed = geometry({ viewport: display, mode: { kind: 'zoom', zoom: 2 }, scrollLeft: 320, scrollTop: 0 });
    expect(contentBox(zoomed)).toEqual({ left: -320, top: 0, width: 2560, height: 1600 });
    expect(normalizedPoint(0, 0, zoomed)).toEqual({ x: 160 / 1280, y: 0 });
  });
});
