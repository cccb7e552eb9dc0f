/** Builds the services behind `window.tandem` and the one handler table over them. */
import { app } from 'electron';
import type { Logger } from '../../shared/log';
import { CaptureSelection } from '../services/capture';
import { createHostHandlers, type HostHandlers } from '../services/host-handlers';
import { createSettingsService, type SettingsService } from '../services/settings';
import { createScreenSourceProvider } from './screen-sources';
import { createSettingsStoreBackend } from './settings-store';

export interface Host {
  handlers: HostHandlers;
  settings: SettingsService;
  capture: CaptureSelection;
}

export function createHost(log: Logger): Host {
  const settings = createSettingsService(createSettingsStoreBackend(), log);
  const capture = new CaptureSelection(createScreenSourceProvider());
  const handlers = createHostHandlers({
    appInfo: () => ({ version: app.getVersion(), platform: process.platform, systemLocales: app.getPreferredSystemLanguages() }),
    settings,
    capture,
  });
  return { handlers, settings, capture };
}
