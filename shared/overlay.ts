/**
 * The consultant's pointer and drawings on the user's real screen. Points are normalised to
 * the shared screen (0–1, like control input); colours come from a fixed palette, so a peer
 * can neither smuggle markup through a colour string nor draw invisibly.
 */
import * as z from 'zod';

export const OVERLAY_PALETTE = ['#ff00ff', '#ff3b30', '#ffcc00', '#00c853', '#2979ff'] as const;
export type OverlayColor = (typeof OVERLAY_PALETTE)[number];
export const OVERLAY_KINDS = ['freehand', 'arrow', 'circle'] as const;
export type OverlayKind = (typeof OVERLAY_KINDS)[number];

/** A stroke's points are decimated to this many before sending. */
export const MAX_STROKE_POINTS = 256;
/** A stroke stays fully visible this long, then fades out over OVERLAY_FADE_MS. */
export const OVERLAY_HOLD_MS = 2000;
export const OVERLAY_FADE_MS = 2000;

const unit = z.number().finite().min(0).max(1);
export const overlayPointSchema = z.strictObject({ x: unit, y: unit });
export type OverlayPoint = z.infer<typeof overlayPointSchema>;

export const overlayMessageSchema = z.discriminatedUnion('t', [
  z.strictObject({ t: z.literal('overlay.pointer'), x: unit, y: unit }),
  z.strictObject({
    t: z.literal('overlay.stroke'),
    id: z.string().min(1).max(40),
    kind: z.enum(OVERLAY_KINDS),
    points: z.array(overlayPointSchema).min(1).max(MAX_STROKE_POINTS),
    color: z.enum(OVERLAY_PALETTE),
  }),
  z.strictObject({ t: z.literal('overlay.clear') }),
]);
export type OverlayMessage = z.infer<typeof overlayMessageSchema>;

/** What main pushes to the overlay page (on the host event channel, to that window only). */
export type OverlayPageEvent = { type: 'overlay.event'; message: OverlayMessage } | { type: 'overlay.hidden'; hidden: boolean };

/** Keeps at most `max` points, always the first and the last (a stroke's shape survives). */
export function decimate<T>(points: readonly T[], max = MAX_STROKE_POINTS): T[] {
  if (points.length <= max) return [...points];
  const step = (points.length - 1) / (max - 1);
  return Array.from({ length: max }, (_, index) => points[Math.round(index * step)] as T);
}
