import { create } from 'zustand';

/** Whether the user has paused sharing (both sides show it). */
export const useSharingStore = create<{ paused: boolean; setPaused: (paused: boolean) => void }>((set) => ({
  paused: false,
  setPaused: (paused) => set({ paused }),
}));
