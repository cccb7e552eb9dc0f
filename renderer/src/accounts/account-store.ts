import { create } from 'zustand';
import { signedOut, type AccountState } from './account-state';
import type { TotpSetupState } from './totp-setup';

interface AccountStore {
  state: AccountState;
  setState: (state: AccountState) => void;
}

/** The consultant's sign-in, for the screens. Never persisted: the token lives in AccountClient's memory only. */
export const useAccountStore = create<AccountStore>((set) => ({
  state: signedOut,
  setState: (state) => set({ state }),
}));

/** Turning on two-step sign-in, step by step. Never persisted (the key is shown once). */
export const useTotpSetupStore = create<{ state: TotpSetupState; setState: (state: TotpSetupState) => void }>((set) => ({
  state: { phase: 'idle' },
  setState: (state) => set({ state }),
}));
