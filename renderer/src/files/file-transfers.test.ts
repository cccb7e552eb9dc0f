import { describe, expect, it } from 'vitest';
import { FILE_CHUNK_BYTES, FILE_WINDOW_BYTES, MAX_ACTIVE_TRANSFERS, type FilesMessage, type ReceiveResult } from '../../../shared/files';
import { fromBase64, sha256Hex, toBase64 } from './base64';
import { FileTransfers } from './file-transfers';
import type { FilesStoreApi } from './files-store';
import type { IncomingFile, LocalPorts, OutgoingFile } from './ports';

/** A store like the zustand one, per side, so both ends can live in one test. */
function memoryStore(): FilesStoreApi {
  let state = { transfers: [], request: 'none', preparing: false, pickNotice: null, clipboardOffer: null, clipboardNotice: null } as unknown as ReturnType<FilesStoreApi['get']>;
  const api: FilesStoreApi = {
    get: () => state,
    set: (patch) => (state = { ...state, ...patch }),
    upsert: (id, patch) => {
      const index = state.transfers.findIndex((transfer) => transfer.id === id);
      const transfers = [...state.transfers];
      if (index < 0) transfers.push(patch as (typeof transfers)[number]);
      else transfers[index] = { ...transfers[index]!, ...patch };
      state = { ...state, transfers };
    },
    reset: () => undefined,
  };
  return api;
}

const sha256 = (data: Uint8Array<ArrayBuffer>) => sha256Hex(data);

function concat(parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const all = new Uint8Array(parts.reduce((total, part) => total + part.length, 0));
  let at = 0;
  for (const part of parts) {
    all.set(part, at);
    at += part.length;
  }
  return all;
}
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

function memorySource(data: Uint8Array, name: string, announced: string): OutgoingFile & { closed: boolean } {
  return {
    name,
    size: data.length,
    sha256: announced,
    closed: false,
    read: (offset, length) => Promise.resolve(toBase64(data.subarray(offset, offset + length))),
    close() {
      this.closed = true;
    },
  };
}

/** The receiving port: a "disk" that verifies like the host does and records what happened. */
function memoryPorts() {
  const disk = { opened: 0, cancelled: 0, saved: [] as Uint8Array<ArrayBuffer>[], clipboard: '' };
  const ports: LocalPorts = {
    receive: (offer) => {
      disk.opened++;
      const parts: Uint8Array[] = [];
      const sink: IncomingFile = {
        write: (_offset, data) => (parts.push(fromBase64(data)), Promise.resolve()),
        finish: async (): Promise<ReceiveResult> => {
          const all = concat(parts);
          if ((await sha256(all)) !== offer.sha256) return { ok: false, reason: 'hash-mismatch' };
          disk.saved.push(all);
          return { ok: true, savedAs: offer.name };
        },
        cancel: () => (disk.cancelled++, Promise.resolve()),
      };
      return Promise.resolve(sink);
    },
    readClipboard: () => Promise.resolve(disk.clipboard ? { ok: true as const, text: disk.clipboard } : { ok: false as const, reason: 'empty' as const }),
    writeClipboard: (text) => ((disk.clipboard = text), Promise.resolve()),
  };
  return { ports, disk };
}

/** Two ends joined by an asynchronous fake channel that records every message. */
function pair() {
  const wire: { from: 'consultant' | 'user'; message: FilesMessage }[] = [];
  const consultantSide = memoryPorts();
  const userSide = memoryPorts();
  const sides: { consultant?: FileTransfers; user?: FileTransfers } = {};
  const channel = (from: 'consultant' | 'user') => (message: FilesMessage) => {
    wire.push({ from, message });
    const to = from === 'consultant' ? sides.user : sides.consultant;
    // JSON round trip, like the data channel.
    const copy: unknown = JSON.parse(JSON.stringify(message));
    setTimeout(() => to?.handle(copy), 0);
  };
  const consultantStore = memoryStore();
  const userStore = memoryStore();
  sides.consultant = new FileTransfers({ role: 'consultant', send: channel('consultant'), ports: consultantSide.ports, store: consultantStore });
  sides.user = new FileTransfers({ role: 'user', send: channel('user'), ports: userSide.ports, store: userStore });
  return { consultant: sides.consultant, user: sides.user, consultantStore, userStore, consultantSide, userSide, wire };
}

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 2000 && !condition(); i++) await flush();
  if (!condition()) throw new Error('condition never met');
}

const random = (size: number) => Uint8Array.from({ length: size }, (_, i) => (i * 31 + (i >> 8)) % 256);
/** A source announcing its true SHA-256 (or `announced`, to simulate corruption). */
async function fileOf(data: Uint8Array<ArrayBuffer>, name = 'tool.exe', announced?: string) {
  return memorySource(data, name, announced ?? (await sha256(data)));
}

describe('file transfers', () => {
  it('a file goes across in chunks only after the receiver agrees, and arrives with the same SHA-256', async () => {
    const { consultant, user, userStore, consultantStore, userSide, wire } = pair();
    const data = random(FILE_CHUNK_BYTES * 9 + 123);
    const source = await fileOf(data);
    const id = consultant.offer(source);
    await until(() => userStore.get().transfers.length === 1);
    expect(userStore.get().transfers[0]).toMatchObject({ id, direction: 'in', status: 'incoming', size: data.length });
    expect(userSide.disk.opened).toBe(0);
    expect(wire.some((entry) => entry.message.t === 'file.chunk')).toBe(false);

    await user.accept(id);
    await until(() => consultantStore.get().transfers[0]?.status === 'done');
    expect(userStore.get().transfers[0]).toMatchObject({ status: 'done', savedAs: 'tool.exe', transferred: data.length });
    expect(await sha256(userSide.disk.saved[0]!)).toBe(await sha256(data));
    expect(source.closed).toBe(true);
    // Every chunk fits the window: never more than FILE_WINDOW_BYTES unacknowledged.
    let sent = 0;
    let acked = 0;
    for (const { message } of wire) {
      if (message.t === 'file.chunk') sent = message.offset + fromBase64(message.data).length;
      if (message.t === 'file.ack') acked = message.received;
      expect(sent - acked).toBeLessThanOrEqual(FILE_WINDOW_BYTES);
    }
  });

  it('a declined offer never opens anything on the receiving side', async () => {
    const { consultant, user, userStore, consultantStore, userSide } = pair();
    const source = await fileOf(random(1000));
    const id = consultant.offer(source);
    await until(() => userStore.get().transfers.length === 1);
    user.decline(id);
    await until(() => consultantStore.get().transfers[0]?.status === 'declined');
    expect(userSide.disk.opened).toBe(0);
    expect(source.closed).toBe(true);
  });

  it('a mismatched hash is rejected on both sides and nothing is kept', async () => {
    const { consultant, user, userStore, consultantStore, userSide } = pair();
    const id = consultant.offer(await fileOf(random(5000), 'x.bin', 'f'.repeat(64)));
    await until(() => userStore.get().transfers.length === 1);
    await user.accept(id);
    await until(() => consultantStore.get().transfers[0]?.status === 'rejected');
    expect(userStore.get().transfers[0]?.status).toBe('rejected');
    expect(userSide.disk.saved).toEqual([]);
  });

  it('either side can cancel mid-transfer; the partial file is discarded', async () => {
    for (const canceller of ['sender', 'receiver'] as const) {
      const { consultant, user, userStore, consultantStore, userSide } = pair();
      const source = await fileOf(random(FILE_CHUNK_BYTES * 40));
      const id = consultant.offer(source);
      await until(() => userStore.get().transfers.length === 1);
      await user.accept(id);
      await until(() => (userStore.get().transfers[0]?.transferred ?? 0) > 0);
      (canceller === 'sender' ? consultant : user).cancel(id);
      await until(() => consultantStore.get().transfers[0]?.status === 'cancelled' && userStore.get().transfers[0]?.status === 'cancelled');
      await until(() => userSide.disk.cancelled === 1);
      expect(userSide.disk.saved).toEqual([]);
      expect(source.closed).toBe(true);
    }
  });

  it('the user answers a request with a file, or declines it', async () => {
    const { consultant, user, userStore, consultantStore, consultantSide } = pair();
    consultant.requestFile();
    await until(() => userStore.get().request === 'asked');
    user.declineRequest();
    await until(() => consultantStore.get().request === 'declined');

    consultant.requestFile();
    await until(() => userStore.get().request === 'asked');
    const data = random(777);
    user.answerRequest(await fileOf(data, 'app.log'));
    expect(userStore.get().request).toBe('none');
    await until(() => consultantStore.get().transfers[0]?.status === 'incoming');
    await consultant.accept(consultantStore.get().transfers[0]!.id);
    await until(() => userStore.get().transfers[0]?.status === 'done');
    expect(await sha256(consultantSide.disk.saved[0]!)).toBe(await sha256(data));
  });

  it('only the consultant can ask for a file', async () => {
    const { consultant, consultantStore } = pair();
    consultant.handle({ t: 'file.request' });
    await flush();
    expect(consultantStore.get().request).toBe('none');
  });

  it('offers beyond the limit are declined at once, on both ends', async () => {
    const { consultant, user, userStore, consultantStore, wire } = pair();
    for (let i = 0; i < MAX_ACTIVE_TRANSFERS; i++) consultant.offer(await fileOf(random(10), `f${i}`));
    consultant.offer(await fileOf(random(10), 'one-more'));
    expect(consultantStore.get().pickNotice).toBe('busy');
    await until(() => userStore.get().transfers.length === MAX_ACTIVE_TRANSFERS);
    // A peer that ignores its own limit gets a decline without any question to the user.
    user.handle({ t: 'file.offer', offer: { id: 'extra-offer', name: 'x', size: 1, sha256: 'a'.repeat(64) } });
    expect(userStore.get().transfers).toHaveLength(MAX_ACTIVE_TRANSFERS);
    expect(wire.at(-1)).toEqual({ from: 'user', message: { t: 'file.decline', id: 'extra-offer' } });
  });

  it('a sender that ignores the window is cut off', async () => {
    const { user, userStore, wire } = pair();
    user.handle({ t: 'file.offer', offer: { id: 'hostile-1', name: 'x', size: FILE_CHUNK_BYTES * 40, sha256: 'a'.repeat(64) } });
    await user.accept('hostile-1');
    const data = toBase64(new Uint8Array(FILE_CHUNK_BYTES));
    for (let i = 0; i < 30; i++) user.handle({ t: 'file.chunk', id: 'hostile-1', offset: i * FILE_CHUNK_BYTES, data });
    await until(() => userStore.get().transfers[0]?.status === 'failed');
    expect(wire.some((entry) => entry.from === 'user' && entry.message.t === 'file.cancel')).toBe(true);
  });

  it('clipboard text goes across once, and lands only after the receiver says yes', async () => {
    const { consultant, user, userStore, consultantStore, consultantSide, userSide } = pair();
    await consultant.sendClipboard();
    expect(consultantStore.get().clipboardNotice).toBe('empty');
    consultantSide.disk.clipboard = 'ipconfig /flushdns';
    await consultant.sendClipboard();
    await until(() => userStore.get().clipboardOffer === 'ipconfig /flushdns');
    expect(userSide.disk.clipboard).toBe('');
    await user.answerClipboard(true);
    expect(userSide.disk.clipboard).toBe('ipconfig /flushdns');
    await until(() => consultantStore.get().clipboardNotice === 'accepted');

    userSide.disk.clipboard = 'C:\\Users\\me\\log.txt';
    await user.sendClipboard();
    await until(() => consultantStore.get().clipboardOffer !== null);
    await consultant.answerClipboard(false);
    expect(consultantSide.disk.clipboard).toBe('ipconfig /flushdns');
    await until(() => userStore.get().clipboardNotice === 'declined');
  });

  it('ignores messages that are not its own, and dispose discards what is in flight', async () => {
    const { consultant, user, userStore, userSide } = pair();
    expect(user.handle({ t: 'control.request' })).toBe(false);
    expect(user.handle({ t: 'clipboard.text', text: 'bad\u0000' })).toBe(false);
    const id = consultant.offer(await fileOf(random(FILE_CHUNK_BYTES * 40)));
    await until(() => userStore.get().transfers.length === 1);
    await user.accept(id);
    await user.dispose();
    expect(userSide.disk.cancelled).toBe(1);
  });
});
