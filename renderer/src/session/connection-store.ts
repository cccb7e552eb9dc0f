import { create } from 'zustand';
import { connectionOk, type ConnectionStatus } from './session-state';

interface ConnectionStore {
  status: ConnectionStatus;
  set: (status: ConnectionStatus) => void;
}

/** The live session's connection notices (lost path, server away, other side away). Not persisted. */
export const useConnectionStore = create<ConnectionStore>((set) => ({
  status: connectionOk,
  set: (status) => set({ status }),
}));
