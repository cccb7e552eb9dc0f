import { create } from 'zustand';
import type { ControlStatus, DropReason } from '../../../shared/control';

interface ControlStore {
  /** Control of the user's machine, as the user's host decided it. */
  status: ControlStatus;
  /** Consultant side: events the user's host refused, by reason, since the session began. */
  dropped: Partial<Record<DropReason, number>>;
  setStatus: (status: ControlStatus) => void;
  addDropped: (counts: Partial<Record<DropReason, number>>) => void;
  reset: () => void;
}

export const useControlStore = create<ControlStore>((set) => ({
  status: { state: 'view-only' },
  dropped: {},
  setStatus: (status) => set({ status }),
  addDropped: (counts) =>
    set((store) => {
      const dropped = { ...store.dropped };
      for (const [reason, count] of Object.entries(counts) as [DropReason, number][]) dropped[reason] = (dropped[reason] ?? 0) + count;
      return { dropped };
    }),
  reset: () => set({ status: { state: 'view-only' }, dropped: {} }),
}));
