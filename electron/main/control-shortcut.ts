/** The user's way out that works even when Tandem's window is hidden or frozen: a global shortcut. */
import { app, globalShortcut } from 'electron';
import { REVOKE_SHORTCUT } from '../../shared/control';
import type { Logger } from '../../shared/log';
import type { ControlService } from '../services/control/control-service';

/** Call once the app is ready (globalShortcut refuses before). */
export function setupControlShortcut(control: ControlService, log: Logger): void {
  // Unconditional on purpose: the way out must not depend on what main believes the state is.
  const registered = globalShortcut.register(REVOKE_SHORTCUT, () => {
    control.release('revoked').catch((error: unknown) => log.error('control.revoke-failed', { reason: String(error) }));
  });
  // Another app may own the chord; the in-app button still works, and the log says why.
  if (!registered) log.warn('control.shortcut-unavailable', { accelerator: REVOKE_SHORTCUT });
  app.on('will-quit', () => globalShortcut.unregisterAll());
}
