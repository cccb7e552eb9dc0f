import { create } from 'zustand';

interface UpdateStore {
  /** The version downloaded and ready to install, until the user answers. */
  ready: string | null;
  /** "Restart now" was refused because a session is in progress: it installs afterwards. */
  deferred: boolean;
  setReady: (version: string) => void;
  setDeferred: () => void;
  dismiss: () => void;
}

export const useUpdateStore = create<UpdateStore>((set) => ({
  ready: null,
  deferred: false,
  setReady: (ready) => set({ ready, deferred: false }),
  setDeferred: () => set({ deferred: true }),
  dismiss: () => set({ ready: null, deferred: false }),
}));
