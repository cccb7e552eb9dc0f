import { describe, expect, it } from 'vitest';
import { expiredRecordings, type RecordingMeta } from '../../../shared/recording';
import { createMemoryVaultBackend, RecordingVault, timelineJsonLines } from './recording-vault';

const START = Date.UTC(2026, 11, 4, 9, 0, 0);
const meta = { id: crypto.randomUUID(), sessionId: crypto.randomUUID(), peerName: 'Camille', startedAt: START, mimeType: 'video/webm' };
const chunk = (text: string) => new Blob([text], { type: 'video/webm' });

describe('recording vault', () => {
  it('stores each chunk as it is handed over, so a crash keeps everything before it', async () => {
    const backend = createMemoryVaultBackend();
    const writer = await new RecordingVault(backend).begin(meta);
    await writer.appendChunk(chunk('aaa'));
    await writer.appendChunk(chunk('bb'));
    // The app "crashes" here: a fresh vault over the same storage finds both chunks, in order,
    // and a recording that never wrote its end.
    const after = await new RecordingVault(backend).read(meta.id);
    expect(after?.meta).toMatchObject({ chunks: 2, bytes: 5, endedAt: null, endedBy: null });
    expect(await after?.video.text()).toBe('aaabb');
  });

  it('writes chunks and lines in the order they came, even when the writes overlap', async () => {
    const backend = createMemoryVaultBackend();
    const writer = await new RecordingVault(backend).begin(meta);
    const writes = ['1', '2', '3', '4'].map((part) => writer.appendChunk(chunk(part)));
    void writer.appendLine({ kind: 'chat', at: 1200, from: 'user', text: 'Bonjour' });
    void writer.appendLine({ kind: 'event', at: 1500, event: 'voice.on' });
    const ended = await writer.finish('user', START + 4000);
    await Promise.all(writes);
    expect(ended).toMatchObject({ chunks: 4, bytes: 4, endedAt: START + 4000, endedBy: 'user' });
    const stored = await new RecordingVault(backend).read(meta.id);
    expect(await stored?.video.text()).toBe('1234');
    expect(timelineJsonLines(stored?.timeline ?? [])).toBe('{"kind":"chat","at":1200,"from":"user","text":"Bonjour"}\n{"kind":"event","at":1500,"event":"voice.on"}\n');
  });

  it('keeps going after one failed write, and does not count the chunk it lost', async () => {
    const backend = createMemoryVaultBackend();
    const writer = await new RecordingVault(backend).begin(meta);
    backend.failNextChunk = true;
    await expect(writer.appendChunk(chunk('lost'))).rejects.toThrow('disk full');
    await writer.appendChunk(chunk('kept'));
    expect((await new RecordingVault(backend).read(meta.id))?.meta).toMatchObject({ chunks: 1, bytes: 4 });
  });

  it('lists newest first, skips damaged records, and deletes a recording with its chunks and timeline', async () => {
    const backend = createMemoryVaultBackend();
    const vault = new RecordingVault(backend);
    const older = await vault.begin({ ...meta, id: crypto.randomUUID(), startedAt: START - 1000 });
    await older.appendChunk(chunk('x'));
    await vault.begin(meta);
    await backend.putMeta({ ...meta, id: 'not-a-uuid' } as RecordingMeta);
    expect((await vault.list()).map((entry) => entry.id)).toEqual([meta.id, older.meta.id]);
    await vault.remove(older.meta.id);
    expect(await vault.read(older.meta.id)).toBeNull();
    expect(await backend.chunks(older.meta.id)).toEqual([]);
  });
});

describe('retention', () => {
  const day = 24 * 3600 * 1000;
  const at = (startedAt: number): RecordingMeta => ({ ...meta, id: crypto.randomUUID(), startedAt, endedAt: null, endedBy: null, chunks: 0, bytes: 0 });

  it('gives the recordings older than the retention, unfinished ones included', () => {
    const now = START + 40 * day;
    const kept = at(START + 11 * day);
    const old = at(START + 9 * day);
    const edge = at(now - 30 * day);
    expect(expiredRecordings([kept, old, edge], now, 30)).toEqual([old]);
    expect(expiredRecordings([kept, old, edge], now, 1)).toEqual([kept, old, edge]);
  });
});
