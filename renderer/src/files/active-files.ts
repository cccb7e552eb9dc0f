import { MAX_FILE_BYTES } from '../../../shared/files';
import type { HostApi } from '../../../shared/host-api';
import { sessionController } from '../session/controller';
import { browserOutgoingFile } from './browser-ports';
import type { FileTransfers } from './file-transfers';
import { FILES } from './files-feature';
import { filesStoreApi } from './files-store';
import { pickHostFile } from './host-ports';

/** The live session's file transfers, or null outside one. */
export function activeFiles(): FileTransfers | null {
  return sessionController.feature(FILES);
}

/** User: the host's open dialog, then the offer (the consultant still agrees to receive it). */
export async function answerRequestWithHostFile(host: HostApi): Promise<void> {
  const picked = await pickHostFile(host).catch(() => ({ ok: false as const, reason: 'unreadable' as const }));
  const files = activeFiles();
  if (!files) {
    if (picked.ok) picked.file.close();
    return;
  }
  if (picked.ok) files.answerRequest(picked.file);
  else if (picked.reason !== 'cancelled') filesStoreApi.set({ pickNotice: picked.reason });
}

/** Consultant: reads and hashes the chosen file in the browser, then offers it. */
export async function offerBrowserFile(file: File): Promise<void> {
  // Checked before reading anything: the whole file is hashed in memory.
  if (file.size > MAX_FILE_BYTES) {
    filesStoreApi.set({ pickNotice: 'too-large' });
    return;
  }
  filesStoreApi.set({ preparing: true, pickNotice: null });
  try {
    const source = await browserOutgoingFile(file).catch(() => null);
    if (source) activeFiles()?.offer(source);
    else filesStoreApi.set({ pickNotice: 'unreadable' });
  } finally {
    filesStoreApi.set({ preparing: false });
  }
}
