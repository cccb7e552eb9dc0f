/**
 * Auto-update from the organisation's own server (electron-updater, generic provider).
 * Off unless the managed policy gives an https update URL and does not switch updates off:
 * there is no built-in update server, so an unmanaged install never fetches code.
 *
 * Flow for the UI: the update downloads in the background; onUpdateReady fires; the user
 * picks "Restart now" (restartNow) or "Later" (later: it installs when the app quits).
 */
import { app } from 'electron';
import type { Logger } from '../../shared/log';
import type { ManagedPolicy } from '../../shared/policy';

/** The part of electron-updater's AppUpdater used here (a fake in tests). */
export interface UpdaterBackend {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  allowDowngrade: boolean;
  allowPrerelease: boolean;
  setFeedURL(options: { provider: 'generic'; url: string; channel: string }): void;
  checkForUpdates(): Promise<unknown>;
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void;
  on(event: 'update-downloaded', listener: (info: { version: string }) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
}

export interface UpdateReady {
  version: string;
}

export interface Updater {
  readonly enabled: boolean;
  /** Called once an update is downloaded (at once if one already is). Returns the unsubscribe. */
  onUpdateReady(listener: (update: UpdateReady) => void): () => void;
  /** Checks now (the updater also checks at start and every few hours). Never throws. */
  checkNow(): Promise<void>;
  /** Restarts into the update. false (and nothing happens) when none is ready or a session is busy. */
  restartNow(): boolean;
  /** "Later": nothing interrupts the user; the update installs when the app next quits. */
  later(): void;
  dispose(): void;
}

export interface UpdaterDeps {
  /** Loads electron-updater only when updates are on (it touches Electron as soon as it loads). */
  load: () => Promise<UpdaterBackend>;
  log: Logger;
  packaged: boolean;
  /** True while a support session runs: a restart would cut the person off mid-session. */
  isBusy?: () => boolean;
  intervalMs?: number;
  timers?: { setInterval: (fn: () => void, ms: number) => unknown; clearInterval: (handle: unknown) => void };
}

export const CHECK_INTERVAL_MS = 4 * 60 * 60 * 1000;

const inert: Updater = {
  enabled: false,
  onUpdateReady: () => () => undefined,
  checkNow: () => Promise.resolve(),
  restartNow: () => false,
  later: () => undefined,
  dispose: () => undefined,
};

export function createUpdater(updates: ManagedPolicy['updates'], deps: UpdaterDeps): Updater {
  const { log } = deps;
  if (!updates.enabled || updates.url === null) {
    log.info('updater.disabled', { reason: updates.url === null ? 'no update URL in policy' : 'switched off by policy' });
    return inert;
  }
  if (!deps.packaged) {
    log.info('updater.disabled', { reason: 'not a packaged build' });
    return inert;
  }
  const url = updates.url;
  const listeners = new Set<(update: UpdateReady) => void>();
  let ready: UpdateReady | null = null;
  let backend: UpdaterBackend | null = null;
  let disposed = false;
  const timers = deps.timers ?? { setInterval: (fn: () => void, ms: number) => setInterval(fn, ms), clearInterval: (handle: unknown) => clearInterval(handle as NodeJS.Timeout) };

  const backendReady = deps
    .load()
    .then((loaded) => {
      // Security: the feed is set in code from the validated policy (https only), never from
      // a file in the app folder; downgrades are refused so an old, vulnerable build cannot be pushed.
      loaded.setFeedURL({ provider: 'generic', url, channel: updates.channel });
      loaded.allowDowngrade = false;
      loaded.allowPrerelease = updates.channel !== 'latest';
      loaded.autoDownload = true;
      loaded.autoInstallOnAppQuit = true;
      loaded.on('update-downloaded', (info) => {
        ready = { version: String(info.version) };
        log.info('updater.ready', { version: ready.version });
        for (const listener of listeners) notify(listener, ready);
      });
      loaded.on('error', (error) => log.warn('updater.error', { reason: error.message }));
      backend = loaded;
      return loaded;
    })
    .catch((error: unknown) => {
      log.error('updater.load-failed', { reason: String(error) });
      return null;
    });

  function notify(listener: (update: UpdateReady) => void, update: UpdateReady): void {
    try {
      listener(update);
    } catch (error) {
      log.warn('updater.listener-failed', { reason: String(error) });
    }
  }

  async function checkNow(): Promise<void> {
    const loaded = await backendReady;
    if (loaded === null || disposed) return;
    try {
      await loaded.checkForUpdates();
    } catch (error) {
      log.warn('updater.check-failed', { reason: String(error) });
    }
  }

  log.info('updater.enabled', { url, channel: updates.channel });
  void checkNow();
  const interval = timers.setInterval(() => void checkNow(), deps.intervalMs ?? CHECK_INTERVAL_MS);

  return {
    enabled: true,
    onUpdateReady(listener) {
      listeners.add(listener);
      if (ready !== null) notify(listener, ready);
      return () => listeners.delete(listener);
    },
    checkNow,
    restartNow() {
      if (ready === null || backend === null) return false;
      if (deps.isBusy?.() === true) {
        log.info('updater.restart-deferred', { reason: 'session in progress' });
        return false;
      }
      log.info('updater.restart', { version: ready.version });
      // Not silent (the Windows installer shows its progress), and Tandem starts again afterwards.
      backend.quitAndInstall(false, true);
      return true;
    },
    later() {
      log.info('updater.later', { version: ready?.version ?? null });
    },
    dispose() {
      disposed = true;
      timers.clearInterval(interval);
      listeners.clear();
    },
  };
}

async function loadElectronUpdater(): Promise<UpdaterBackend> {
  const module = await import('electron-updater');
  // electron-updater is CommonJS: esbuild's bundle exposes its exports directly, plain Node
  // ESM may only expose them on `default`.
  const interop = module as unknown as Partial<Pick<typeof module, 'autoUpdater'>> & { default?: Pick<typeof module, 'autoUpdater'> };
  const autoUpdater = interop.autoUpdater ?? interop.default?.autoUpdater;
  if (autoUpdater === undefined) throw new Error('electron-updater exports no autoUpdater');
  return autoUpdater;
}

/** Start-up wiring: updates as the policy says. The lead passes isBusy from the control service. */
export function setupUpdater(policy: ManagedPolicy, log: Logger, options: { isBusy?: () => boolean } = {}): Updater {
  return createUpdater(policy.updates, { load: loadElectronUpdater, log, packaged: app.isPackaged, isBusy: options.isBusy });
}
