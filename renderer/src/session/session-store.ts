import { create } from 'zustand';
import { idleState, type SessionState } from './session-state';

export type Role = 'consultant' | 'user';

interface SessionStore {
  role: Role | null;
  state: SessionState;
  setRole: (role: Role | null) => void;
  setState: (state: SessionState) => void;
}

/** The one live session of this window. Not persisted: a session never survives a reload. */
export const useSessionStore = create<SessionStore>((set) => ({
  role: null,
  state: idleState,
  setRole: (role) => set({ role, state: idleState }),
  setState: (state) => set({ state }),
}));
