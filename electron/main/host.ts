/** Builds the services behind `window.tandem` and the one handler table over them. */
import { app, BrowserWindow, systemPreferences } from 'electron';
import { HOST_EVENT_CHANNEL } from '../../shared/host-bridge';
import type { HostEvent } from '../../shared/host-api';
import type { Logger } from '../../shared/log';
import { CaptureSelection } from '../services/capture';
import { createClipboardService } from '../services/clipboard';
import { createControlService, type ControlService } from '../services/control/control-service';
import { createFilesService, type FilesService } from '../services/files/files-service';
import { createHostHandlers, type HostHandlers, type UpdateControls } from '../services/host-handlers';
import { createInjector } from '../services/input/injector';
import { createManagedSettings } from '../services/managed-settings';
import { createOverlayService } from '../services/overlay';
import { createReportHistory } from '../services/report-history';
import { createSessionActivity, type SessionActivity } from '../services/session-activity';
import { createSettingsService, type SettingsService } from '../services/settings';
import type { StartupPolicy } from './policy-sources';
import { createToolkitService } from '../services/toolkit/toolkit-service';
import { createConsentDialog, type ConsentDialogDeps } from './consent-dialog';
import { createFilePicker, downloadsDir, electronClipboard } from './file-dialogs';
import { createRepairDialog } from './repair-dialog';
import { createRecordingDialog } from './recording-dialog';
import { createRecordingConsent } from '../services/recording/recording-consent';
import { createOverlaySurface } from './overlay-window';
import { createReconnect } from './reconnect';
import type { ReconnectService } from '../services/reconnect';
import { createScreenSourceProvider } from './screen-sources';
import { desktopPicksScreens } from './wayland';
import { createReportsStoreBackend } from './reports-store';
import { createSettingsStoreBackend } from './settings-store';
import { isAppWebContents } from './window';

export interface Host {
  handlers: HostHandlers;
  settings: SettingsService;
  capture: CaptureSelection;
  control: ControlService;
  files: FilesService;
  /** The reboot-and-reconnect ticket and the one-time start at login. */
  reconnect: ReconnectService;
  /** Whether the renderer reports a support session in progress. */
  activity: SessionActivity;
  /** Pushes an event to the app's own windows (never throws). */
  emit(event: HostEvent): void;
}

/** The services main.ts builds before the host (the updater needs the activity flag). */
export interface HostOptions {
  activity?: SessionActivity;
  updates?: UpdateControls;
}

const noUpdates: UpdateControls = { restartNow: () => false, later: () => undefined };

/** The windows this app created (never a foreign webContents), still alive. */
function appWindows(): BrowserWindow[] {
  return BrowserWindow.getAllWindows().filter((window) => !window.isDestroyed() && isAppWebContents(window.webContents));
}

/**
 * Pushes a host event to the app's own windows only. Never throws: the control service emits
 * on its way to releasing held keys, and a window dying mid-send must not stop that.
 */
function emitToAppWindows(event: HostEvent, log: Logger): void {
  for (const window of appWindows()) {
    try {
      if (!window.webContents.isDestroyed()) window.webContents.send(HOST_EVENT_CHANNEL, event);
    } catch (error) {
      log.warn('host.emit-failed', { type: event.type, reason: String(error) });
    }
  }
}

export function createHost(log: Logger, managed: StartupPolicy, options: HostOptions = {}): Host {
  const activity = options.activity ?? createSessionActivity();
  // The managed policy wins over the user's saved settings (docs/deployment.md).
  const settings = createManagedSettings(createSettingsService(createSettingsStoreBackend(), log), managed.policy);
  // Wayland: the desktop's own picker chooses the screen (ScreenCast portal).
  const capture = new CaptureSelection(createScreenSourceProvider(undefined, undefined, desktopPicksScreens(process.platform, process.env)));
  const dialogDeps: ConsentDialogDeps = { parentWindow: () => appWindows()[0] ?? null, language: () => settings.get().language };
  const control = createControlService({
    injector: createInjector({
      platform: process.platform,
      env: process.env,
      log,
      // macOS needs the Accessibility permission. `false`: never prompt from here; the OS
      // prompt would appear out of context, the app explains instead.
      isAccessibilityTrusted: process.platform === 'darwin' ? () => systemPreferences.isTrustedAccessibilityClient(false) : undefined,
    }),
    prompter: createConsentDialog(dialogDeps),
    sharedScreen: () => capture.sharedBounds(),
    emit: (status) => emitToAppWindows({ type: 'control.status', status }, log),
    log,
  });
  const files = createFilesService({ downloadsDir, pickFile: createFilePicker(dialogDeps.parentWindow), log });
  const reconnect = createReconnect(managed.policy, log);
  const handlers = createHostHandlers({
    appInfo: () => ({ version: app.getVersion(), platform: process.platform, systemLocales: app.getPreferredSystemLanguages() }),
    policy: managed,
    settings,
    capture,
    control,
    toolkit: createToolkitService({ settings, prompter: createRepairDialog(dialogDeps), log, reconnect }),
    files,
    clipboard: createClipboardService(electronClipboard),
    activity,
    updates: options.updates ?? noUpdates,
    reports: createReportHistory(createReportsStoreBackend(), log),
    overlay: createOverlayService(() => createOverlaySurface({ sharedBounds: () => capture.sharedBounds(), appWindow: dialogDeps.parentWindow, log })),
    reconnect,
    recording: createRecordingConsent({ mode: () => managed.policy.recording.mode, prompter: createRecordingDialog(dialogDeps), log }),
  });
  return { handlers, settings, capture, control, files, reconnect, activity, emit: (event) => emitToAppWindows(event, log) };
}
