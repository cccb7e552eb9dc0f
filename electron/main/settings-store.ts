import { ipcMain } from 'electron';
import Store from 'electron-store';
import type { SettingsBackend } from '../services/settings';

export const STORE_DATA_CHANNEL = 'electron-store-get-data';

/**
 * Settings on disk (settings.json in userData). A file that is not valid JSON is
 * discarded rather than crashing startup; field-level validation and defaults are the
 * settings service's job.
 */
export function createSettingsStoreBackend(): SettingsBackend {
  const store = new Store<Record<string, unknown>>({ name: 'settings', clearInvalidConfig: true });
  // electron-store's constructor registers a sync IPC listener that tells any renderer the
  // userData path. Tandem's renderers never read the store, and every IPC channel main
  // answers must check its sender, so the listener goes.
  ipcMain.removeAllListeners(STORE_DATA_CHANNEL);
  return {
    read: () => store.store,
    write: (value) => {
      store.store = { ...value };
    },
  };
}
