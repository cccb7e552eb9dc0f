import { create } from 'zustand';
import { emptyQueue, type QueueState } from './queue-state';

interface QueueStore {
  state: QueueState;
  setState: (state: QueueState) => void;
}

/** The consultants' queue console: what the server last sent. Never persisted. */
export const useQueueStore = create<QueueStore>((set) => ({
  state: emptyQueue,
  setState: (state) => set({ state }),
}));
