import type { HostApi } from '../../../shared/host-api';
import type { PickResult } from '../../../shared/files';
import type { LocalPorts, OutgoingFile } from './ports';

/**
 * The user's side: the host (main process) reads, writes and hashes files and touches the
 * OS clipboard; this renderer never sees a path nor the filesystem.
 */
export function createHostPorts(host: HostApi): LocalPorts {
  return {
    async receive(offer) {
      const { id } = await host.files.receive({ name: offer.name, size: offer.size, sha256: offer.sha256 });
      return {
        write: async (offset, data) => {
          await host.files.write({ id, offset, data });
        },
        finish: () => host.files.finish({ id }),
        cancel: async () => {
          await host.files.cancel({ id });
        },
      };
    },
    readClipboard: () => host.clipboard.readText(),
    writeClipboard: async (text) => {
      await host.clipboard.writeText({ text });
    },
  };
}

/** The host's open dialog; the picked file is read through its token only. */
export async function pickHostFile(host: HostApi): Promise<{ ok: true; file: OutgoingFile } | Exclude<PickResult, { ok: true }>> {
  const picked = await host.files.pick();
  if (!picked.ok) return picked;
  const { id, name, size, sha256 } = picked.file;
  return {
    ok: true,
    file: {
      name,
      size,
      sha256,
      read: async (offset, length) => (await host.files.read({ id, offset, length })).data,
      close: () => void host.files.release({ id }).catch(() => undefined),
    },
  };
}
