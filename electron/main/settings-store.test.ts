import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../../shared/log';
import { createSettingsService, defaultSettings } from '../services/settings';
import { createSettingsStoreBackend, STORE_DATA_CHANNEL } from './settings-store';
import { fake } from '../test/fake-electron';

vi.mock('electron', async () => (await import('../test/fake-electron')).fakeElectronModule());

let userData: string;

beforeEach(async () => {
  fake.reset();
  userData = await mkdtemp(path.join(tmpdir(), 'tandem-settings-'));
  fake.electron.app.getPath.mockReturnValue(userData);
});

describe('settings store backend', () => {
  it('persists settings to settings.json in userData', async () => {
    const settings = createSettingsService(createSettingsStoreBackend(), silentLogger);
    settings.update({ consultantName: 'Ana', serverUrl: 'wss://signal.example.org/ws' });
    const onDisk = JSON.parse(await readFile(path.join(userData, 'settings.json'), 'utf8')) as unknown;
    expect(onDisk).toEqual({ ...defaultSettings(), consultantName: 'Ana', serverUrl: 'wss://signal.example.org/ws' });
    expect(createSettingsService(createSettingsStoreBackend(), silentLogger).get().consultantName).toBe('Ana');
  });

  it('starts from defaults when the file is not valid JSON', async () => {
    await writeFile(path.join(userData, 'settings.json'), '{ not json');
    expect(createSettingsService(createSettingsStoreBackend(), silentLogger).get()).toEqual(defaultSettings());
  });

  it('removes the unchecked IPC listener electron-store registers', () => {
    createSettingsStoreBackend();
    expect(fake.electron.ipcMain.listenerCount(STORE_DATA_CHANNEL)).toBe(0);
  });
});
