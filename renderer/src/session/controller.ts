import { useControlStore } from '../control/control-store';
import { getHost } from '../host/host';
import { toolkitStoreApi } from '../toolkit/toolkit-store';
import { createPeerLink } from './peer-link';
import { SessionController } from './session-controller';
import { useSessionStore } from './session-store';
import { connectSignaling } from './signaling-client';

/** The window's session controller, wired to the real host, network and screen. */
export const sessionController = new SessionController({
  host: getHost(),
  connect: connectSignaling,
  createPeer: createPeerLink,
  // Only a frame rate is asked for: size constraints make Chromium upscale the capture.
  captureScreen: () => navigator.mediaDevices.getDisplayMedia({ video: { frameRate: { ideal: 30, max: 30 } }, audio: false }),
  getState: () => useSessionStore.getState().state,
  setState: (state) => useSessionStore.getState().setState(state),
  control: {
    setStatus: (status) => useControlStore.getState().setStatus(status),
    addDropped: (counts) => useControlStore.getState().addDropped(counts),
    reset: () => useControlStore.getState().reset(),
  },
  toolkit: toolkitStoreApi,
});
