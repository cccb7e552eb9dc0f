import { FeatureKey } from '../session/session-feature';
import { ConsultantControl } from './consultant-control';
import { useControlStore } from './control-store';
import { UserControl } from './user-control';
import { controlNeedsSafetyCode } from '../../../shared/safety-code';
import { usePolicyStore } from '../policy/policy-store';
import { useSafetyCodeStore } from '../session/safety-code-store';

/**
 * The safety-code gate of the user's side: a control request waits until the person pressed
 * "It matches" (when the policy wants it for this helper), then the consent prompt is offered.
 */
function safetyCodeGate(helperVerified: boolean) {
  return {
    required: () => controlNeedsSafetyCode(usePolicyStore.getState().policy.requireSafetyCodeForControl, helperVerified) && !useSafetyCodeStore.getState().state.confirmed,
    held: (offer: () => void) => {
      useSafetyCodeStore.getState().setControlWaiting(true);
      const unsubscribe = useSafetyCodeStore.subscribe(({ state }) => {
        // Confirmed: offer it now. No code any more: the session ended, nothing to offer.
        if (state.confirmed) offer();
        if (state.confirmed || !state.code) unsubscribe();
      });
    },
  };
}

/** Remote control in a live session: the consultant's or the user's end, by role. */
export const CONTROL = new FeatureKey<UserControl | ConsultantControl>('control', (context) => {
  const store = useControlStore.getState();
  store.reset();
  if (context.role === 'user') {
    return new UserControl({
      host: context.host,
      consultantName: context.peerName || '?',
      send: context.send,
      onStatus: store.setStatus,
      safetyCode: safetyCodeGate(context.verified !== null),
    });
  }
  return new ConsultantControl({ send: context.send, onStatus: store.setStatus, onDropped: store.addDropped });
});
