/**
 * The bridge. Runs sandboxed, so it may require only 'electron': it bundles the zod-free
 * half of the contract and exposes one frozen `window.tandem` whose methods are exactly
 * HOST_METHODS. Channel names and ipcRenderer itself never reach the page.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { buildHostApi, HOST_EVENT_CHANNEL, HOST_METHODS, hostChannel } from '../../shared/host-bridge';

contextBridge.exposeInMainWorld(
  'tandem',
  // Only the params cross; the renderer cannot pick a channel or reach the event object.
  buildHostApi(
    HOST_METHODS,
    (method, params) => ipcRenderer.invoke(hostChannel(method), params),
    (listener) => {
      // The listener sees only the payload, never the IPC event object.
      const forward = (_event: unknown, payload: unknown) => listener(payload);
      ipcRenderer.on(HOST_EVENT_CHANNEL, forward);
      return () => {
        ipcRenderer.removeListener(HOST_EVENT_CHANNEL, forward);
      };
    },
  ),
);
