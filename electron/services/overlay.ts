/**
 * The consultant's pointer and drawings on the user's screen. Main (or the e2e harness)
 * supplies the surface: a transparent, click-through window over the shared screen, opened
 * on the first drawing only, so a session without drawings never creates it.
 */
import type { OverlayMessage, OverlayPageEvent } from '../../shared/overlay';

export interface OverlayPort {
  show(message: OverlayMessage): void;
  /** Hidden: everything on it is cleared and further drawings are dropped until shown again. */
  setHidden(hidden: boolean): void;
}

export interface OverlaySurface {
  send(event: OverlayPageEvent): void;
  setVisible(visible: boolean): void;
}

export function createOverlayService(openSurface: () => OverlaySurface): OverlayPort {
  let surface: OverlaySurface | null = null;
  let hidden = false;
  return {
    show(message) {
      if (hidden) return;
      surface ??= openSurface();
      surface.setVisible(true);
      surface.send({ type: 'overlay.event', message });
    },
    setHidden(next) {
      hidden = next;
      if (!surface) return;
      surface.send({ type: 'overlay.hidden', hidden: next });
      if (next) surface.setVisible(false);
    },
  };
}
