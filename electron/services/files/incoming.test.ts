import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FILE_CHUNK_BYTES, MAX_ACTIVE_TRANSFERS, MAX_FILE_BYTES } from '../../../shared/files';
import { silentLogger } from '../../../shared/log';
import { createIncomingFiles, type IncomingFiles } from './incoming';

let dir: string;
let incoming: IncomingFiles;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tandem-incoming-'));
  incoming = createIncomingFiles({ downloadsDir: () => dir, log: silentLogger });
});
afterEach(async () => {
  await incoming.dispose();
  await rm(dir, { recursive: true, force: true });
});

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

/** Writes `data` in protocol-sized chunks and finishes. */
async function receive(name: string, data: Buffer, announced = sha256(data)) {
  const { id } = await incoming.start({ name, size: data.length, sha256: announced });
  for (let offset = 0; offset < data.length; offset += FILE_CHUNK_BYTES) {
    await incoming.write(id, offset, data.subarray(offset, offset + FILE_CHUNK_BYTES).toString('base64'));
  }
  return incoming.finish(id);
}

describe('incoming files', () => {
  it('saves a verified file under its sanitised name, and nothing else remains', async () => {
    const data = Buffer.from(Array.from({ length: 100_000 }, (_, i) => i % 251));
    await expect(receive('../report.txt', data)).resolves.toEqual({ ok: true, savedAs: '_report.txt' });
    expect(await readdir(dir)).toEqual(['_report.txt']);
    expect(sha256(await readFile(join(dir, '_report.txt')))).toBe(sha256(data));
  });

  it('never overwrites: the next free numbered name is used', async () => {
    await writeFile(join(dir, 'report.txt'), 'mine');
    await writeFile(join(dir, 'report (1).txt'), 'mine too');
    await expect(receive('report.txt', Buffer.from('theirs'))).resolves.toEqual({ ok: true, savedAs: 'report (2).txt' });
    expect(await readFile(join(dir, 'report.txt'), 'utf8')).toBe('mine');
    expect(await readFile(join(dir, 'report (2).txt'), 'utf8')).toBe('theirs');
  });

  it('deletes a file whose SHA-256 does not match the offer', async () => {
    const data = Buffer.from('hello');
    await expect(receive('x.txt', data, sha256(Buffer.from('other')))).resolves.toEqual({ ok: false, reason: 'hash-mismatch' });
    expect(await readdir(dir)).toEqual([]);
  });

  it('deletes a file shorter than announced', async () => {
    const { id } = await incoming.start({ name: 'x.txt', size: 10, sha256: sha256(Buffer.alloc(10)) });
    await incoming.write(id, 0, Buffer.alloc(5).toString('base64'));
    await expect(incoming.finish(id)).resolves.toEqual({ ok: false, reason: 'size-mismatch' });
    expect(await readdir(dir)).toEqual([]);
  });

  it('writes only to a temporary name until verified', async () => {
    const { id } = await incoming.start({ name: 'driver.zip', size: 4, sha256: sha256(Buffer.from('abcd')) });
    await incoming.write(id, 0, Buffer.from('ab').toString('base64'));
    const names = await readdir(dir);
    expect(names).toHaveLength(1);
    expect(names[0]).toMatch(/^\.tandem-[A-Za-z0-9_-]+\.part$/);
  });

  it('cancel deletes the partial file', async () => {
    const { id } = await incoming.start({ name: 'a.bin', size: 4, sha256: sha256(Buffer.from('abcd')) });
    await incoming.write(id, 0, Buffer.from('ab').toString('base64'));
    await incoming.cancel(id);
    expect(await readdir(dir)).toEqual([]);
    await expect(incoming.write(id, 2, Buffer.from('cd').toString('base64'))).rejects.toThrow(/no such transfer/i);
  });

  it('an out-of-order chunk or one beyond the announced size ends the transfer and deletes it', async () => {
    const first = await incoming.start({ name: 'a.bin', size: 4, sha256: sha256(Buffer.from('abcd')) });
    await expect(incoming.write(first.id, 2, Buffer.from('cd').toString('base64'))).rejects.toThrow(/out of order/);
    const second = await incoming.start({ name: 'b.bin', size: 2, sha256: sha256(Buffer.from('ab')) });
    await expect(incoming.write(second.id, 0, Buffer.from('abc').toString('base64'))).rejects.toThrow(/beyond/);
    expect(await readdir(dir)).toEqual([]);
  });

  it('refuses files over the size limit and too many transfers at once', async () => {
    await expect(incoming.start({ name: 'big', size: MAX_FILE_BYTES + 1, sha256: 'a'.repeat(64) })).rejects.toThrow(/too large/i);
    for (let i = 0; i < MAX_ACTIVE_TRANSFERS; i++) await incoming.start({ name: `f${i}`, size: 1, sha256: 'a'.repeat(64) });
    await expect(incoming.start({ name: 'one-more', size: 1, sha256: 'a'.repeat(64) })).rejects.toThrow(/too many/i);
  });

  it('dispose deletes every partial file', async () => {
    await incoming.start({ name: 'a', size: 1, sha256: 'a'.repeat(64) });
    await incoming.start({ name: 'b', size: 1, sha256: 'a'.repeat(64) });
    expect(await readdir(dir)).toHaveLength(2);
    await incoming.dispose();
    expect(await readdir(dir)).toEqual([]);
  });

  it('an empty file is saved when its hash matches', async () => {
    await expect(receive('empty.txt', Buffer.alloc(0))).resolves.toEqual({ ok: true, savedAs: 'empty.txt' });
  });
});
