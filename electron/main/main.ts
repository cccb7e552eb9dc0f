/**
 * Electron entry point: a flat list of setup steps, one module per concern.
 * Order matters where noted; everything that touches a session or a window waits for ready.
 */
import { app, type BrowserWindow } from 'electron';
import { createLogger } from '../../shared/log';
import { registerAppScheme, setupAppProtocol } from './app-protocol';
import { buildContentSecurityPolicy } from './csp';
import { setupControlShortcut } from './control-shortcut';
import { setupControlTeardown } from './control-teardown';
import { diagnoseArguments, runDiagnoseFlag } from './diagnose-flag';
import { setupDisplayMedia } from './display-media';
import { setupDeepLinks, type DeepLinks } from './deep-links';
import { createHost, type Host } from './host';
import { setupIpc } from './ipc';
import { setupPermissions } from './permissions';
import { setupPolicy } from './policy-sources';
import { setupSecurityGuards } from './security';
import { setupSingleInstance } from './single-instance';
import { setupUpdater } from './updater';
import { applyWaylandSwitches } from './wayland';
import { createSessionActivity } from '../services/session-activity';
import { createMainWindow, isAppWebContents, rendererRoot } from './window';

const log = createLogger('main');
let mainWindow: BrowserWindow | null = null;
/** Windows whose renderer has finished loading at least once (it subscribes to host events as it starts). */
const loadedWindows = new WeakSet<BrowserWindow>();

function openWindow(): BrowserWindow {
  const window = createMainWindow(log);
  mainWindow = window;
  window.webContents.once('did-finish-load', () => loadedWindows.add(window));
  window.on('closed', () => {
    mainWindow = null;
  });
  return window;
}

/** Runs `send` once the app window's renderer has loaded: it subscribes to host events at start-up. */
function whenRendererLoaded(send: () => void): void {
  const window = mainWindow ?? openWindow();
  const contents = window.webContents;
  // Sent too early, the event would be lost: nothing listens before the renderer has loaded.
  if (loadedWindows.has(window) && !contents.isLoading()) send();
  else contents.once('did-finish-load', send);
}

/** Host events that must reach a loaded renderer: tandem://join codes (the user still confirms) and updates. */
function setupHostEvents(host: Host, deepLinks: DeepLinks, updater: ReturnType<typeof setupUpdater>): void {
  deepLinks.onLink((link) => whenRendererLoaded(() => host.emit(link.type === 'join' ? { type: 'deeplink.join', code: link.code } : { type: 'deeplink.request', requestId: link.requestId, resumeToken: link.resumeToken })));
  updater.onUpdateReady(({ version }) => whenRendererLoaded(() => host.emit({ type: 'update.ready', version })));
}

async function onReady(deepLinks: DeepLinks): Promise<void> {
  await app.whenReady();
  // Managed policy first: it decides the server, the capabilities and the updates (docs/deployment.md).
  const managed = await setupPolicy(log);
  // A restart into an update waits while the renderer reports a session in progress.
  const activity = createSessionActivity();
  const updater = setupUpdater(managed.policy, log, { isBusy: () => activity.isBusy() });
  const host = createHost(log, managed, { activity, updates: updater });
  // Started (at login after a restart, or by hand): the one-time login start is used up.
  void host.reconnect.appStarted();
  setupAppProtocol({ rootDir: rendererRoot(), contentSecurityPolicy: () => buildContentSecurityPolicy(host.settings.get().serverUrl), log });
  setupPermissions(log, managed.policy.capabilities.voice);
  setupDisplayMedia(host.capture, activity, log);
  setupIpc({ handlers: host.handlers, isAppWebContents, log });
  setupControlShortcut(host.control, log);
  setupControlTeardown(host.control, log);
  openWindow();
  setupHostEvents(host, deepLinks, updater);
  app.on('activate', () => {
    if (mainWindow === null) openWindow();
  });
}

export function main(): void {
  const diagnose = diagnoseArguments(process.argv);
  if (diagnose) {
    runDiagnoseFlag(diagnose);
    return;
  }
  if (!setupSingleInstance(() => mainWindow)) return;
  // Before ready: scheme privileges and the sandbox switch are fixed at startup.
  registerAppScheme();
  // Before ready too: Ozone and the PipeWire capturer on a Wayland desktop.
  if (applyWaylandSwitches(app.commandLine, process.platform, process.env)) log.info('main.wayland', {});
  // Before ready: macOS may deliver the tandem:// link that started the app with open-url.
  const deepLinks = setupDeepLinks(log);
  setupSecurityGuards(log);
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  onReady(deepLinks).catch((error: unknown) => {
    log.error('main.startup-failed', { reason: String(error) });
    app.exit(1);
  });
}

main();
