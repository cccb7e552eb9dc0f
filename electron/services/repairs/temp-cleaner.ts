/**
 * Clears old files from the user's own temporary folder, carefully: regular files only,
 * older than N days, owned by the current user, never following a symbolic link, and only
 * below the real path of the temp folder.
 */
import { lstat, opendir, realpath, unlink } from 'node:fs/promises';
import path from 'node:path';

export interface CleanOptions {
  root: string;
  olderThanDays: number;
  now: number;
  /** The current user's id; undefined on Windows, where the temp folder is per user. */
  uid: number | undefined;
  maxDepth?: number;
  maxFiles?: number;
}

export interface CleanSummary {
  removed: number;
  bytes: number;
  skipped: number;
  errors: number;
}

export async function cleanTempFiles(options: CleanOptions): Promise<CleanSummary> {
  const summary: CleanSummary = { removed: 0, bytes: 0, skipped: 0, errors: 0 };
  const root = await realpath(options.root);
  const cutoff = options.now - options.olderThanDays * 86_400_000;
  const maxDepth = options.maxDepth ?? 8;
  const maxFiles = options.maxFiles ?? 20_000;
  const mine = (uid: number) => options.uid === undefined || uid === options.uid;
  const inside = (target: string) => target.startsWith(root + path.sep);

  async function walk(dir: string, depth: number): Promise<void> {
    let handle;
    try {
      handle = await opendir(dir);
    } catch {
      summary.errors += 1;
      return;
    }
    for await (const entry of handle) {
      if (summary.removed >= maxFiles) return;
      const target = path.join(dir, entry.name);
      if (!inside(target)) continue;
      let stat;
      try {
        // lstat: a symbolic link is looked at, never through.
        stat = await lstat(target);
      } catch {
        summary.errors += 1;
        continue;
      }
      if (stat.isSymbolicLink() || !mine(stat.uid)) {
        summary.skipped += 1;
      } else if (stat.isDirectory()) {
        if (depth < maxDepth) await walk(target, depth + 1);
      } else if (stat.isFile() && stat.mtimeMs < cutoff) {
        try {
          // Node has no unlinkat(): a directory swapped for a link after our lstat could
          // redirect this. The window is tiny, and on a shared /tmp the sticky bit still
          // stops anyone deleting another user's files.
          await unlink(target);
          summary.removed += 1;
          summary.bytes += stat.size;
        } catch {
          summary.errors += 1; // In use (Windows) or already gone.
        }
      } else {
        summary.skipped += 1;
      }
    }
  }

  await walk(root, 0);
  return summary;
}
