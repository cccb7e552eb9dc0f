import { create } from 'zustand';
import type { ScreenInfo } from '../../../shared/control';

interface ScreensStore {
  /** The user's screens (both sides) and the one being shared. */
  screens: ScreenInfo[];
  current: string | null;
  /** User side: the screen the consultant asked to see, awaiting the user's answer. */
  requested: string | null;
  set: (patch: Partial<Omit<ScreensStore, 'set'>>) => void;
}

export const useScreensStore = create<ScreensStore>((set) => ({ screens: [], current: null, requested: null, set: (patch) => set(patch) }));
