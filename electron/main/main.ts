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
import { createHost } from './host';
import { setupIpc } from './ipc';
import { setupPermissions } from './permissions';
import { setupPolicy } from './policy-sources';
import { setupSecurityGuards } from './security';
import { setupSingleInstance } from './single-instance';
import { setupUpdater } from './updater';
import { createMainWindow, isAppWebContents, rendererRoot } from './window';

const log = createLogger('main');
let mainWindow: BrowserWindow | null = null;

function openWindow(): void {
  mainWindow = createMainWindow(log);
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
}

async function onReady(): Promise<void> {
  await app.whenReady();
  // Managed policy first: it decides the server, the capabilities and the updates (docs/deployment.md).
  const managed = await setupPolicy(log);
  const host = createHost(log, managed);
  setupAppProtocol({ rootDir: rendererRoot(), contentSecurityPolicy: () => buildContentSecurityPolicy(host.settings.get().serverUrl), log });
  setupPermissions(log, managed.policy.capabilities.voice);
  setupDisplayMedia(host.capture, log);
  setupIpc({ handlers: host.handlers, isAppWebContents, log });
  setupControlShortcut(host.control, log);
  setupControlTeardown(host.control, log);
  setupUpdater(managed.policy, log);
  openWindow();
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
  setupSecurityGuards(log);
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  onReady().catch((error: unknown) => {
    log.error('main.startup-failed', { reason: String(error) });
    app.exit(1);
  });
}

main();
