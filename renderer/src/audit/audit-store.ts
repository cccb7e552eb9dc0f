import { create } from 'zustand';
import { emptyAuditView, type AuditViewState } from './audit-reader';

interface AuditStore {
  state: AuditViewState;
  setState: (state: AuditViewState) => void;
}

/** The audit trail an admin is reading. Never persisted. */
export const useAuditStore = create<AuditStore>((set) => ({
  state: emptyAuditView,
  setState: (state) => set({ state }),
}));
