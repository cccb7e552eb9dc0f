import { beforeEach, describe, expect, it } from 'vitest';
import { filesStoreApi, MAX_FINISHED_TRANSFERS, type TransferView } from './files-store';

const view = (id: string): TransferView => ({ id, direction: 'in', name: `${id}.txt`, size: 1, transferred: 0, status: 'incoming' });

beforeEach(() => filesStoreApi.reset());

describe('the files store', () => {
  // Seen while writing file-transfers.fuzz.test.ts: a consultant looping file.offer and file.cancel grew the list without end.
  it('keeps a bounded number of finished transfers, dropping the oldest, however many a peer offers and cancels', () => {
    for (let n = 0; n < MAX_FINISHED_TRANSFERS * 3; n++) {
      filesStoreApi.upsert(`t${n}`, view(`t${n}`));
      filesStoreApi.upsert(`t${n}`, { status: 'cancelled' });
    }
    const ids = filesStoreApi.get().transfers.map((transfer) => transfer.id);
    expect(ids).toHaveLength(MAX_FINISHED_TRANSFERS);
    expect(ids[0]).toBe(`t${MAX_FINISHED_TRANSFERS * 2}`);
    expect(ids.at(-1)).toBe(`t${MAX_FINISHED_TRANSFERS * 3 - 1}`);
  });

  it('never drops a transfer still under way', () => {
    filesStoreApi.upsert('waiting', view('waiting'));
    filesStoreApi.upsert('running', { ...view('running'), status: 'transferring' });
    for (let n = 0; n < MAX_FINISHED_TRANSFERS + 5; n++) filesStoreApi.upsert(`done${n}`, { ...view(`done${n}`), status: 'done' });
    const transfers = filesStoreApi.get().transfers;
    expect(transfers.map((transfer) => transfer.id)).toEqual(expect.arrayContaining(['waiting', 'running']));
    expect(transfers.filter((transfer) => transfer.status === 'done')).toHaveLength(MAX_FINISHED_TRANSFERS);
  });
});
