/** Test helper: the real host handler table over in-memory services, for the fuzz tests. Used only by *.test.ts. */
import { createRecordingConsent } from '../services/recording/recording-consent';
import { silentLogger } from '../../shared/log';
import { CaptureSelection } from '../services/capture';
import { createClipboardService, createMemoryClipboard } from '../services/clipboard';
import type { ControlService } from '../services/control/control-service';
import { createFilesService } from '../services/files/files-service';
import { createHostHandlers, type HostDeps, type HostHandlers } from '../services/host-handlers';
import type { ReconnectService } from '../services/reconnect';
import { createMemoryReportHistoryBackend, createReportHistory } from '../services/report-history';
import { createSessionActivity } from '../services/session-activity';
import { createMemorySettingsBackend, createSettingsService } from '../services/settings';
import { createToolkitService } from '../services/toolkit/toolkit-service';
import { fakeContext } from '../services/diagnostics/test-fixtures';
import { testPolicy } from './test-policy';

/**
 * Every dependency in memory; nothing touches the disk (but `downloadsDir`), the clipboard or the
 * screen of this machine. `overrides` puts in a test's own recording service (files, clipboard, overlay).
 */
export function fuzzHostHandlers(control: ControlService, downloadsDir: string, overrides: Partial<HostDeps> = {}): HostHandlers {
  const settings = createSettingsService(createMemorySettingsBackend(), silentLogger);
  const reconnect: ReconnectService = {
    saveTicket: () => Promise.resolve(),
    takeTicket: () => Promise.resolve({ status: 'none' }),
    discard: () => Promise.resolve(),
    appStarted: () => Promise.resolve(),
    savedWithin: () => false,
    pendingSince: () => null,
  };
  return createHostHandlers({
    appInfo: () => ({ version: '0.1.0', platform: 'linux', systemLocales: ['fr-FR'] }),
    policy: testPolicy(),
    settings,
    capture: new CaptureSelection({ list: () => Promise.resolve([]) }),
    control,
    // The toolkit's confirmation always says no (a fuzzed repairs.run must never run a repair), and its
    // diagnostics probe a fake machine: the real checks run, but start no process and open no socket.
    toolkit: createToolkitService({ settings, prompter: { confirm: () => Promise.resolve(false) }, log: silentLogger, diagnostics: fakeContext() }),
    files: createFilesService({ downloadsDir: () => downloadsDir, pickFile: () => Promise.resolve(null), log: silentLogger }),
    clipboard: createClipboardService(createMemoryClipboard()),
    activity: createSessionActivity(),
    updates: { restartNow: () => false, later: () => {} },
    reports: createReportHistory(createMemoryReportHistoryBackend(), silentLogger),
    overlay: { show: () => {}, setHidden: () => {} },
    reconnect,
    // The recording prompt always says no: a fuzzed recording.ask must never grant anything.
    recording: createRecordingConsent({ mode: () => 'allowed', prompter: { ask: () => Promise.resolve(false) }, log: silentLogger }),
    ...overrides,
  });
}
