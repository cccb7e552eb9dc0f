import { hostEventSchema, type HostApi } from '../../../shared/host-api';
import { useDeepLinkStore } from '../deep-link/deep-link-store';
import { helpRequestClient } from '../queue/queue';
import { sessionController } from '../session/controller';
import { useSessionStore } from '../session/session-store';
import { useUpdateStore } from '../updates/update-store';

/** Phases in which no session runs: a deep link may switch screens, an update may restart. */
const AT_REST = new Set(['idle', 'ended']);

/**
 * App-wide host events, subscribed once at start-up (before the first paint, so a link that
 * started the app is not missed), and the session-activity flag the host's updater reads.
 * Control status events are the control feature's own.
 */
export function startAppEvents(host: HostApi): () => void {
  const unsubscribe = host.events.subscribe((raw) => {
    const parsed = hostEventSchema.safeParse(raw);
    if (!parsed.success) return;
    const event = parsed.data;
    if (event.type === 'deeplink.join') onJoinLink(event.code);
    if (event.type === 'deeplink.request') onRequestLink(event.requestId, event.resumeToken);
    if (event.type === 'update.ready') useUpdateStore.getState().setReady(event.version);
  });

  let busy = false;
  const unsubscribeSession = useSessionStore.subscribe((store) => {
    const next = !AT_REST.has(store.state.phase);
    if (next === busy) return;
    busy = next;
    void host.app.setBusy({ busy }).catch(() => undefined);
  });
  return () => {
    unsubscribe();
    unsubscribeSession();
  };
}

/**
 * A tandem://join link only fills in the code on "Get help": the user still presses
 * Continue and then decides on sharing. A link never interrupts a session in progress.
 */
function onJoinLink(code: string): void {
  const { state, setRole } = useSessionStore.getState();
  if (!AT_REST.has(state.phase)) return;
  if (state.phase === 'ended') sessionController.reset();
  useDeepLinkStore.getState().offer(code);
  setRole('user');
}

/** A tandem://request link from the e-mail that acknowledged a request: "Get help" follows it. Never during a session. */
function onRequestLink(requestId: string, resumeToken: string): void {
  const { state, setRole } = useSessionStore.getState();
  if (!AT_REST.has(state.phase)) return;
  if (state.phase === 'ended') sessionController.reset();
  setRole('user');
  void helpRequestClient.follow(requestId, resumeToken);
}
