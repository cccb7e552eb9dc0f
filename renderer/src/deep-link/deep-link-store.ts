import { create } from 'zustand';

interface DeepLinkStore {
  /** A code from a tandem://join link, waiting for the code form to show it. */
  pendingCode: string | null;
  offer: (code: string) => void;
  /** The code form takes the code once; the user still presses Continue and consents. */
  take: () => string | null;
}

export const useDeepLinkStore = create<DeepLinkStore>((set, get) => ({
  pendingCode: null,
  offer: (pendingCode) => set({ pendingCode }),
  take: () => {
    const code = get().pendingCode;
    if (code !== null) set({ pendingCode: null });
    return code;
  },
}));
