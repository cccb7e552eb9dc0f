import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { MIN_RESUME_SECRET_BYTES } from './resume-token';

/**
 * The key resume secrets are sealed with. It must outlive the process, or a restarted server
 * could not recognise the secrets of the sessions it should pick up again: instances of one
 * cluster share it through RESUME_SECRET; a single server keeps it in a file beside its
 * database, created on first start, readable by its owner only.
 */
export function loadResumeKey(options: { secret?: string; file?: string }): Buffer {
  if (options.secret !== undefined) return Buffer.from(options.secret, 'utf8');
  if (options.file === undefined) return randomBytes(32);
  try {
    const stored = Buffer.from(readFileSync(options.file, 'utf8').trim(), 'base64url');
    if (stored.byteLength >= MIN_RESUME_SECRET_BYTES) return stored;
    throw new Error(`the resume key file ${options.file} is too short; delete it to make a new one`);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const fresh = randomBytes(32);
  mkdirSync(path.dirname(path.resolve(options.file)), { recursive: true });
  // 'wx': two servers starting at once on one data folder must not each write their own key.
  try {
    writeFileSync(options.file, `${fresh.toString('base64url')}\n`, { mode: 0o600, flag: 'wx' });
    return fresh;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return loadResumeKey(options);
    throw error;
  }
}
