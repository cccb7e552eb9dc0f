import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadResumeKey } from './resume-key';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));
const tempFile = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'tandem-key-'));
  dirs.push(dir);
  return path.join(dir, 'data', 'tandem.sqlite.resume-key');
};

describe('the resume key', () => {
  it('is created once, readable by its owner only, and the same after a restart', () => {
    const file = tempFile();
    const first = loadResumeKey({ file });
    expect(first.byteLength).toBe(32);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(loadResumeKey({ file }).equals(first)).toBe(true);
    expect(readFileSync(file, 'utf8')).not.toContain('\0');
  });

  it('takes the configured secret as is, and refuses a damaged key file', () => {
    expect(loadResumeKey({ secret: 'x'.repeat(40) }).toString('utf8')).toBe('x'.repeat(40));
    const file = tempFile();
    loadResumeKey({ file });
    writeFileSync(file, 'c2hvcnQ\n');
    expect(() => loadResumeKey({ file })).toThrow(/too short/);
  });

  it('is random per process without a file', () => {
    expect(loadResumeKey({}).equals(loadResumeKey({}))).toBe(false);
  });
});
