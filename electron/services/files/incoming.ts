/**
 * Files the peer sends to this computer. Bytes go to a temporary name in the Downloads folder
 * and are hashed as they arrive; only when the size and SHA-256 match the offer is the file
 * given its real name, never replacing an existing file. Anything refused, cancelled or
 * mismatched is deleted. Nothing here ever opens a file.
 */
import { createHash, randomBytes, type Hash } from 'node:crypto';
import { link, open, unlink, copyFile, constants, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { MAX_ACTIVE_TRANSFERS, MAX_FILE_BYTES, numberedName, sanitizeFileName, type ReceiveResult } from '../../../shared/files';
import type { Logger } from '../../../shared/log';
import { HostCallError } from '../host-call-error';

interface Incoming {
  name: string;
  size: number;
  sha256: string;
  tempPath: string;
  handle: FileHandle;
  hash: Hash;
  received: number;
  /** Writes run one after another: a chunk must land at the offset it claims. */
  busy: boolean;
}

export interface IncomingFilesDeps {
  downloadsDir: () => string;
  log: Logger;
}

/** How many numbered names to try ("report (1).txt" …) before giving up. */
const MAX_NAME_ATTEMPTS = 1000;

export function createIncomingFiles(deps: IncomingFilesDeps) {
  const active = new Map<string, Incoming>();

  const get = (id: string): Incoming => {
    const incoming = active.get(id);
    if (!incoming) throw new HostCallError('failed', 'No such transfer.');
    return incoming;
  };

  async function discard(id: string): Promise<void> {
    const incoming = active.get(id);
    if (!incoming) return;
    active.delete(id);
    await incoming.handle.close().catch(() => undefined);
    await unlink(incoming.tempPath).catch(() => undefined);
  }

  /** Links the finished temp file under the first free name; `link` fails instead of overwriting. */
  async function claimName(dir: string, name: string, tempPath: string): Promise<string> {
    for (let n = 0; n < MAX_NAME_ATTEMPTS; n++) {
      const candidate = numberedName(name, n);
      try {
        await link(tempPath, join(dir, candidate));
        return candidate;
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'EEXIST') continue;
        // Filesystems without hard links (FAT, some network shares): an exclusive copy.
        try {
          await copyFile(tempPath, join(dir, candidate), constants.COPYFILE_EXCL);
          return candidate;
        } catch (copyError) {
          if ((copyError as NodeJS.ErrnoException).code === 'EEXIST') continue;
          throw copyError;
        }
      }
    }
    throw new HostCallError('failed', 'No free file name.');
  }

  return {
    async start(offer: { name: string; size: number; sha256: string }): Promise<{ id: string }> {
      if (offer.size > MAX_FILE_BYTES) throw new HostCallError('failed', 'File too large.');
      if (active.size >= MAX_ACTIVE_TRANSFERS) throw new HostCallError('failed', 'Too many transfers.');
      const id = randomBytes(12).toString('base64url');
      const tempPath = join(deps.downloadsDir(), `.tandem-${id}.part`);
      // 'wx': never reuse or follow an existing path.
      const handle = await open(tempPath, 'wx', 0o600);
      active.set(id, { name: sanitizeFileName(offer.name), size: offer.size, sha256: offer.sha256, tempPath, handle, hash: createHash('sha256'), received: 0, busy: false });
      deps.log.info('files.receive-start', { id, size: offer.size });
      return { id };
    },

    async write(id: string, offset: number, data: string): Promise<{ received: number }> {
      const incoming = get(id);
      const bytes = Buffer.from(data, 'base64');
      if (incoming.busy || offset !== incoming.received || incoming.received + bytes.length > incoming.size) {
        await discard(id);
        throw new HostCallError('failed', 'Chunk out of order or beyond the announced size.');
      }
      incoming.busy = true;
      try {
        await incoming.handle.write(bytes, 0, bytes.length, offset);
      } catch (error) {
        await discard(id);
        throw error;
      }
      incoming.busy = false;
      incoming.hash.update(bytes);
      incoming.received += bytes.length;
      return { received: incoming.received };
    },

    async finish(id: string): Promise<ReceiveResult> {
      const incoming = get(id);
      if (incoming.busy) throw new HostCallError('failed', 'A write is in progress.');
      active.delete(id);
      await incoming.handle.close();
      const digest = incoming.hash.digest('hex');
      const reason = incoming.received !== incoming.size ? 'size-mismatch' : digest !== incoming.sha256 ? 'hash-mismatch' : null;
      try {
        if (reason) {
          deps.log.warn('files.receive-rejected', { id, reason });
          return { ok: false, reason };
        }
        const savedAs = await claimName(deps.downloadsDir(), incoming.name, incoming.tempPath);
        deps.log.info('files.receive-saved', { id, size: incoming.size });
        return { ok: true, savedAs };
      } finally {
        await unlink(incoming.tempPath).catch(() => undefined);
      }
    },

    cancel: (id: string): Promise<void> => discard(id),

    /** Deletes every partial file (session or app ending). */
    async dispose(): Promise<void> {
      await Promise.all([...active.keys()].map((id) => discard(id)));
    },
  };
}

export type IncomingFiles = ReturnType<typeof createIncomingFiles>;
