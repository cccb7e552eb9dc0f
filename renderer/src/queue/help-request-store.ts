import { create } from 'zustand';
import { noRequest, type HelpRequestState } from './help-request-state';

interface HelpRequestStore {
  state: HelpRequestState;
  setState: (state: HelpRequestState) => void;
}

/** The user's help request. Never persisted (the resume token stays in HelpRequestClient's memory). */
export const useHelpRequestStore = create<HelpRequestStore>((set) => ({
  state: noRequest,
  setState: (state) => set({ state }),
}));
