import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanTempFiles } from './temp-cleaner';

const DAY = 86_400_000;
let root = '';
let outside = '';

function file(target: string, ageDays: number) {
  mkdirSync(path.dirname(target), { recursive: true });
  writeFileSync(target, 'data');
  const when = new Date(Date.now() - ageDays * DAY);
  utimesSync(target, when, when);
}

beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'tandem-clean-'));
  outside = mkdtempSync(path.join(os.tmpdir(), 'tandem-outside-'));
});
afterEach(() => {
  rmSync(root, { recursive: true, force: true });
  rmSync(outside, { recursive: true, force: true });
});

describe('cleanTempFiles', () => {
  it('removes old files (nested too) and keeps recent ones', async () => {
    file(path.join(root, 'a.old'), 10);
    file(path.join(root, 'sub', 'deep', 'b.old'), 10);
    file(path.join(root, 'c.new'), 1);
    const summary = await cleanTempFiles({ root, olderThanDays: 7, now: Date.now(), uid: os.userInfo().uid });
    expect(summary).toMatchObject({ removed: 2, bytes: 8 });
    expect(existsSync(path.join(root, 'a.old'))).toBe(false);
    expect(existsSync(path.join(root, 'sub', 'deep', 'b.old'))).toBe(false);
    expect(existsSync(path.join(root, 'c.new'))).toBe(true);
  });

  it('never follows symbolic links, to files or to folders', async () => {
    file(path.join(outside, 'precious.doc'), 100);
    symlinkSync(path.join(outside, 'precious.doc'), path.join(root, 'link-to-file'));
    symlinkSync(outside, path.join(root, 'link-to-dir'));
    const summary = await cleanTempFiles({ root, olderThanDays: 7, now: Date.now(), uid: os.userInfo().uid });
    expect(summary.removed).toBe(0);
    expect(summary.skipped).toBe(2);
    expect(existsSync(path.join(outside, 'precious.doc'))).toBe(true);
  });

  it('leaves files owned by someone else', async () => {
    file(path.join(root, 'theirs.old'), 10);
    const summary = await cleanTempFiles({ root, olderThanDays: 7, now: Date.now(), uid: os.userInfo().uid + 1 });
    expect(summary.removed).toBe(0);
    expect(existsSync(path.join(root, 'theirs.old'))).toBe(true);
  });

  it('stops at the file limit', async () => {
    for (let i = 0; i < 5; i += 1) file(path.join(root, `f${i}`), 10);
    expect((await cleanTempFiles({ root, olderThanDays: 7, now: Date.now(), uid: undefined, maxFiles: 2 })).removed).toBe(2);
  });
});
