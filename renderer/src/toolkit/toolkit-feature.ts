import { FeatureKey } from '../session/session-feature';
import { ConsultantToolkit } from './consultant-toolkit';
import { toolkitStoreApi } from './toolkit-store';
import { UserToolkit } from './user-toolkit';

/** Diagnostics and repairs in a live session: the consultant's or the user's end, by role. */
export const TOOLKIT = new FeatureKey<UserToolkit | ConsultantToolkit>('toolkit', (context) => {
  toolkitStoreApi.reset();
  if (context.role === 'user') {
    return new UserToolkit({ host: context.host, consultantName: context.peerName || '?', send: context.send, store: toolkitStoreApi, restart: context.restart });
  }
  return new ConsultantToolkit(context.send, toolkitStoreApi);
});
