/**
 * Files the user sends from this computer. Only a file the user picked in the host's own
 * open dialog can be read, through an opaque token: the renderer never names a path, so a
 * compromised page or a hostile peer cannot read anything else.
 */
import { createHash, randomBytes } from 'node:crypto';
import { open, type FileHandle } from 'node:fs/promises';
import { basename } from 'node:path';
import { FILE_CHUNK_BYTES, MAX_ACTIVE_TRANSFERS, MAX_FILE_BYTES, type PickResult } from '../../../shared/files';
import type { Logger } from '../../../shared/log';
import { HostCallError } from '../host-call-error';

export interface OutgoingFilesDeps {
  /** The native open dialog: an absolute path, or null when the user cancelled. */
  pickFile: () => Promise<string | null>;
  log: Logger;
}

interface Picked {
  handle: FileHandle;
  size: number;
}

const HASH_BLOCK_BYTES = 1024 * 1024;

async function sha256Of(handle: FileHandle, size: number): Promise<string> {
  const hash = createHash('sha256');
  const block = Buffer.alloc(HASH_BLOCK_BYTES);
  for (let offset = 0; offset < size; ) {
    const { bytesRead } = await handle.read(block, 0, Math.min(HASH_BLOCK_BYTES, size - offset), offset);
    if (bytesRead === 0) break;
    hash.update(block.subarray(0, bytesRead));
    offset += bytesRead;
  }
  return hash.digest('hex');
}

export function createOutgoingFiles(deps: OutgoingFilesDeps) {
  const picked = new Map<string, Picked>();

  async function release(id: string): Promise<void> {
    const file = picked.get(id);
    picked.delete(id);
    await file?.handle.close().catch(() => undefined);
  }

  return {
    async pick(): Promise<PickResult> {
      if (picked.size >= MAX_ACTIVE_TRANSFERS) throw new HostCallError('failed', 'Too many transfers.');
      const path = await deps.pickFile();
      if (!path) return { ok: false, reason: 'cancelled' };
      let handle: FileHandle;
      try {
        handle = await open(path, 'r');
      } catch {
        return { ok: false, reason: 'unreadable' };
      }
      try {
        const stat = await handle.stat();
        if (!stat.isFile()) throw new Error('not a regular file');
        if (stat.size > MAX_FILE_BYTES) {
          await handle.close();
          return { ok: false, reason: 'too-large' };
        }
        const sha256 = await sha256Of(handle, stat.size);
        const id = randomBytes(12).toString('base64url');
        picked.set(id, { handle, size: stat.size });
        deps.log.info('files.picked', { id, size: stat.size });
        return { ok: true, file: { id, name: basename(path), size: stat.size, sha256 } };
      } catch {
        await handle.close().catch(() => undefined);
        return { ok: false, reason: 'unreadable' };
      }
    },

    async read(id: string, offset: number, length: number): Promise<{ data: string }> {
      const file = picked.get(id);
      if (!file) throw new HostCallError('failed', 'No such file.');
      const size = Math.min(length, FILE_CHUNK_BYTES, Math.max(0, file.size - offset));
      const buffer = Buffer.alloc(size);
      const { bytesRead } = size > 0 ? await file.handle.read(buffer, 0, size, offset) : { bytesRead: 0 };
      return { data: buffer.subarray(0, bytesRead).toString('base64') };
    },

    release,

    async dispose(): Promise<void> {
      await Promise.all([...picked.keys()].map((id) => release(id)));
    },
  };
}

export type OutgoingFiles = ReturnType<typeof createOutgoingFiles>;
