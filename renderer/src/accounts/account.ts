import { getHost } from '../host/host';
import { connectSignaling } from '../session/signaling-client';
import { AccountClient } from './account-client';
import { useAccountStore, useTotpSetupStore } from './account-store';
import { TotpSetup } from './totp-setup';

/** The window's consultant sign-in, wired to the real server. */
export const accountClient = new AccountClient({
  connect: connectSignaling,
  serverUrl: async () => (await getHost().settings.get()).serverUrl,
  getState: () => useAccountStore.getState().state,
  setState: (state) => useAccountStore.getState().setState(state),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
});

/** Two-step sign-in setup on the same signed-in connection. */
export const totpSetup = new TotpSetup({
  account: accountClient,
  getState: () => useTotpSetupStore.getState().state,
  setState: (state) => useTotpSetupStore.getState().setState(state),
});
