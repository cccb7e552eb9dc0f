import { EventEmitter } from 'node:events';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../../shared/log';
import type { ManagedPolicy } from '../../shared/policy';
import { fake } from '../test/fake-electron';
import { createUpdater, setupUpdater, type UpdaterBackend, type UpdaterDeps } from './updater';
import { unmanagedPolicy } from '../services/policy';

vi.mock('electron', async () => (await import('../test/fake-electron')).fakeElectronModule());
// electron-updater touches the real Electron as soon as it loads: it must never load here.
vi.mock('electron-updater', () => {
  throw new Error('electron-updater must not load in unit tests');
});

class FakeAutoUpdater extends EventEmitter implements UpdaterBackend {
  autoDownload = false;
  autoInstallOnAppQuit = false;
  allowDowngrade = true;
  allowPrerelease = false;
  readonly setFeedURL = vi.fn();
  readonly checkForUpdates = vi.fn(() => Promise.resolve(null));
  readonly quitAndInstall = vi.fn();
}

const enabled: ManagedPolicy['updates'] = { enabled: true, url: 'https://updates.example.org/tandem', channel: 'beta' };

function setup(updates = enabled, extra: Partial<UpdaterDeps> = {}) {
  const backend = new FakeAutoUpdater();
  const timers = { setInterval: vi.fn((_fn: () => void, _ms: number) => 7), clearInterval: vi.fn() };
  const load = vi.fn(() => Promise.resolve(backend));
  const updater = createUpdater(updates, { load, log: silentLogger, packaged: true, timers, ...extra });
  return { backend, timers, load, updater };
}

beforeEach(() => fake.reset());

describe('createUpdater', () => {
  it('points electron-updater at the policy URL and channel, refuses downgrades, checks at once and periodically', async () => {
    const { backend, timers, updater } = setup();
    await updater.checkNow();
    expect(updater.enabled).toBe(true);
    expect(backend.setFeedURL).toHaveBeenCalledWith({ provider: 'generic', url: 'https://updates.example.org/tandem', channel: 'beta' });
    expect(backend).toMatchObject({ allowDowngrade: false, allowPrerelease: true, autoDownload: true, autoInstallOnAppQuit: true });
    expect(backend.checkForUpdates).toHaveBeenCalledTimes(2);
    expect(timers.setInterval).toHaveBeenCalledWith(expect.any(Function), 4 * 60 * 60 * 1000);
  });

  it('is off without a URL, when the policy says so, and in unpackaged builds; electron-updater is then never loaded', () => {
    for (const [updates, packaged] of [
      [unmanagedPolicy().updates, true],
      [{ ...enabled, enabled: false }, true],
      [enabled, false],
    ] as const) {
      const { updater, load } = setup(updates, { packaged });
      expect(updater.enabled).toBe(false);
      expect(updater.restartNow()).toBe(false);
      expect(load).not.toHaveBeenCalled();
    }
  });

  it('update ready → restart now installs and relaunches', async () => {
    const { backend, updater } = setup();
    const onReady = vi.fn();
    updater.onUpdateReady(onReady);
    expect(updater.restartNow()).toBe(false);
    await updater.checkNow();
    backend.emit('update-downloaded', { version: '1.2.3' });
    expect(onReady).toHaveBeenCalledWith({ version: '1.2.3' });
    // A late subscriber (the window opened after the download) still hears about it.
    const late = vi.fn();
    updater.onUpdateReady(late);
    expect(late).toHaveBeenCalledWith({ version: '1.2.3' });
    expect(updater.restartNow()).toBe(true);
    expect(backend.quitAndInstall).toHaveBeenCalledWith(false, true);
  });

  it('"later" and a running session never restart; the update waits for the next quit', async () => {
    let busy = true;
    const { backend, updater } = setup(enabled, { isBusy: () => busy });
    await updater.checkNow();
    backend.emit('update-downloaded', { version: '1.2.3' });
    updater.later();
    expect(updater.restartNow()).toBe(false);
    expect(backend.quitAndInstall).not.toHaveBeenCalled();
    expect(backend.autoInstallOnAppQuit).toBe(true);
    busy = false;
    expect(updater.restartNow()).toBe(true);
  });

  it('survives update errors, failing checks, a throwing listener and a failed load', async () => {
    const { backend, updater } = setup();
    backend.checkForUpdates.mockRejectedValue(new Error('ENOTFOUND updates.example.org'));
    await expect(updater.checkNow()).resolves.toBeUndefined();
    backend.emit('error', new Error('sha512 checksum mismatch'));
    updater.onUpdateReady(() => {
      throw new Error('renderer gone');
    });
    expect(() => backend.emit('update-downloaded', { version: '2.0.0' })).not.toThrow();
    const broken = setup(enabled, { load: () => Promise.reject(new Error('no module')) });
    await expect(broken.updater.checkNow()).resolves.toBeUndefined();
    expect(broken.updater.restartNow()).toBe(false);
  });

  it('dispose stops the periodic check and the listeners', async () => {
    const { backend, timers, updater } = setup();
    const onReady = vi.fn();
    updater.onUpdateReady(onReady);
    updater.dispose();
    expect(timers.clearInterval).toHaveBeenCalledWith(7);
    await Promise.resolve();
    backend.emit('update-downloaded', { version: '1.2.3' });
    expect(onReady).not.toHaveBeenCalled();
  });
});

describe('setupUpdater', () => {
  it('stays off for an unmanaged install without loading electron-updater', () => {
    expect(setupUpdater(unmanagedPolicy(), silentLogger).enabled).toBe(false);
  });
});
