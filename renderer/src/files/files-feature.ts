import { FeatureKey } from '../session/session-feature';
import { createBrowserPorts } from './browser-ports';
import { FileTransfers } from './file-transfers';
import { filesStoreApi } from './files-store';
import { createHostPorts } from './host-ports';

/**
 * Files and clipboard text in a live session. The user's side goes through the host (files
 * in Downloads, the OS clipboard); the consultant's side uses the browser's own file input,
 * downloads and clipboard, so it works the same from the server's web page.
 */
export const FILES = new FeatureKey<FileTransfers>('files', (context) => {
  filesStoreApi.reset();
  return new FileTransfers({
    role: context.role,
    send: context.send,
    ports: context.role === 'user' ? createHostPorts(context.host) : createBrowserPorts(window),
    store: filesStoreApi,
  });
});
