import { FeatureKey } from '../session/session-feature';
import { ConsultantControl } from './consultant-control';
import { useControlStore } from './control-store';
import { UserControl } from './user-control';

/** Remote control in a live session: the consultant's or the user's end, by role. */
export const CONTROL = new FeatureKey<UserControl | ConsultantControl>('control', (context) => {
  const store = useControlStore.getState();
  store.reset();
  if (context.role === 'user') {
    return new UserControl({ host: context.host, consultantName: context.peerName || '?', send: context.send, onStatus: store.setStatus });
  }
  return new ConsultantControl({ send: context.send, onStatus: store.setStatus, onDropped: store.addDropped });
});
