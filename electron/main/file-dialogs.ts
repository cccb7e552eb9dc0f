/**
 * Electron glue for files and the clipboard: the native open dialog (the only way a path
 * reaches the files service), the Downloads folder, and the OS clipboard (plain text only).
 */
import { app, clipboard, dialog, type BrowserWindow, type OpenDialogOptions } from 'electron';
import type { ClipboardBackend } from '../services/clipboard';

/** Opens the native "choose a file" dialog over the app's window; null when cancelled. */
export function createFilePicker(parentWindow: () => BrowserWindow | null): () => Promise<string | null> {
  return async () => {
    // Files only, one at a time; no folders, no symlink following into a directory listing.
    const options: OpenDialogOptions = { properties: ['openFile', 'dontAddToRecent'], defaultPath: app.getPath('documents') };
    const parent = parentWindow();
    const result = parent && !parent.isDestroyed() ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
    return result.canceled ? null : (result.filePaths[0] ?? null);
  };
}

export function downloadsDir(): string {
  return app.getPath('downloads');
}

/** The OS clipboard, text only: HTML, images and files on it are never read. */
export const electronClipboard: ClipboardBackend = {
  readText: () => clipboard.readText(),
  writeText: (text) => clipboard.writeText(text),
};
