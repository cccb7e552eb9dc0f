import type { BrowserContext, Page } from '@playwright/test';
import { CaptureSelection, type ScreenSourceProvider } from '../../electron/services/capture';
import { createControlService, type ControlService } from '../../electron/services/control/control-service';
import { createHostHandlers, dispatchHostCall } from '../../electron/services/host-handlers';
import { createInjector, type Injector } from '../../electron/services/input/injector';
import { createMemorySettingsBackend, createSettingsService, defaultSettings } from '../../electron/services/settings';
import { DESKTOP_PICKER_SOURCE_ID, HOST_METHODS, buildHostApi, type HostEvent, type HostReply, type Settings } from '../../shared/host-api';
import { createLogger } from '../../shared/log';
import { createManagedSettings } from '../../electron/services/managed-settings';
import { loadPolicy, nodePolicyFs, unmanagedPolicy } from '../../electron/services/policy';
import { resolveBranding } from '../../shared/branding';
import { SCREEN } from './global-setup';
import { runProcess, type ProcessRunner } from '../../electron/services/diagnostics';
import { createToolkitService } from '../../electron/services/toolkit/toolkit-service';
import type { RepairAction } from '../../shared/diagnostics';
import { HarnessPrompt } from './harness-consent';
import { createRecordingConsent } from '../../electron/services/recording/recording-consent';
import { HarnessRebooter } from './harness-reboot';
import { createClipboardService, createMemoryClipboard } from '../../electron/services/clipboard';
import { createFilesService } from '../../electron/services/files/files-service';
import { HarnessFilePicker, temporaryDownloadsDir } from './harness-files';
import { createMemoryReportHistoryBackend, createReportHistory } from '../../electron/services/report-history';
import { createSessionActivity, type SessionActivity } from '../../electron/services/session-activity';
import { createOverlayService } from '../../electron/services/overlay';
import { createHarnessOverlay, type HarnessOverlay } from './harness-overlay';
import type { WindowPlacement } from './chromium';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createReconnectService, createTicketVault, createXdgAutostart, TICKET_FILE_NAME, unprotected, type ReconnectService } from '../../electron/services/reconnect';

const half = SCREEN.width / 2;
const twoMonitors: ScreenSourceProvider = {
  list: () =>
    Promise.resolve([
      { id: 'screen:x11:left', name: 'Screen 1', thumbnail: null, bounds: { x: 0, y: 0, width: half, height: SCREEN.height } },
      { id: 'screen:x11:right', name: 'Screen 2', thumbnail: null, bounds: { x: half, y: 0, width: half, height: SCREEN.height } },
    ]),
};

/** Wayland: the desktop's own picker chooses (as electron/main/screen-sources.ts offers there). */
const desktopPicker: ScreenSourceProvider = {
  list: () => Promise.resolve([{ id: DESKTOP_PICKER_SOURCE_ID, name: 'desktop', thumbnail: null, bounds: { x: 0, y: 0, ...SCREEN } }]),
};

/** The X display as the only shareable screen; its name is the one Chromium auto-selects. */
const xDisplayScreens: ScreenSourceProvider = {
  list: () => Promise.resolve([{ id: 'screen:x11:0', name: 'Entire screen', thumbnail: null, bounds: { x: 0, y: 0, ...SCREEN } }]),
};

export interface HarnessHostOptions {
  appOrigin: string;
  /** A managed policy file, read by the app's real Linux policy loader (default: unmanaged). */
  policyFile?: string;
  settings: Partial<Settings>;
  systemLocales?: string[];
  /**
   * Two side-by-side monitors on the one X display (each half of it), to exercise the screen
   * list, the switch and the mapping of control onto the shared monitor's bounds. Chromium still
   * captures the whole X screen: the harness cannot capture half of it.
   */
  twoMonitors?: boolean;
  /**
   * This host runs on a Wayland desktop: the environment of that desktop's session (its bus,
   * its Wayland socket). The screen list is then the desktop's picker, and control goes
   * through the desktop's RemoteDesktop portal.
   */
  waylandEnv?: NodeJS.ProcessEnv;
  /** Where the stand-in for the drawing overlay window opens on the X display (default: the bottom-left quarter). */
  overlayPlacement?: WindowPlacement;
  /**
   * This app's own state folder (the stand-in for userData and ~/.config): the reconnect ticket
   * and the autostart entry live there, so a browser relaunched with the same one finds them.
   * Default: a fresh temporary folder.
   */
  stateDir?: string;
}

export interface HarnessHost {
  logs: string[];
  consent: HarnessPrompt<{ consultantName: string }>;
  /** The repair approval prompt, answered by the test. */
  repairPrompt: HarnessPrompt<{ action: RepairAction; consultantName: string }>;
  /** The recording prompt, answered by the test (through the same consent service as the native dialog). */
  recordingPrompt: HarnessPrompt<{ consultantName: string; required: boolean }>;
  /** Every program the repairs ran, in order (file and arguments). */
  commandsRun: { file: string; args: readonly string[] }[];
  control: ControlService;
  injector: Injector;
  capture: CaptureSelection;
  /** This app's own Downloads folder (a fresh temporary one). */
  downloadsDir: string;
  /** The native open dialog, answered by the test. */
  filePicker: HarnessFilePicker;
  /** The OS clipboard's stand-in: the test sets and reads `text`. */
  clipboard: { text: string };
  /** Whether the renderer reported a session in progress ('app.setBusy'). */
  activity: SessionActivity;
  /**
   * Stand-in for the updater (electron-updater needs a packaged app): it records the calls
   * and, like the real one with an update downloaded, refuses to restart while busy.
   */
  updates: { restartCalls: number; laterCalls: number };
  /** Pushes a host event to the page, as main does (deep links, update ready). */
  emitEvent(event: HostEvent): void;
  /** The consultant's drawings on this user's screen (a Chromium window opened on the first one). */
  overlay: HarnessOverlay;
  /** The real reconnect service over a file vault in `stateDir` (no encryption: no key store here). */
  reconnect: ReconnectService;
  /** Stands in for the OS restart: records what the restart repair asked for and never restarts anything. */
  reboot: HarnessRebooter;
  /** Where the ticket file is (it exists only between saveTicket and takeTicket/discard). */
  ticketFile: string;
  /** Whether the one-time start at the next login is registered (an XDG entry under `stateDir`). */
  startsAtNextLogin(): Promise<boolean>;
  /** Starts forwarding host events to this page (the preload's ipcRenderer.on). */
  attach(page: Page): void;
}

/**
 * Stands in for Electron's preload and main process: the page gets the same frozen
 * `window.tandem` object (built by the same `buildHostApi`), and each call runs through the
 * same handler table and `dispatchHostCall` in this test process, with the real X11 injector.
 */
export async function installHarnessHost(context: BrowserContext, options: HarnessHostOptions): Promise<HarnessHost> {
  const logs: string[] = [];
  const log = createLogger('harness-host', (_level, line) => logs.push(line));
  const policy = options.policyFile
    ? await loadPolicy({ platform: 'linux', fs: nodePolicyFs, run: runProcess, log, userName: null, systemRoot: '', linuxPolicyPath: options.policyFile, requireRootOwned: false })
    : unmanagedPolicy();
  const managed = { policy, branding: resolveBranding(policy.branding, {}) };
  const settings = createManagedSettings(createSettingsService(createMemorySettingsBackend({ ...defaultSettings(), ...options.settings }), log), policy);
  const capture = new CaptureSelection(options.waylandEnv ? desktopPicker : options.twoMonitors ? twoMonitors : xDisplayScreens);
  const consent = new HarnessPrompt<{ consultantName: string }>();
  const repairPrompt = new HarnessPrompt<{ action: RepairAction; consultantName: string }>();
  const recordingPrompt = new HarnessPrompt<{ consultantName: string; required: boolean }>();
  const commandsRun: { file: string; args: readonly string[] }[] = [];
  // The real runner, observed: the test can prove a declined repair never ran anything.
  const runner: ProcessRunner = (file, args, options) => {
    commandsRun.push({ file, args });
    return runProcess(file, args, options);
  };
  const injector = createInjector({ platform: process.platform, env: options.waylandEnv ?? process.env, log });
  let page: Page | null = null;
  const emit = (event: HostEvent) => {
    void page?.evaluate((payload) => (window as unknown as { __tandemHostEvent(event: unknown): void }).__tandemHostEvent(payload), event).catch(() => undefined);
  };
  const control = createControlService({
    injector,
    prompter: { ask: (request, signal) => consent.ask(request, signal) },
    sharedScreen: () => capture.sharedBounds(),
    emit: (status) => emit({ type: 'control.status', status }),
    log,
  });
  const downloadsDir = temporaryDownloadsDir();
  const filePicker = new HarnessFilePicker();
  const clipboard = createMemoryClipboard();
  const activity = createSessionActivity();
  const updates = { restartCalls: 0, laterCalls: 0 };
  const overlay = createHarnessOverlay(options.appOrigin, options.overlayPlacement ?? { x: 0, y: SCREEN.height / 2, width: SCREEN.width / 2, height: SCREEN.height / 2 }, SCREEN);
  const stateDir = options.stateDir ?? mkdtempSync(join(tmpdir(), 'tandem-host-state-'));
  const ticketFile = join(stateDir, 'userData', TICKET_FILE_NAME);
  // The real Linux autostart code, pointed at this app's own config folder.
  const nextLogin = createXdgAutostart({ env: { XDG_CONFIG_HOME: join(stateDir, 'config') }, command: ['/opt/tandem/tandem'] });
  const reconnect = createReconnectService({
    vault: createTicketVault({ filePath: ticketFile, protector: unprotected, ticketMinutes: () => policy.reconnect.ticketMinutes, log }),
    nextLogin,
    log,
  });
  // As main does at start-up: an app that started has used up its start at login.
  await reconnect.appStarted();
  const reboot = new HarnessRebooter();
  const handlers = createHostHandlers({
    appInfo: () => ({ version: 'e2e', platform: process.platform, systemLocales: options.systemLocales ?? ['en-US'] }),
    policy: managed,
    settings,
    capture,
    control,
    toolkit: createToolkitService({ settings, prompter: { confirm: (request) => repairPrompt.ask(request) }, log, repairs: { runner, restart: reboot }, reconnect }),
    files: createFilesService({ downloadsDir: () => downloadsDir, pickFile: () => filePicker.pick(), log }),
    clipboard: createClipboardService(clipboard),
    activity,
    updates: {
      restartNow: () => (updates.restartCalls++, !activity.isBusy()),
      later: () => void updates.laterCalls++,
    },
    // In memory, like the unit tests; the electron-store backend is main-process glue.
    reports: createReportHistory(createMemoryReportHistoryBackend(), log),
    overlay: createOverlayService(() => overlay.surface),
    reconnect,
    recording: createRecordingConsent({ mode: () => policy.recording.mode, prompter: { ask: (request, signal) => recordingPrompt.ask(request, signal) }, log }),
  });

  await context.exposeBinding('__tandemHostCall', async (source, method: unknown, params: unknown): Promise<HostReply> => {
    // The same sender rule as the IPC wiring: only the top frame of the app's own origin.
    const frameUrl = source.frame.url();
    if (source.frame !== source.page.mainFrame() || !frameUrl.startsWith(`${options.appOrigin}/`)) {
      return { ok: false, error: { code: 'forbidden-sender', message: 'Calls are accepted from the app window only.' } };
    }
    return dispatchHostCall(handlers, method, params, log);
  });
  await context.addInitScript({
    content: `(() => {
      const listeners = new Set();
      Object.defineProperty(window, '__tandemHostEvent', { value: (event) => listeners.forEach((listener) => listener(event)) });
      const subscribe = (listener) => { listeners.add(listener); return () => listeners.delete(listener); };
      Object.defineProperty(window, 'tandem', {
        value: (${buildHostApi.toString()})(${JSON.stringify(HOST_METHODS)}, (method, params) => window.__tandemHostCall(method, params), subscribe),
        enumerable: true,
      });
    })();`,
  });
  return {
    logs,
    consent,
    repairPrompt,
    recordingPrompt,
    commandsRun,
    control,
    injector,
    capture,
    downloadsDir,
    filePicker,
    clipboard,
    activity,
    updates,
    emitEvent: emit,
    overlay,
    reconnect,
    reboot,
    ticketFile,
    startsAtNextLogin: () => nextLogin.isRegistered(),
    attach: (target) => {
      page = target;
    },
  };
}
