import type { BrowserWindow } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fake, FakeBrowserWindow } from '../test/fake-electron';
import { setupSingleInstance } from './single-instance';

vi.mock('electron', async () => (await import('../test/fake-electron')).fakeElectronModule());

beforeEach(() => fake.reset());

describe('setupSingleInstance', () => {
  it('quits when another instance holds the lock', () => {
    fake.electron.app.requestSingleInstanceLock.mockReturnValue(false);
    expect(setupSingleInstance(() => null)).toBe(false);
    expect(fake.electron.app.quit).toHaveBeenCalledTimes(1);
    expect(fake.electron.app.listenerCount('second-instance')).toBe(0);
  });

  it('keeps running with the lock and focuses the window when a second instance starts', () => {
    const window = new FakeBrowserWindow({});
    expect(setupSingleInstance(() => window as unknown as BrowserWindow)).toBe(true);
    expect(fake.electron.app.quit).not.toHaveBeenCalled();
    fake.electron.app.emit('second-instance');
    expect(window.focus).toHaveBeenCalledTimes(1);
  });
});
