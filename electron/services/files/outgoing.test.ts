import { createHash } from 'node:crypto';
import { mkdtemp, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FILE_CHUNK_BYTES, MAX_FILE_BYTES } from '../../../shared/files';
import { silentLogger } from '../../../shared/log';
import { createOutgoingFiles } from './outgoing';

let dir: string;
let next: string | null;
const outgoing = () => createOutgoingFiles({ pickFile: () => Promise.resolve(next), log: silentLogger });

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tandem-outgoing-'));
  next = null;
});
afterEach(async () => rm(dir, { recursive: true, force: true }));

describe('outgoing files', () => {
  it('announces name, size and SHA-256, and reads back the same bytes in chunks', async () => {
    const data = Buffer.from(Array.from({ length: FILE_CHUNK_BYTES * 2 + 17 }, (_, i) => (i * 7) % 256));
    next = join(dir, 'app.log');
    await writeFile(next, data);
    const files = outgoing();
    const picked = await files.pick();
    if (!picked.ok) throw new Error('not picked');
    expect(picked.file).toMatchObject({ name: 'app.log', size: data.length, sha256: createHash('sha256').update(data).digest('hex') });
    const parts: Buffer[] = [];
    for (let offset = 0; offset < data.length; offset += FILE_CHUNK_BYTES) {
      parts.push(Buffer.from((await files.read(picked.file.id, offset, FILE_CHUNK_BYTES)).data, 'base64'));
    }
    expect(Buffer.concat(parts).equals(data)).toBe(true);
    // Never more than one chunk per read, whatever is asked.
    expect(Buffer.from((await files.read(picked.file.id, 0, FILE_CHUNK_BYTES * 4)).data, 'base64').length).toBe(FILE_CHUNK_BYTES);
    await files.release(picked.file.id);
    await expect(files.read(picked.file.id, 0, 10)).rejects.toThrow(/no such file/i);
  });

  it('reports a cancelled dialog, a too-large file and a folder without reading them', async () => {
    const files = outgoing();
    await expect(files.pick()).resolves.toEqual({ ok: false, reason: 'cancelled' });
    next = join(dir, 'huge.iso');
    await writeFile(next, '');
    await truncate(next, MAX_FILE_BYTES + 1); // sparse: nothing is really written
    await expect(files.pick()).resolves.toEqual({ ok: false, reason: 'too-large' });
    next = dir;
    await expect(files.pick()).resolves.toEqual({ ok: false, reason: 'unreadable' });
    next = join(dir, 'missing.txt');
    await expect(files.pick()).resolves.toEqual({ ok: false, reason: 'unreadable' });
  });

  it('reads only files picked in the dialog, by token', async () => {
    await expect(outgoing().read('someone-elses-id', 0, 10)).rejects.toThrow(/no such file/i);
  });
});
