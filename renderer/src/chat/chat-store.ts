import { create } from 'zustand';

export interface ChatEntry {
  id: string;
  from: 'me' | 'peer';
  text: string;
  at: number;
}

/** Messages kept per session at most; older ones scroll away. */
const MAX_ENTRIES = 500;

interface ChatStore {
  /** True while the link is up and messages can be sent. */
  ready: boolean;
  entries: ChatEntry[];
  peerTyping: boolean;
  /** The consultant's latest status update. */
  status: string | null;
  add: (entry: ChatEntry) => void;
  setPeerTyping: (typing: boolean) => void;
  setStatus: (status: string) => void;
  setReady: (ready: boolean) => void;
  reset: () => void;
}

export const useChatStore = create<ChatStore>((set) => ({
  ready: false,
  entries: [],
  peerTyping: false,
  status: null,
  add: (entry) => set((store) => ({ entries: [...store.entries, entry].slice(-MAX_ENTRIES), peerTyping: entry.from === 'peer' ? false : store.peerTyping })),
  setPeerTyping: (peerTyping) => set({ peerTyping }),
  setStatus: (status) => set({ status }),
  setReady: (ready) => set({ ready }),
  reset: () => set({ ready: false, entries: [], peerTyping: false, status: null }),
}));
