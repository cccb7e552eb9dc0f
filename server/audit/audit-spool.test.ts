import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../shared/log';
import { openRecords, type Records } from '../db/database';
import { useEngines } from '../test-support/engines';
import { DbAuditLog, type KeyedAuditLog, type NewAuditEntry } from './audit-log';
import { createAuditSpool } from './audit-spool';

const engines = useEngines();
let dir = mkdtempSync(path.join(tmpdir(), 'tandem-spool-'));
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
  dir = mkdtempSync(path.join(tmpdir(), 'tandem-spool-'));
});
const entry = (n: number): NewAuditEntry => ({ type: 'session.created', actor: 'consultant', orgId: 1, detail: { n } });
const numbers = async (records: Records) => (await new DbAuditLog(records).query(1, {}, 100)).map((e) => e.detail.n).reverse();

describe('audit spool', { timeout: 60_000 }, () => {
  it('keeps records written while PostgreSQL is down and stores each exactly once when it is back', async () => {
    const pg = await engines.postgres();
    const url = await pg.createDatabase();
    const records = await openRecords(url);
    const file = path.join(dir, 'audit-spool.jsonl');
    const audit = await createAuditSpool({ store: new DbAuditLog(records), file, log: silentLogger, retryMs: 100 });
    try {
      await audit.append(entry(1), 1);
      await pg.pause();
      // Written during the outage: accepted (durably, on disk) without an error reaching the caller.
      await audit.append(entry(2), 2);
      await audit.append(entry(3), 3);
      expect(readFileSync(file, 'utf8').trim().split('\n')).toHaveLength(2);
      expect(await audit.replay()).toBe(2);
      await pg.resume();
      // The retry timer replays on its own once the database answers.
      for (let i = 0; i < 100 && existsSync(file); i++) await new Promise((resolve) => setTimeout(resolve, 100));
      expect(existsSync(file)).toBe(false);
      await audit.append(entry(4), 4);
      expect(await numbers(records)).toEqual([1, 2, 3, 4]);
      expect(await audit.replay()).toBe(0);
      expect(await numbers(records)).toEqual([1, 2, 3, 4]);
    } finally {
      await audit.close();
      await records.close();
    }
  });

  it('replays what a previous process left at start-up, once even if a record had landed before', async () => {
    const records = await engines.open('sqlite');
    const store = new DbAuditLog(records);
    await store.append(entry(1), 1, 'k1');
    const file = path.join(dir, 'audit-spool.jsonl');
    const line = (key: string, n: number) => JSON.stringify({ key, at: n, entry: entry(n) });
    // k1 landed, but its answer was lost; the last line was cut short by a crash mid-append.
    writeFileSync(file, `${line('k1', 1)}\n${line('k2', 2)}\n${line('k3', 3)}\n{"key":"k4","at`);
    const audit = await createAuditSpool({ store, file, log: silentLogger });
    await audit.close();
    expect(existsSync(file)).toBe(false);
    expect(await numbers(records)).toEqual([1, 2, 3]);
  });

  it('keeps the order: while anything is spooled, new records queue behind it', async () => {
    const records = await engines.open('sqlite');
    const real = new DbAuditLog(records);
    let down = true;
    const flaky: KeyedAuditLog = {
      append: (e, at, key) => (down ? Promise.reject(new Error('database unreachable')) : real.append(e, at, key)),
      query: (orgId, filter, max) => real.query(orgId, filter, max),
    };
    const file = path.join(dir, 'audit-spool.jsonl');
    const audit = await createAuditSpool({ store: flaky, file, log: silentLogger, retryMs: 60_000 });
    await audit.append(entry(1), 1);
    down = false;
    await audit.append(entry(2), 2);
    expect(await numbers(records)).toEqual([]);
    expect(await audit.replay()).toBe(0);
    await audit.append(entry(3), 3);
    expect(await numbers(records)).toEqual([1, 2, 3]);
    await audit.close();
  });

  it('passes errors through when there is no spool (an in-memory database)', async () => {
    const failing: KeyedAuditLog = { append: () => Promise.reject(new Error('boom')), query: () => Promise.resolve([]) };
    const audit = await createAuditSpool({ store: failing, log: silentLogger });
    await expect(audit.append(entry(1), 1)).rejects.toThrow('boom');
    await audit.close();
  });
});
