/** Builds the services behind `window.tandem` and the one handler table over them. */
import { app, BrowserWindow } from 'electron';
import { HOST_EVENT_CHANNEL } from '../../shared/host-bridge';
import type { HostEvent } from '../../shared/host-api';
import type { Logger } from '../../shared/log';
import { CaptureSelection } from '../services/capture';
import { createControlService, type ControlService } from '../services/control/control-service';
import { createHostHandlers, type HostHandlers } from '../services/host-handlers';
import { createInjector } from '../services/input/injector';
import { createSettingsService, type SettingsService } from '../services/settings';
import { createConsentDialog } from './consent-dialog';
import { createScreenSourceProvider } from './screen-sources';
import { createSettingsStoreBackend } from './settings-store';
import { isAppWebContents } from './window';

export interface Host {
  handlers: HostHandlers;
  settings: SettingsService;
  capture: CaptureSelection;
  control: ControlService;
}

/** Pushes a host event to the app's own windows only. */
function emitToAppWindows(event: HostEvent): void {
  for (const window of BrowserWindow.getAllWindows()) {
    if (!window.isDestroyed() && isAppWebContents(window.webContents)) window.webContents.send(HOST_EVENT_CHANNEL, event);
  }
}

export function createHost(log: Logger): Host {
  const settings = createSettingsService(createSettingsStoreBackend(), log);
  const capture = new CaptureSelection(createScreenSourceProvider());
  const systemLanguage = () => (app.getPreferredSystemLanguages()[0]?.toLowerCase().startsWith('fr') ? 'fr' : 'en');
  const control = createControlService({
    injector: createInjector({ platform: process.platform, env: process.env, log }),
    prompter: createConsentDialog(
      () => BrowserWindow.getAllWindows().find((window) => isAppWebContents(window.webContents)) ?? null,
      () => {
        const { language } = settings.get();
        return language === 'system' ? systemLanguage() : language;
      },
    ),
    sharedScreen: () => capture.sharedBounds(),
    emit: (status) => emitToAppWindows({ type: 'control.status', status }),
    log,
  });
  const handlers = createHostHandlers({
    appInfo: () => ({ version: app.getVersion(), platform: process.platform, systemLocales: app.getPreferredSystemLanguages() }),
    settings,
    capture,
    control,
  });
  return { handlers, settings, capture, control };
}
