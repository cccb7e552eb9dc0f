import { describe, expect, it } from 'vitest';
import { createFakeHost } from '../test/fake-host';
import { createHostPorts, pickHostFile } from './host-ports';

describe('host ports (the user side)', () => {
  it('hands the host only the offer’s name, size and hash, then writes through the host’s own transfer id', async () => {
    const { host } = createFakeHost();
    const sink = await createHostPorts(host).receive({ id: 'wire-id-123', name: 'a.txt', size: 3, sha256: 'a'.repeat(64) } as never);
    expect(host.files.receive).toHaveBeenCalledWith({ name: 'a.txt', size: 3, sha256: 'a'.repeat(64) });
    await sink.write(0, 'YWJj');
    expect(host.files.write).toHaveBeenCalledWith({ id: 'host-transfer-1', offset: 0, data: 'YWJj' });
    await sink.cancel();
    expect(host.files.cancel).toHaveBeenCalledWith({ id: 'host-transfer-1' });
  });

  it('reads a picked file only by its token, and releases it when done', async () => {
    const { host } = createFakeHost();
    host.files.pick.mockResolvedValue({ ok: true, file: { id: 'token-abcdef', name: 'app.log', size: 3, sha256: 'b'.repeat(64) } });
    host.files.read.mockResolvedValue({ data: 'YWJj' });
    const picked = await pickHostFile(host);
    if (!picked.ok) throw new Error('not picked');
    await expect(picked.file.read(0, 3)).resolves.toBe('YWJj');
    expect(host.files.read).toHaveBeenCalledWith({ id: 'token-abcdef', offset: 0, length: 3 });
    picked.file.close();
    expect(host.files.release).toHaveBeenCalledWith({ id: 'token-abcdef' });
  });
});
