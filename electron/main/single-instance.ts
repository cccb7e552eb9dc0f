import { app, type BrowserWindow } from 'electron';
import { focusWindow } from './window';

/**
 * One Tandem per user session: two instances would race for the same settings file and
 * could each show a consent prompt. Returns false (and quits) when another instance runs;
 * that instance is told to bring its window forward.
 */
export function setupSingleInstance(currentWindow: () => BrowserWindow | null): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  app.on('second-instance', () => focusWindow(currentWindow()));
  return true;
}
