import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { CONTENT_TYPES } from '../shared/content-types';

/**
 * Resolves URL paths to files of the built renderer, refusing anything that could leave the
 * directory or expose files not meant to be served.
 */

export interface StaticFile {
  filePath: string;
  size: number;
  contentType: string;
  cacheControl: string;
}

/**
 * The file for `urlPath`, or null (missing, forbidden or malformed: all answered 404 so the
 * reply does not tell which). Rules, each closing a hole:
 * - decode once, then refuse NUL and backslashes (Windows separators, `..\`) outright;
 * - refuse any segment starting with '.': covers '..' (traversal, also when sent encoded as
 *   %2e%2e, which the URL parser does not normalise) and dotfiles (.env, .git);
 * - after resolving, the real path (symlinks followed) must still lie inside the root.
 */
export async function resolveStaticFile(root: string, urlPath: string): Promise<StaticFile | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const segments = decoded.split('/').filter((segment) => segment !== '');
  if (segments.some((segment) => segment.startsWith('.'))) return null;
  const relative = segments.length === 0 ? 'index.html' : segments.join('/');
  try {
    const realRoot = await realpath(root);
    const filePath = await realpath(path.join(realRoot, relative));
    if (!filePath.startsWith(realRoot + path.sep)) return null;
    const info = await stat(filePath);
    if (!info.isFile()) return null;
    const extension = path.extname(filePath).toLowerCase();
    return { filePath, size: info.size, contentType: CONTENT_TYPES[extension] ?? 'application/octet-stream', cacheControl: cacheControlFor(relative) };
  } catch {
    return null;
  }
}

/** Vite puts content-hashed bundles under assets/: those never change. Everything else is revalidated. */
function cacheControlFor(relative: string): string {
  return relative.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'no-cache';
}

export async function staticDirExists(root: string): Promise<boolean> {
  try {
    return (await stat(root)).isDirectory();
  } catch {
    return false;
  }
}

export function openStaticFile(file: StaticFile): NodeJS.ReadableStream {
  return createReadStream(file.filePath);
}
