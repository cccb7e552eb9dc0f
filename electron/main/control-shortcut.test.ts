import { beforeEach, describe, expect, it, vi } from 'vitest';
import { REVOKE_SHORTCUT } from '../../shared/control';
import type { Logger } from '../../shared/log';
import type { ControlService } from '../services/control/control-service';
import { fake } from '../test/fake-electron';
import { setupControlShortcut } from './control-shortcut';

vi.mock('electron', async () => (await import('../test/fake-electron')).fakeElectronModule());

beforeEach(() => fake.reset());

function setup() {
  const release = vi.fn((_reason: string) => Promise.resolve({ state: 'view-only' as const, reason: 'revoked' as const }));
  const control = { release } as unknown as ControlService;
  const log = { info: vi.fn(), warn: vi.fn(), error: vi.fn() } satisfies Logger;
  setupControlShortcut(control, log);
  return { release, log };
}

describe('the revoke shortcut', () => {
  it('registers REVOKE_SHORTCUT, and pressing it takes control back', () => {
    const { release, log } = setup();
    const { register } = fake.electron.globalShortcut;
    expect(register).toHaveBeenCalledTimes(1);
    expect(register.mock.calls[0]?.[0]).toBe(REVOKE_SHORTCUT);
    register.mock.calls[0]?.[1]();
    expect(release).toHaveBeenCalledWith('revoked');
    expect(log.warn).not.toHaveBeenCalled();
  });

  it('logs when another app owns the chord', () => {
    fake.electron.globalShortcut.register.mockReturnValue(false);
    const { log } = setup();
    expect(log.warn).toHaveBeenCalledWith('control.shortcut-unavailable', { accelerator: REVOKE_SHORTCUT });
  });

  it('logs a failed release instead of leaving an unhandled rejection', async () => {
    const { release, log } = setup();
    release.mockRejectedValueOnce(new Error('boom'));
    fake.electron.globalShortcut.register.mock.calls[0]?.[1]();
    await vi.waitFor(() => expect(log.error).toHaveBeenCalledWith('control.revoke-failed', { reason: 'Error: boom' }));
  });

  it('unregisters when the app quits', () => {
    setup();
    expect(fake.electron.globalShortcut.unregisterAll).not.toHaveBeenCalled();
    fake.electron.app.emit('will-quit');
    expect(fake.electron.globalShortcut.unregisterAll).toHaveBeenCalledTimes(1);
  });
});
