import { create } from 'zustand';
import { signedOut, type AccountState } from './account-state';

interface AccountStore {
  state: AccountState;
  setState: (state: AccountState) => void;
}

/** The consultant's sign-in, for the screens. Never persisted: the token lives in AccountClient's memory only. */
export const useAccountStore = create<AccountStore>((set) => ({
  state: signedOut,
  setState: (state) => set({ state }),
}));
