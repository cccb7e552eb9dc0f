/** The real file system behind PolicyFs (tests use an in-memory fake). */
import { readFile, stat } from 'node:fs/promises';
import type { PolicyFs } from './types';

export const nodePolicyFs: PolicyFs = {
  async stat(path) {
    try {
      const info = await stat(path);
      return { uid: info.uid, mode: info.mode, size: info.size, isFile: info.isFile() };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'ENOTDIR') return null;
      throw error;
    }
  },
  readFile: (path) => readFile(path),
};
