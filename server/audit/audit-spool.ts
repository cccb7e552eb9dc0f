import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { open, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../../shared/log';
import type { AuditLog, KeyedAuditLog, NewAuditEntry } from './audit-log';

/**
 * Audit records must survive a database that is briefly unreachable. Every record gets a key;
 * when its insert fails it is appended (fsync'd) as one JSON line to a spool file instead, and
 * while the spool holds anything every later record goes there too, so the trail keeps its
 * order. The spool is replayed in order once the database answers again (and at start-up, for
 * what a previous process left); a replayed record whose first insert did land is stored once,
 * by its key. One process per spool file: each instance of a cluster needs its own directory.
 */
export interface AuditSpool extends AuditLog {
  /** Inserts what is spooled, in order; resolves with how many records are still waiting. */
  replay(): Promise<number>;
  close(): Promise<void>;
}

interface SpooledRecord {
  key: string;
  at: number;
  entry: NewAuditEntry;
}

export interface AuditSpoolOptions {
  store: KeyedAuditLog;
  /** The spool file; absent: no spool (an in-memory database cannot be unreachable). */
  file?: string;
  log: Logger;
  /** How often a non-empty spool is retried. Default 5 s. */
  retryMs?: number;
}

export async function createAuditSpool(o: AuditSpoolOptions): Promise<AuditSpool> {
  const { store, file, log } = o;
  // Appends and replays run one at a time, in the order they were asked for.
  let chain: Promise<unknown> = Promise.resolve();
  const serial = <T>(task: () => Promise<T>): Promise<T> => {
    const run = chain.then(task);
    chain = run.catch(() => undefined);
    return run;
  };
  let spooled = false;
  let timer: NodeJS.Timeout | undefined;
  let closed = false;

  const schedule = () => {
    if (timer || closed) return;
    timer = setTimeout(() => {
      timer = undefined;
      replay().catch((error: unknown) => log.error('audit.replay-failed', { error: String(error) }));
    }, o.retryMs ?? 5000);
    timer.unref();
  };

  const spool = async (record: SpooledRecord, spoolFile: string) => {
    const handle = await open(spoolFile, 'a', 0o600);
    try {
      await handle.appendFile(`${JSON.stringify(record)}\n`, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
  };

  const replayNow = async (): Promise<number> => {
    if (!file) return 0;
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        spooled = false;
        return 0;
      }
      throw error;
    }
    // A line cut short by a crash mid-append is the only one that cannot parse; it never reached the database.
    const lines = text.split('\n').filter((line) => line.trim() !== '');
    let done = 0;
    try {
      for (const line of lines) {
        const record = parse(line);
        if (record) await store.append(record.entry, record.at, record.key);
        else log.error('audit.spool-line-unreadable', { file });
        done += 1;
      }
    } catch (error) {
      log.warn('audit.replay-deferred', { error: String(error), waiting: lines.length - done });
    }
    if (done === lines.length) {
      await rm(file, { force: true });
      spooled = false;
      if (done > 0) log.info('audit.replayed', { records: done });
      return 0;
    }
    if (done > 0) {
      // Keep only what is left, replaced atomically: a crash here replays at most the records already stored, which their keys make harmless.
      const rest = `${lines.slice(done).join('\n')}\n`;
      const handle = await open(`${file}.tmp`, 'w', 0o600);
      try {
        await handle.writeFile(rest, 'utf8');
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(`${file}.tmp`, file);
    }
    spooled = true;
    schedule();
    return lines.length - done;
  };
  const replay = () => serial(replayNow);

  if (file) {
    mkdirSync(path.dirname(file), { recursive: true });
    await replay();
  }

  return {
    append: (entry, at) =>
      serial(async () => {
        const key = randomUUID();
        if (!spooled || !file) {
          try {
            await store.append(entry, at, key);
            return;
          } catch (error) {
            if (!file) throw error;
            log.warn('audit.spooling', { error: String(error) });
          }
        }
        await spool({ key, at, entry }, file);
        spooled = true;
        schedule();
      }),
    query: (orgId, filter, max) => store.query(orgId, filter, max),
    replay,
    async close() {
      closed = true;
      clearTimeout(timer);
      await chain;
    },
  };
}

function parse(line: string): SpooledRecord | undefined {
  try {
    const value = JSON.parse(line) as Partial<SpooledRecord>;
    if (typeof value.key === 'string' && typeof value.at === 'number' && typeof value.entry === 'object' && value.entry !== null) return value as SpooledRecord;
  } catch {
    // Unreadable: reported by the caller.
  }
  return undefined;
}
