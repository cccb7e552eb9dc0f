/**
 * Where the user's screen sits in the consultant's view, and where a pointer over it lands
 * on that screen. One module for both remote control and drawing, in every view mode:
 *
 * - 'fit': the whole screen scaled to the viewport, letterboxed (bars on two sides), never cropped;
 * - a zoom factor: `zoom` screen pixels per *device* pixel of the consultant's display, so
 *   1 ("100 %") shows each screen pixel on exactly one physical pixel, with no resampling
 *   blur, whatever the consultant's display scaling. In CSS pixels that is zoom ÷ devicePixelRatio.
 *   A picture larger than the viewport scrolls (the viewport's scroll offsets pan it); a
 *   smaller one is centred, like the fit view.
 *
 * Fullscreen changes nothing here: the viewport is then the whole display.
 */
export interface Rect {
  left: number;
  top: number;
  width: number;
  height: number;
}

export type ViewMode = { kind: 'fit' } | { kind: 'zoom'; zoom: number };

export const FIT: ViewMode = { kind: 'fit' };
export const ACTUAL_SIZE: ViewMode = { kind: 'zoom', zoom: 1 };

/** Zoom steps, in screen pixels per device pixel; zooming in or out moves to the next one. */
export const ZOOM_STEPS = [0.25, 0.33, 0.5, 0.67, 0.75, 0.9, 1, 1.25, 1.5, 2, 3, 4] as const;

export interface Size {
  width: number;
  height: number;
}

/** Everything the mapping needs, read from the page at the moment of the event. */
export interface ViewGeometry {
  /** The scrolling viewport's visible area in client coordinates (without its scrollbars). */
  viewport: Rect;
  scrollLeft: number;
  scrollTop: number;
  /** The decoded video's own size: the user's screen in pixels. */
  video: Size;
  mode: ViewMode;
  devicePixelRatio: number;
}

/** A client point → the user's screen point (0–1), as the view maps it at that moment; null off the screen. */
export type Locate = (clientX: number, clientY: number) => { x: number; y: number } | null;

/** CSS pixels per screen pixel for this mode; null while there is nothing to show. */
export function displayScale(mode: ViewMode, viewport: Size, video: Size, devicePixelRatio: number): number | null {
  if (video.width <= 0 || video.height <= 0) return null;
  if (mode.kind === 'zoom') return mode.zoom / (devicePixelRatio > 0 ? devicePixelRatio : 1);
  if (viewport.width <= 0 || viewport.height <= 0) return null;
  return Math.min(viewport.width / video.width, viewport.height / video.height);
}

/** The picture's size and its offset inside the scrolled content (centred when smaller than the viewport). */
export function pictureLayout(mode: ViewMode, viewport: Size, video: Size, devicePixelRatio: number): Rect | null {
  const scale = displayScale(mode, viewport, video, devicePixelRatio);
  if (scale === null) return null;
  const width = video.width * scale;
  const height = video.height * scale;
  return { left: Math.max(0, (viewport.width - width) / 2), top: Math.max(0, (viewport.height - height) / 2), width, height };
}

/** The picture in client coordinates, after scrolling: the part outside the viewport is hidden. */
export function contentBox(geometry: ViewGeometry): Rect | null {
  const { viewport, mode, video, devicePixelRatio } = geometry;
  const layout = pictureLayout(mode, viewport, video, devicePixelRatio);
  if (!layout) return null;
  return {
    left: viewport.left + layout.left - geometry.scrollLeft,
    top: viewport.top + layout.top - geometry.scrollTop,
    width: layout.width,
    height: layout.height,
  };
}

/** The user's screen point (0–1 on each axis) under a client point; null outside the picture or the viewport. */
export function normalizedPoint(clientX: number, clientY: number, geometry: ViewGeometry): { x: number; y: number } | null {
  const { viewport } = geometry;
  // A point over the scrollbars or outside the viewport shows no part of the screen.
  if (clientX < viewport.left || clientX > viewport.left + viewport.width || clientY < viewport.top || clientY > viewport.top + viewport.height) return null;
  const box = contentBox(geometry);
  if (!box) return null;
  const x = (clientX - box.left) / box.width;
  const y = (clientY - box.top) / box.height;
  if (x < 0 || x > 1 || y < 0 || y > 1) return null;
  return { x, y };
}

/** The zoom a mode shows at, so that zooming from Fit starts from what the consultant sees. */
export function effectiveZoom(mode: ViewMode, viewport: Size, video: Size, devicePixelRatio: number): number | null {
  if (mode.kind === 'zoom') return mode.zoom;
  const scale = displayScale(mode, viewport, video, devicePixelRatio);
  return scale === null ? null : scale * devicePixelRatio;
}

/** One step in (+1) or out (-1) from `current`; null when already at the end of the steps. */
export function stepZoom(current: number, direction: 1 | -1): number | null {
  // A small tolerance, so that 0.9 (or a fit at 0.9000001) does not count as "between steps".
  const epsilon = 1e-3;
  const next = direction > 0 ? ZOOM_STEPS.find((step) => step > current + epsilon) : [...ZOOM_STEPS].reverse().find((step) => step < current - epsilon);
  return next ?? null;
}

/**
 * The scroll offsets after a change of scale that keep the screen point at the viewport's
 * centre where it was: zooming goes into what the consultant is looking at.
 */
export function scrollAfterZoom(before: ViewGeometry, mode: ViewMode): { scrollLeft: number; scrollTop: number } {
  const { viewport, video, devicePixelRatio } = before;
  const old = pictureLayout(before.mode, viewport, video, devicePixelRatio);
  const next = pictureLayout(mode, viewport, video, devicePixelRatio);
  if (!old || !next) return { scrollLeft: 0, scrollTop: 0 };
  const axis = (scroll: number, size: number, oldStart: number, oldLength: number, newStart: number, newLength: number) => {
    const fraction = Math.min(1, Math.max(0, (scroll + size / 2 - oldStart) / oldLength));
    const wanted = newStart + fraction * newLength - size / 2;
    return Math.round(Math.min(Math.max(0, wanted), Math.max(0, newStart + newLength - size)));
  };
  return {
    scrollLeft: axis(before.scrollLeft, viewport.width, old.left, old.width, next.left, next.width),
    scrollTop: axis(before.scrollTop, viewport.height, old.top, old.height, next.top, next.height),
  };
}
