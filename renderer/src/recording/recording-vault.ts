import { recordingMetaSchema, timelineLineSchema, type RecordingEnd, type RecordingMeta, type TimelineLine } from '../../../shared/recording';

/**
 * Where the consultant's app keeps recordings: a meta record per recording, its chunks in
 * order, and its timeline lines. Every call is one durable write (one IndexedDB transaction),
 * so what was handed over before a crash is still there afterwards.
 */
export interface VaultBackend {
  putMeta(meta: RecordingMeta): Promise<void>;
  /** Stores one chunk and the meta that counts it, together (both or neither). */
  putChunk(meta: RecordingMeta, seq: number, data: Blob): Promise<void>;
  putLine(id: string, seq: number, line: TimelineLine): Promise<void>;
  metas(): Promise<unknown[]>;
  chunks(id: string): Promise<Blob[]>;
  lines(id: string): Promise<unknown[]>;
  remove(id: string): Promise<void>;
}

export interface StoredRecording {
  meta: RecordingMeta;
  video: Blob;
  timeline: TimelineLine[];
}

/** One recording being written: chunks and lines go out in order, one write at a time. */
export interface RecordingWriter {
  readonly meta: RecordingMeta;
  appendChunk(data: Blob): Promise<void>;
  appendLine(line: TimelineLine): Promise<void>;
  /** Writes the end; waits for every chunk and line handed over before. */
  finish(endedBy: RecordingEnd, endedAt: number): Promise<RecordingMeta>;
}

export class RecordingVault {
  constructor(private readonly backend: VaultBackend) {}

  async begin(meta: Omit<RecordingMeta, 'endedAt' | 'endedBy' | 'chunks' | 'bytes'>): Promise<RecordingWriter> {
    let current: RecordingMeta = recordingMetaSchema.parse({ ...meta, endedAt: null, endedBy: null, chunks: 0, bytes: 0 });
    await this.backend.putMeta(current);
    // Writes are chained: a chunk never lands before the one handed over ahead of it.
    let queue: Promise<void> = Promise.resolve();
    let lineSeq = 0;
    const enqueue = (write: () => Promise<void>) => {
      const next = queue.then(write);
      // One failed write must not block the ones after it; the caller sees its own failure.
      queue = next.catch(() => undefined);
      return next;
    };
    const backend = this.backend;
    return {
      get meta() {
        return current;
      },
      appendChunk(data) {
        return enqueue(async () => {
          if (data.size === 0) return;
          const next = { ...current, chunks: current.chunks + 1, bytes: current.bytes + data.size };
          await backend.putChunk(next, current.chunks, data);
          current = next;
        });
      },
      appendLine(line) {
        const seq = lineSeq++;
        return enqueue(() => backend.putLine(current.id, seq, timelineLineSchema.parse(line)));
      },
      async finish(endedBy, endedAt) {
        await enqueue(async () => {
          current = { ...current, endedAt, endedBy };
          await backend.putMeta(current);
        });
        return current;
      },
    };
  }

  /** Newest first; records that no longer validate (an old or damaged store) are skipped. */
  async list(): Promise<RecordingMeta[]> {
    const metas = (await this.backend.metas()).flatMap((raw) => {
      const parsed = recordingMetaSchema.safeParse(raw);
      return parsed.success ? [parsed.data] : [];
    });
    return metas.sort((a, b) => b.startedAt - a.startedAt);
  }

  async read(id: string): Promise<StoredRecording | null> {
    const meta = (await this.list()).find((entry) => entry.id === id);
    if (!meta) return null;
    const chunks = await this.backend.chunks(id);
    const timeline = (await this.backend.lines(id)).flatMap((raw) => {
      const parsed = timelineLineSchema.safeParse(raw);
      return parsed.success ? [parsed.data] : [];
    });
    return { meta, video: new Blob(chunks, { type: meta.mimeType || 'video/webm' }), timeline };
  }

  remove(id: string): Promise<void> {
    return this.backend.remove(id);
  }
}

/** The timeline as the sidecar file: one JSON object per line. */
export function timelineJsonLines(timeline: readonly TimelineLine[]): string {
  return timeline.map((line) => JSON.stringify(line)).join('\n') + (timeline.length > 0 ? '\n' : '');
}

/** Keeps everything in memory: the unit tests' backend (the app and the e2e tests use IndexedDB). */
export function createMemoryVaultBackend(): VaultBackend & { failNextChunk: boolean } {
  const metas = new Map<string, RecordingMeta>();
  const chunks = new Map<string, Blob[]>();
  const lines = new Map<string, TimelineLine[]>();
  const backend = {
    failNextChunk: false,
    putMeta: (meta: RecordingMeta) => (metas.set(meta.id, structuredClone(meta)), Promise.resolve()),
    putChunk: (meta: RecordingMeta, seq: number, data: Blob) => {
      if (backend.failNextChunk) {
        backend.failNextChunk = false;
        return Promise.reject(new Error('disk full'));
      }
      const list = chunks.get(meta.id) ?? [];
      list[seq] = data;
      chunks.set(meta.id, list);
      metas.set(meta.id, structuredClone(meta));
      return Promise.resolve();
    },
    putLine: (id: string, seq: number, line: TimelineLine) => {
      const list = lines.get(id) ?? [];
      list[seq] = line;
      lines.set(id, list);
      return Promise.resolve();
    },
    metas: () => Promise.resolve([...metas.values()].map((meta) => structuredClone(meta) as unknown)),
    chunks: (id: string) => Promise.resolve([...(chunks.get(id) ?? [])]),
    lines: (id: string) => Promise.resolve([...(lines.get(id) ?? [])] as unknown[]),
    remove: (id: string) => {
      metas.delete(id);
      chunks.delete(id);
      lines.delete(id);
      return Promise.resolve();
    },
  };
  return backend;
}
