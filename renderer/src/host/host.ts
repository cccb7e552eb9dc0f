import type { HostApi } from '../../../shared/host-api';
import { createBrowserHost } from './browser-host';

declare global {
  interface Window {
    /** Exposed by the Electron preload (or the e2e harness standing in for it); absent in a plain browser. */
    readonly tandem?: HostApi;
  }
}

let host: HostApi | null = null;

/** The app's host: the desktop app's main process when there is one, else the browser itself. */
export function getHost(): HostApi {
  host ??= window.tandem ?? createBrowserHost(window);
  return host;
}
