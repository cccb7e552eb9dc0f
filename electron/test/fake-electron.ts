/**
 * The one fake `electron` module for every main-process and preload unit test
 * (there is no Electron binary here). Each test file mocks electron the same way:
 *
 *   vi.mock('electron', async () => (await import('../test/fake-electron')).fakeElectronModule());
 *   import { fake } from '../test/fake-electron';
 *   beforeEach(() => fake.reset());
 *
 * Only what Tandem's glue uses is faked; objects are cast to Electron's types at the edge.
 * The preload's tests use it too (with a lint exception: the boundary rule guards the
 * preload's runtime imports, not its test doubles).
 */
import { EventEmitter } from 'node:events';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type {
  BrowserWindowConstructorOptions,
  Display,
  HandlerDetails,
  IpcMainInvokeEvent,
  MessageBoxOptions,
  MessageBoxReturnValue,
  OpenDialogOptions,
  OpenDialogReturnValue,
  Point,
  Rectangle,
  WebContents,
  WindowOpenHandlerResponse,
} from 'electron';
import { vi } from 'vitest';

export interface FakeFrame {
  url: string;
  parent: FakeFrame | null;
}

export function fakeFrame(url: string, parent: FakeFrame | null = null): FakeFrame {
  return { url, parent };
}

export class FakeWebContents extends EventEmitter {
  mainFrame: FakeFrame;
  windowOpenHandler: ((details: HandlerDetails) => WindowOpenHandlerResponse) | null = null;
  /** What main pushed to this renderer, by channel. */
  readonly send = vi.fn((_channel: string, ..._args: unknown[]) => undefined);
  readonly isDestroyed = vi.fn(() => false);
  readonly isLoading = vi.fn(() => false);

  constructor(url = 'app://tandem/index.html') {
    super();
    this.mainFrame = fakeFrame(url);
  }

  setWindowOpenHandler(handler: (details: HandlerDetails) => WindowOpenHandlerResponse): void {
    this.windowOpenHandler = handler;
  }

  /** Emits an Electron-style navigation event and reports whether it was prevented. */
  navigate(eventName: 'will-navigate' | 'will-redirect' | 'will-frame-navigate', url: string): boolean {
    let prevented = false;
    this.emit(eventName, { url, isMainFrame: true, preventDefault: () => (prevented = true) });
    return prevented;
  }

  asElectron(): WebContents {
    return this as unknown as WebContents;
  }
}

export class FakeBrowserWindow extends EventEmitter {
  /** Every window constructed since the last reset, whichever copy of this module built it. */
  static get instances(): FakeBrowserWindow[] {
    return shared().windows;
  }
  /** Like Electron, destroyed windows are no longer listed. */
  static getAllWindows(): FakeBrowserWindow[] {
    return shared().windows.filter((window) => !window.isDestroyed());
  }
  readonly webContents = new FakeWebContents();
  readonly show = vi.fn();
  readonly focus = vi.fn();
  readonly restore = vi.fn();
  readonly isMinimized = vi.fn(() => false);
  readonly isDestroyed = vi.fn(() => false);
  readonly loadURL = vi.fn((_url: string) => Promise.resolve());
  // The overlay window's (electron/main/overlay-window.ts).
  readonly setAlwaysOnTop = vi.fn();
  readonly setIgnoreMouseEvents = vi.fn();
  readonly setBounds = vi.fn();
  readonly showInactive = vi.fn();
  readonly hide = vi.fn();
  readonly isVisible = vi.fn(() => false);
  readonly destroy = vi.fn();

  constructor(readonly options: BrowserWindowConstructorOptions) {
    super();
    shared().windows.push(this);
  }
}

type Listener = (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown;

/** A 1920×1080 display at the origin, with Electron's field names. */
export function fakeDisplay(id: number, bounds: Rectangle = { x: 0, y: 0, width: 1920, height: 1080 }, scaleFactor = 1): Display {
  return { id, bounds, scaleFactor, size: { width: bounds.width, height: bounds.height }, workArea: bounds, label: `Display ${id}` } as unknown as Display;
}

type ShowOpenDialog = {
  (window: unknown, options: OpenDialogOptions): Promise<OpenDialogReturnValue>;
  (options: OpenDialogOptions): Promise<OpenDialogReturnValue>;
};

type ShowMessageBox = {
  (window: unknown, options: MessageBoxOptions): Promise<MessageBoxReturnValue>;
  (options: MessageBoxOptions): Promise<MessageBoxReturnValue>;
};

function createFake() {
  const handlers = new Map<string, Listener>();
  // Login items by name, as Windows keys its Run entries.
  const loginItems = new Map<string, { openAtLogin: boolean; args: string[] }>();
  const app = Object.assign(new EventEmitter(), {
    requestSingleInstanceLock: vi.fn(() => true),
    quit: vi.fn(),
    exit: vi.fn(),
    enableSandbox: vi.fn(),
    commandLine: { appendSwitch: vi.fn() },
    whenReady: vi.fn(() => Promise.resolve()),
    getAppPath: vi.fn(() => '/opt/tandem'),
    getPath: vi.fn((_name: string) => path.join(tmpdir(), 'tandem-fake-userdata')),
    getVersion: vi.fn(() => '0.1.0'),
    getPreferredSystemLanguages: vi.fn(() => ['fr-FR', 'en-US']),
    loginItems,
    setLoginItemSettings: vi.fn((settings: { openAtLogin: boolean; args?: string[]; name?: string }) => {
      loginItems.set(settings.name ?? 'default', { openAtLogin: settings.openAtLogin, args: settings.args ?? [] });
    }),
    // Windows answers by executable and arguments, whatever the entry's name.
    getLoginItemSettings: vi.fn((options?: { args?: string[] }) => ({
      openAtLogin: [...loginItems.values()].some((item) => item.openAtLogin && item.args.join('\0') === (options?.args ?? []).join('\0')),
    })),
  });
  const ipcMain = Object.assign(new EventEmitter(), {
    handlers,
    handle: vi.fn((channel: string, listener: Listener) => {
      if (handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
      handlers.set(channel, listener);
    }),
  });
  const defaultSession = {
    setPermissionRequestHandler: vi.fn(),
    setPermissionCheckHandler: vi.fn(),
    setDevicePermissionHandler: vi.fn(),
    setDisplayMediaRequestHandler: vi.fn(),
  };
  return {
    app,
    ipcMain,
    BrowserWindow: FakeBrowserWindow,
    session: { defaultSession },
    protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
    shell: { openExternal: vi.fn((_url: string) => Promise.resolve()), openPath: vi.fn(() => Promise.resolve('')) },
    desktopCapturer: { getSources: vi.fn(() => Promise.resolve([])) },
    globalShortcut: {
      register: vi.fn((_accelerator: string, _callback: () => void) => true),
      unregister: vi.fn((_accelerator: string) => undefined),
      unregisterAll: vi.fn(() => undefined),
    },
    // Answers like a user who closed the box: the cancel button. Tests script other answers.
    dialog: {
      showMessageBox: vi.fn<ShowMessageBox>((...args: unknown[]) => {
        const options = args.at(-1) as MessageBoxOptions;
        return Promise.resolve({ response: options.cancelId ?? 0, checkboxChecked: false });
      }),
      // Like a user who closed the open dialog.
      showOpenDialog: vi.fn<ShowOpenDialog>(() => Promise.resolve({ canceled: true, filePaths: [] })),
    },
    clipboard: { readText: vi.fn(() => Promise.resolve('')), writeText: vi.fn((_text: string) => Promise.resolve()) },
    screen: {
      getAllDisplays: vi.fn((): Display[] => [fakeDisplay(1)]),
      // Scale factor 2, so a test can tell a converted rectangle from an untouched one.
      dipToScreenRect: vi.fn((_window: unknown, rect: Rectangle): Rectangle => ({ x: rect.x * 2, y: rect.y * 2, width: rect.width * 2, height: rect.height * 2 })),
      dipToScreenPoint: vi.fn((point: Point): Point => ({ x: point.x * 2, y: point.y * 2 })),
      screenToDipPoint: vi.fn((point: Point): Point => ({ x: point.x / 2, y: point.y / 2 })),
      getPrimaryDisplay: vi.fn((): Display => fakeDisplay(1)),
      getDisplayNearestPoint: vi.fn((_point: Point): Display => fakeDisplay(1)),
    },
    // Reversible "encryption" so a test can tell sealed bytes from the plain text.
    safeStorage: {
      isEncryptionAvailable: vi.fn(() => true),
      getSelectedStorageBackend: vi.fn(() => 'gnome_libsecret'),
      encryptString: vi.fn((plain: string) => Buffer.from(`sealed:${Buffer.from(plain).toString('base64')}`)),
      decryptString: vi.fn((sealed: Buffer) => {
        const text = sealed.toString();
        if (!text.startsWith('sealed:')) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
        return Buffer.from(text.slice('sealed:'.length), 'base64').toString();
      }),
    },
    systemPreferences: { isTrustedAccessibilityClient: vi.fn((_prompt: boolean) => true) },
    contextBridge: { exposeInMainWorld: vi.fn((_key: string, _api: unknown) => undefined) },
    ipcRenderer: Object.assign(new EventEmitter(), {
      invoke: vi.fn((_channel: string, _params: unknown): Promise<unknown> => Promise.resolve({ ok: true, value: null })),
    }),
  };
}

type Fake = ReturnType<typeof createFake>;

interface SharedState {
  current: Fake;
  windows: FakeBrowserWindow[];
}

/**
 * Kept on globalThis so that a test which calls vi.resetModules (to re-run main.ts) still
 * sees the same fake as the modules under test, even though this file is evaluated again.
 */
function shared(): SharedState {
  const holder = globalThis as { __tandemFakeElectron?: SharedState };
  holder.__tandemFakeElectron ??= { current: createFake(), windows: [] };
  return holder.__tandemFakeElectron;
}

/** The live fake; `reset()` swaps in fresh spies and empties registries between tests. */
export const fake = {
  get electron(): Fake {
    return shared().current;
  },
  reset(): void {
    const state = shared();
    const next = createFake();
    // Modules under test hold references to the exported objects, so refresh them in place.
    for (const key of Object.keys(next) as (keyof Fake)[]) {
      if (key === 'BrowserWindow') continue;
      const target = state.current[key] as object;
      if (target instanceof EventEmitter) target.removeAllListeners();
      Object.assign(target, next[key]);
    }
    state.current.ipcMain.handlers.clear();
    state.windows = [];
  },
};

/** What `vi.mock('electron', factory)` returns: the named exports plus `default` (electron-store uses it). */
export function fakeElectronModule(): Fake & { default: Fake } {
  const { current } = shared();
  return { ...current, default: current };
}
