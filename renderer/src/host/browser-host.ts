import { resolveBranding } from '../../../shared/branding';
import type { ControlStatus } from '../../../shared/control';
import { unmanagedPolicy } from '../../../shared/policy';
import { settingsPatchSchema, settingsSchema, type HostApi, type Settings } from '../../../shared/host-api';
import { MAX_REPORT_HISTORY, sessionReportSchema, type SessionReport } from '../../../shared/report';

const STORAGE_KEY = 'tandem.settings';
const unavailable: ControlStatus = { state: 'unavailable', reason: 'unsupported-platform' };

/**
 * The host when the renderer runs in a plain browser (a consultant using the server's web
 * page). The signaling server is the page's own origin; only the language, the consultant's
 * name and the help-request organisation are remembered, in localStorage (none is a secret;
 * the sign-in token never goes there).
 */
export function createBrowserHost(win: Window): HostApi {
  // Past sessions live for the page's life only: reports may name people and hold notes,
  // and localStorage would keep them on a possibly shared browser indefinitely.
  let reports: SessionReport[] = [];
  const serverUrl = `${win.location.protocol === 'https:' ? 'wss:' : 'ws:'}//${win.location.host}/ws`;

  const readSettings = (): Settings => {
    const defaults: Settings = { language: 'system', serverUrl, consultantName: '' };
    try {
      const stored = settingsPatchSchema.safeParse(JSON.parse(win.localStorage.getItem(STORAGE_KEY) ?? '{}'));
      return stored.success ? { ...defaults, ...stored.data, serverUrl } : defaults;
    } catch {
      return defaults;
    }
  };

  return {
    // A browser is never managed by a desktop policy: the server it was served from decides.
    policy: { get: () => Promise.resolve({ policy: unmanagedPolicy(), branding: resolveBranding(unmanagedPolicy().branding, {}) }) },
    app: {
      getInfo: () => Promise.resolve({ version: 'web', platform: 'web', systemLocales: [...win.navigator.languages] }),
      setBusy: () => Promise.resolve(null),
    },
    // The server updates the web page; there is nothing to restart into.
    update: {
      restartNow: () => Promise.resolve(false),
      later: () => Promise.resolve(null),
    },
    reports: {
      save: ({ report }) => {
        const parsed = sessionReportSchema.parse(report);
        reports = [parsed, ...reports.filter((entry) => entry.id !== parsed.id)].slice(0, MAX_REPORT_HISTORY);
        return Promise.resolve(null);
      },
      list: () => Promise.resolve([...reports]),
    },
    settings: {
      get: () => Promise.resolve(readSettings()),
      update: (patch) => {
        const next = settingsSchema.parse({ ...readSettings(), ...patch, serverUrl });
        win.localStorage.setItem(STORAGE_KEY, JSON.stringify({ language: next.language, consultantName: next.consultantName, organisation: next.organisation, quickReplies: next.quickReplies }));
        return Promise.resolve(next);
      },
    },
    // A plain browser can watch and guide but cannot inject input on this machine.
    control: {
      request: () => Promise.resolve(unavailable),
      release: () => Promise.resolve(unavailable),
      heartbeat: () => Promise.resolve(null),
      input: () => Promise.resolve({ injected: false, dropped: 'not-granted' }),
      getStatus: () => Promise.resolve(unavailable),
    },
    events: { subscribe: () => () => {} },
    // Drawings land on the user's screen, and the user is always in the desktop app.
    overlay: {
      show: () => Promise.resolve(null),
      setHidden: () => Promise.resolve(null),
    },
    // Only the user's desktop app restarts its computer; a browser has no ticket to keep.
    reconnect: {
      saveTicket: () => Promise.reject(new Error('tandem-host:unavailable: restarting the computer needs the desktop app')),
      takeTicket: () => Promise.resolve({ status: 'none' }),
      discard: () => Promise.resolve(null),
    },
    // Only the user's desktop app is ever asked to be recorded; a browser has no native prompt.
    recording: {
      ask: () => Promise.resolve({ granted: false, reason: 'not-allowed' }),
      withdraw: () => Promise.resolve(null),
    },
    // Diagnostics and repairs run on the user's computer, in the desktop app only.
    diagnostics: { run: () => Promise.reject(new Error('tandem-host:unavailable: diagnostics need the desktop app')) },
    repairs: {
      list: () => Promise.resolve([]),
      run: () => Promise.resolve({ approved: false }),
    },
    // The consultant's page uses the browser's file input, downloads and clipboard directly
    // (renderer/src/files/browser-ports.ts); the host's file and clipboard methods are desktop-only.
    files: {
      pick: () => Promise.reject(new Error('tandem-host:unavailable: files need the desktop app')),
      read: () => Promise.reject(new Error('tandem-host:unavailable: files need the desktop app')),
      release: () => Promise.resolve(null),
      receive: () => Promise.reject(new Error('tandem-host:unavailable: files need the desktop app')),
      write: () => Promise.reject(new Error('tandem-host:unavailable: files need the desktop app')),
      finish: () => Promise.reject(new Error('tandem-host:unavailable: files need the desktop app')),
      cancel: () => Promise.resolve(null),
    },
    clipboard: {
      readText: () => Promise.reject(new Error('tandem-host:unavailable: the clipboard needs the desktop app')),
      writeText: () => Promise.reject(new Error('tandem-host:unavailable: the clipboard needs the desktop app')),
    },
    capture: {
      // The browser shows its own screen picker inside getDisplayMedia.
      listSources: () => Promise.resolve([]),
      selectSource: () => Promise.reject(new Error('tandem-host:unavailable: the browser picks the screen itself')),
    },
  };
}
