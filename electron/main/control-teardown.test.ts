import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ControlState } from '../../shared/control';
import { silentLogger } from '../../shared/log';
import type { ControlService } from '../services/control/control-service';
import { fake } from '../test/fake-electron';
import { setupControlTeardown } from './control-teardown';

vi.mock('electron', async () => (await import('../test/fake-electron')).fakeElectronModule());

beforeEach(() => {
  fake.reset();
  vi.useFakeTimers();
});
afterEach(() => vi.useRealTimers());

function setup(state: ControlState, release: () => Promise<unknown> = () => Promise.resolve()) {
  const control = { status: () => ({ state }), release: vi.fn(release) };
  setupControlTeardown(control as unknown as ControlService, silentLogger, 1000);
  return control;
}

function quit(): { preventDefault: ReturnType<typeof vi.fn> } {
  const event = { preventDefault: vi.fn() };
  fake.electron.app.emit('before-quit', event);
  return event;
}

describe('control teardown', () => {
  it('withdraws a prompt and lets the quit go on when no key can be held', () => {
    const control = setup('requested');
    expect(quit().preventDefault).not.toHaveBeenCalled();
    expect(control.release).toHaveBeenCalledWith('session-ended');
  });

  it('while in control, holds the quit until held keys are released, then quits once', async () => {
    let done: () => void = () => {};
    const control = setup('granted', () => new Promise<void>((resolve) => (done = resolve)));
    expect(quit().preventDefault).toHaveBeenCalledTimes(1);
    expect(control.release).toHaveBeenCalledWith('session-ended');
    await vi.advanceTimersByTimeAsync(10);
    expect(fake.electron.app.quit).not.toHaveBeenCalled();
    done();
    await vi.advanceTimersByTimeAsync(0);
    expect(fake.electron.app.quit).toHaveBeenCalledTimes(1);
    // The second before-quit (from that app.quit) goes through untouched.
    expect(quit().preventDefault).not.toHaveBeenCalled();
    expect(control.release).toHaveBeenCalledTimes(1);
  });

  it('does not wait forever for a wedged release', async () => {
    setup('granted', () => new Promise(() => {}));
    quit();
    await vi.advanceTimersByTimeAsync(999);
    expect(fake.electron.app.quit).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(fake.electron.app.quit).toHaveBeenCalledTimes(1);
  });
});
