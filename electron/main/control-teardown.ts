/** Control never outlives the app, and keys the consultant held do not stay pressed after it. */
import { app } from 'electron';
import type { Logger } from '../../shared/log';
import type { ControlService } from '../services/control/control-service';

/** Longer than the injector's own per-call bound (3 s), so its release normally finishes first. */
const RELEASE_WAIT_MS = 3500;

export function setupControlTeardown(control: ControlService, log: Logger, waitMs = RELEASE_WAIT_MS): void {
  let released = false;
  app.on('before-quit', (event) => {
    if (released) return;
    released = true;
    const wasOn = control.status().state === 'granted';
    // Synchronously withdraws an open prompt and stops injection; releasing held keys is async.
    const release = control.release('session-ended').catch((error: unknown) => log.error('control.teardown-failed', { reason: String(error) }));
    if (!wasOn) return;
    // Quitting now could exit before the key-up events reach the OS, and nothing promises the
    // OS undoes a dead injector's presses (a stuck Ctrl or mouse button): wait, bounded, then quit.
    event.preventDefault();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, waitMs)));
    void Promise.race([release, timeout]).then(() => {
      clearTimeout(timer);
      app.quit();
    });
  });
}
