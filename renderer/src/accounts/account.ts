import { getHost } from '../host/host';
import { connectSignaling } from '../session/signaling-client';
import { AccountClient } from './account-client';
import { useAccountStore } from './account-store';

/** The window's consultant sign-in, wired to the real server. */
export const accountClient = new AccountClient({
  connect: connectSignaling,
  serverUrl: async () => (await getHost().settings.get()).serverUrl,
  getState: () => useAccountStore.getState().state,
  setState: (state) => useAccountStore.getState().setState(state),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
});
