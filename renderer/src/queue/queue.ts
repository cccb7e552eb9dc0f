import { accountClient } from '../accounts/account';
import { useAccountStore } from '../accounts/account-store';
import { getHost } from '../host/host';
import { sessionController } from '../session/controller';
import { useSessionStore } from '../session/session-store';
import { connectSignaling } from '../session/signaling-client';
import { HelpRequestClient } from './help-request';
import { useHelpRequestStore } from './help-request-store';
import { QueueConsole } from './queue-console';
import { useQueueStore } from './queue-store';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The consultants' queue console on the signed-in connection. */
export const queueConsole = new QueueConsole({
  account: accountClient,
  startSession: (connection) => sessionController.startOnSharedConnection(connection),
  getState: () => useQueueStore.getState().state,
  setState: (state) => useQueueStore.getState().setState(state),
  now: Date.now,
});

// Whatever ends a sign-in (sign-out, expiry, revoked elsewhere, lost for good), the console's
// state goes with it: the next person to sign in never sees the previous account's queue or alerts.
useAccountStore.subscribe((current, previous) => {
  if (previous.state.status === 'signed-in' && current.state.status !== 'signed-in') queueConsole.close();
});

/** The user's help request; a claim continues into the usual join and consent flow. */
export const helpRequestClient = new HelpRequestClient({
  connect: connectSignaling,
  serverUrl: async () => (await getHost().settings.get()).serverUrl,
  getState: () => useHelpRequestStore.getState().state,
  setState: (state) => useHelpRequestStore.getState().setState(state),
  join: (code) => {
    // The person asked for help: if they wandered back to the start meanwhile, bring them to it.
    const sessions = useSessionStore.getState();
    if (sessions.role !== 'user') sessions.setRole('user');
    void sessionController.joinAsUser(code);
  },
  sleep,
});
