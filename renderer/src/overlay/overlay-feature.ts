import { overlayMessageSchema, type OverlayMessage } from '../../../shared/overlay';
import type { HostApi } from '../../../shared/host-api';
import { FeatureKey, type SessionFeature } from '../session/session-feature';
import { OverlayPainter } from './overlay-painter';
import { useOverlayStore } from './overlay-store';

/** A drawing that cannot be shown is not worth an error: the consultant sees it did not land in the video. */
const ignore = () => undefined;

/**
 * The consultant's pointer and drawings on the user's real screen, in view-only mode too:
 * the consultant sends, the user's side forwards what validates to the host's overlay window,
 * unless the user hid the drawings.
 */
export class Overlay implements SessionFeature {
  /** Consultant: what they sent, fading on the same clock as on the user's screen (for screenshots). */
  private readonly sent = new OverlayPainter();

  constructor(
    private readonly role: 'user' | 'consultant',
    private readonly host: HostApi,
    private readonly send: (message: OverlayMessage) => void,
  ) {}

  handle(raw: unknown): boolean {
    const parsed = overlayMessageSchema.safeParse(raw);
    if (!parsed.success) return false;
    // Only the user's screen shows drawings; the consultant ignores any sent to them.
    if (this.role === 'user' && !useOverlayStore.getState().hidden) {
      this.host.overlay.show({ message: parsed.data }).catch(ignore);
    }
    return true;
  }

  /** Consultant: one message to the user's screen. */
  draw(message: OverlayMessage): void {
    if (this.role !== 'consultant') return;
    this.send(message);
    this.sent.apply(message);
  }

  /** Consultant: paints the drawings the user sees now, without the pointer, onto a screenshot's layer. */
  paintDrawings(context: OffscreenCanvasRenderingContext2D, width: number, height: number): void {
    this.sent.paint(context, width, height, { pointer: false });
  }

  /** User: hides (and clears) the drawings on their screen, or lets them show again. */
  setHidden(hidden: boolean): void {
    useOverlayStore.getState().set({ hidden });
    this.host.overlay.setHidden({ hidden }).catch(ignore);
  }

  dispose(): void {
    useOverlayStore.getState().set({ ready: false, drawing: false });
    // Nothing the consultant drew outlives the session on the user's screen.
    if (this.role === 'user') this.host.overlay.setHidden({ hidden: true }).catch(ignore);
  }
}

export const OVERLAY = new FeatureKey<Overlay>('overlay', (context) => {
  useOverlayStore.getState().reset();
  useOverlayStore.getState().set({ ready: true });
  const overlay = new Overlay(context.role, context.host, context.send);
  if (context.role === 'user') overlay.setHidden(false);
  return overlay;
});
