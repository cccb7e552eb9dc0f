import { create } from 'zustand';
import { OVERLAY_PALETTE, type OverlayColor, type OverlayKind } from '../../../shared/overlay';

interface OverlayStore {
  /** The session's overlay feature is up (a peer link exists). */
  ready: boolean;
  /** Consultant: drags over the video draw instead of doing nothing. */
  drawing: boolean;
  kind: OverlayKind;
  color: OverlayColor;
  /** User: the drawings are hidden from their screen. */
  hidden: boolean;
  set: (patch: Partial<Omit<OverlayStore, 'set' | 'reset'>>) => void;
  reset: () => void;
}

const initial = { ready: false, drawing: false, kind: 'freehand' as const, color: OVERLAY_PALETTE[0], hidden: false };

export const useOverlayStore = create<OverlayStore>((set) => ({ ...initial, set: (patch) => set(patch), reset: () => set(initial) }));
