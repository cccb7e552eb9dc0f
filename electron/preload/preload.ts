/**
 * The bridge. Runs sandboxed, so it may require only 'electron': it bundles the zod-free
 * half of the contract and exposes one frozen `window.tandem` whose methods are exactly
 * HOST_METHODS. Channel names and ipcRenderer itself never reach the page.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { buildHostApi, HOST_METHODS, hostChannel } from '../../shared/host-bridge';

contextBridge.exposeInMainWorld(
  'tandem',
  // Only the params cross; the renderer cannot pick a channel or reach the event object.
  buildHostApi(HOST_METHODS, (method, params) => ipcRenderer.invoke(hostChannel(method), params)),
);
