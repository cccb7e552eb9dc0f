/** The host's half of file transfers: what the user sends (picked files) and receives (Downloads). */
import type { Logger } from '../../../shared/log';
import { createIncomingFiles, type IncomingFiles } from './incoming';
import { createOutgoingFiles, type OutgoingFiles } from './outgoing';

export interface FilesServiceDeps {
  /** The user's Downloads folder (Electron: app.getPath('downloads')). */
  downloadsDir: () => string;
  /** The native open dialog; resolves to a path or null. */
  pickFile: () => Promise<string | null>;
  log: Logger;
}

export interface FilesService {
  outgoing: OutgoingFiles;
  incoming: IncomingFiles;
  /** Closes picked files and deletes every partial download. */
  dispose(): Promise<void>;
}

export function createFilesService(deps: FilesServiceDeps): FilesService {
  const outgoing = createOutgoingFiles({ pickFile: deps.pickFile, log: deps.log });
  const incoming = createIncomingFiles({ downloadsDir: deps.downloadsDir, log: deps.log });
  return {
    outgoing,
    incoming,
    dispose: async () => {
      await Promise.all([outgoing.dispose(), incoming.dispose()]);
    },
  };
}
