import { OVERLAY_FADE_MS, OVERLAY_HOLD_MS, type OverlayMessage, type OverlayPoint } from '../../../shared/overlay';

type Stroke = Extract<OverlayMessage, { t: 'overlay.stroke' }>;
/** The overlay window paints on a page canvas, a screenshot on an offscreen one. */
type Context2D = CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;

/** The pointer disappears this long after its last move. */
export const POINTER_IDLE_MS = 3000;
const LINE_WIDTH = 8;
const POINTER_RADIUS = 10;
const POINTER_COLOR = '#ff3b30';
/**
 * Strokes on screen at once; the oldest goes first. A stroke leaves only when a paint finds it
 * faded, so without a bound a peer sending strokes under fresh ids grew the set (and every
 * frame's work) as fast as the channel carried them.
 */
export const MAX_OVERLAY_STROKES = 50;

/** A stroke's opacity at an age: fully visible, then fading out; 0 once gone. */
export function strokeOpacity(ageMs: number): number {
  if (ageMs <= OVERLAY_HOLD_MS) return 1;
  return Math.max(0, 1 - (ageMs - OVERLAY_HOLD_MS) / OVERLAY_FADE_MS);
}

/**
 * What the overlay shows: the consultant's recent strokes, each fading on its own clock, and
 * their pointer. Points are normalised to the shared screen, which the overlay window covers.
 */
export class OverlayPainter {
  private strokes = new Map<string, { stroke: Stroke; at: number }>();
  private pointer: { point: OverlayPoint; at: number } | null = null;
  private hidden = false;

  constructor(private readonly now: () => number = () => performance.now()) {}

  apply(message: OverlayMessage): void {
    if (this.hidden) return;
    if (message.t === 'overlay.pointer') this.pointer = { point: { x: message.x, y: message.y }, at: this.now() };
    else if (message.t === 'overlay.stroke') this.addStroke(message);
    else this.clear();
  }

  setHidden(hidden: boolean): void {
    this.hidden = hidden;
    if (hidden) this.clear();
  }

  /** Whether anything is still on screen (the page stops animating when not). */
  get active(): boolean {
    return this.strokes.size > 0 || this.pointer !== null;
  }

  /** `pointer: false` leaves the pointer out (a screenshot keeps only the drawings). */
  paint(context: Context2D, width: number, height: number, { pointer = true } = {}): void {
    const now = this.now();
    context.clearRect(0, 0, width, height);
    const toPixels = (point: OverlayPoint) => ({ x: point.x * width, y: point.y * height });
    for (const [id, { stroke, at }] of this.strokes) {
      const opacity = strokeOpacity(now - at);
      if (opacity <= 0) {
        this.strokes.delete(id);
        continue;
      }
      context.globalAlpha = opacity;
      context.strokeStyle = stroke.color;
      context.fillStyle = stroke.color;
      context.lineWidth = LINE_WIDTH;
      context.lineCap = 'round';
      context.lineJoin = 'round';
      drawStroke(context, stroke, stroke.points.map(toPixels));
    }
    if (this.pointer && now - this.pointer.at > POINTER_IDLE_MS) this.pointer = null;
    if (this.pointer && pointer) {
      const { x, y } = toPixels(this.pointer.point);
      context.globalAlpha = 1;
      context.beginPath();
      context.arc(x, y, POINTER_RADIUS, 0, Math.PI * 2);
      context.fillStyle = POINTER_COLOR;
      context.fill();
      context.lineWidth = 3;
      context.strokeStyle = '#ffffff';
      context.stroke();
    }
    context.globalAlpha = 1;
  }

  private addStroke(stroke: Stroke): void {
    // Deleted first so a redrawn id counts as the newest (a Map keeps insertion order).
    this.strokes.delete(stroke.id);
    this.strokes.set(stroke.id, { stroke, at: this.now() });
    for (const id of this.strokes.keys()) {
      if (this.strokes.size <= MAX_OVERLAY_STROKES) break;
      this.strokes.delete(id);
    }
  }

  private clear(): void {
    this.strokes.clear();
    this.pointer = null;
  }
}

function drawStroke(context: Context2D, stroke: Stroke, points: { x: number; y: number }[]): void {
  const first = points[0];
  const last = points.at(-1);
  if (!first || !last) return;
  context.beginPath();
  if (stroke.kind === 'circle') {
    // An ellipse in the box the drag covered: "circle this".
    const xs = points.map((point) => point.x);
    const ys = points.map((point) => point.y);
    const left = Math.min(...xs);
    const top = Math.min(...ys);
    const radiusX = Math.max((Math.max(...xs) - left) / 2, LINE_WIDTH);
    const radiusY = Math.max((Math.max(...ys) - top) / 2, LINE_WIDTH);
    context.ellipse(left + radiusX, top + radiusY, radiusX, radiusY, 0, 0, Math.PI * 2);
    context.stroke();
    return;
  }
  if (stroke.kind === 'arrow') {
    context.moveTo(first.x, first.y);
    context.lineTo(last.x, last.y);
    context.stroke();
    const angle = Math.atan2(last.y - first.y, last.x - first.x);
    const head = LINE_WIDTH * 3;
    context.beginPath();
    context.moveTo(last.x, last.y);
    context.lineTo(last.x - head * Math.cos(angle - Math.PI / 6), last.y - head * Math.sin(angle - Math.PI / 6));
    context.lineTo(last.x - head * Math.cos(angle + Math.PI / 6), last.y - head * Math.sin(angle + Math.PI / 6));
    context.closePath();
    context.fill();
    return;
  }
  context.moveTo(first.x, first.y);
  for (const point of points.slice(1)) context.lineTo(point.x, point.y);
  if (points.length === 1) context.lineTo(first.x + 0.1, first.y);
  context.stroke();
}
