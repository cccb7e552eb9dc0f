import type { RecordingMeta, TimelineLine } from '../../../shared/recording';
import type { VaultBackend } from './recording-vault';

const DB_NAME = 'tandem-recordings';
const DB_VERSION = 1;

function promised<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
  });
}

function open(factory: IDBFactory): Promise<IDBDatabase> {
  const request = factory.open(DB_NAME, DB_VERSION);
  request.onupgradeneeded = () => {
    const db = request.result;
    db.createObjectStore('metas', { keyPath: 'id' });
    db.createObjectStore('chunks');
    db.createObjectStore('lines');
  };
  return promised(request);
}

/** A recording's own keys in the chunk and line stores: [id, seq]. */
const range = (id: string) => IDBKeyRange.bound([id, 0], [id, Number.MAX_SAFE_INTEGER]);

/**
 * The vault in the page's IndexedDB (the desktop app's renderer and a consultant's browser
 * alike). Chunk writes ask for strict durability: the transaction completes only once the
 * browser has flushed it, so a chunk that was acknowledged survives a crash of the app.
 */
export function createIndexedDbVaultBackend(factory: IDBFactory = indexedDB): VaultBackend {
  let db: Promise<IDBDatabase> | null = null;
  const database = () => (db ??= open(factory));
  const write = async (stores: string[], work: (tx: IDBTransaction) => void): Promise<void> => {
    const tx = (await database()).transaction(stores, 'readwrite', { durability: 'strict' });
    work(tx);
    await new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error ?? new Error('IndexedDB write failed'));
      tx.onabort = () => reject(tx.error ?? new Error('IndexedDB write aborted'));
    });
  };
  const read = async <T>(store: string, query: (objects: IDBObjectStore) => IDBRequest<T>): Promise<T> =>
    promised(query((await database()).transaction(store, 'readonly').objectStore(store)));
  return {
    putMeta: (meta: RecordingMeta) => write(['metas'], (tx) => tx.objectStore('metas').put(meta)),
    putChunk: (meta: RecordingMeta, seq: number, data: Blob) =>
      write(['metas', 'chunks'], (tx) => {
        tx.objectStore('chunks').put(data, [meta.id, seq]);
        tx.objectStore('metas').put(meta);
      }),
    putLine: (id: string, seq: number, line: TimelineLine) => write(['lines'], (tx) => tx.objectStore('lines').put(line, [id, seq])),
    metas: () => read('metas', (store) => store.getAll()),
    chunks: async (id) => (await read('chunks', (store) => store.getAll(range(id)))).filter((value): value is Blob => value instanceof Blob),
    lines: (id) => read('lines', (store) => store.getAll(range(id))),
    remove: (id) =>
      write(['metas', 'chunks', 'lines'], (tx) => {
        tx.objectStore('metas').delete(id);
        tx.objectStore('chunks').delete(range(id));
        tx.objectStore('lines').delete(range(id));
      }),
  };
}
