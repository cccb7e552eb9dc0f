/**
 * The one handler table behind `window.tandem`. Electron's ipcMain and the e2e harness
 * both route every call through `dispatchHostCall`, so validation and behaviour are shared.
 */
import {
  hostMethodParams,
  type AppInfo,
  type HostMethod,
  type HostParams,
  type HostReply,
  type HostResults,
} from '../../shared/host-api';
import type { Branding } from '../../shared/branding';
import type { Logger } from '../../shared/log';
import { isAllowed, type Capability, type ManagedPolicy } from '../../shared/policy';
import type { CaptureSelection } from './capture';
import type { ClipboardService } from './clipboard';
import type { ControlService } from './control/control-service';
import type { FilesService } from './files/files-service';
import { HostCallError } from './host-call-error';
import type { OverlayPort } from './overlay';
import type { ReconnectService } from './reconnect/reconnect-service';
import type { RecordingConsent } from './recording/recording-consent';
import type { ReportHistory } from './report-history';
import type { SessionActivity } from './session-activity';
import type { SettingsService } from './settings';
import type { ToolkitService } from './toolkit/toolkit-service';

export type HostHandlers = {
  [M in HostMethod]: (params: HostParams<M>) => Promise<HostResults[M]> | HostResults[M];
};

export interface HostDeps {
  appInfo: () => AppInfo;
  /** The managed policy in force and the branding it resolved to (read once at start-up). */
  policy: { policy: ManagedPolicy; branding: Branding };
  settings: SettingsService;
  capture: CaptureSelection;
  control: ControlService;
  toolkit: ToolkitService;
  files: FilesService;
  clipboard: ClipboardService;
  activity: SessionActivity;
  /** The updater's user-facing half (electron/main/updater.ts; inert when updates are off). */
  updates: UpdateControls;
  reports: ReportHistory;
  /** The click-through window over the shared screen that shows the consultant's drawings. */
  overlay: OverlayPort;
  /** The reboot-and-reconnect ticket and the one-time start at the next login. */
  reconnect: ReconnectService;
  /** The user's native yes or no to a recording (the policy's 'forbidden' refuses first). */
  recording: RecordingConsent;
}

export interface UpdateControls {
  restartNow(): boolean;
  later(): void;
}

/** Which capability of the managed policy each gated method needs; the host refuses the rest. */
const CAPABILITY_OF: Partial<Record<HostMethod, Capability>> = {
  'repairs.list': 'repairs',
  'repairs.run': 'repairs',
  'files.pick': 'files',
  'files.read': 'files',
  'files.receive': 'files',
  'files.write': 'files',
  'files.finish': 'files',
  'clipboard.readText': 'clipboard',
  'clipboard.writeText': 'clipboard',
};

export function createHostHandlers(deps: HostDeps): HostHandlers {
  const handlers = createUngatedHandlers(deps);
  const { policy } = deps.policy;
  for (const [method, capability] of Object.entries(CAPABILITY_OF) as [HostMethod, Capability][]) {
    if (isAllowed(policy, capability)) continue;
    Object.assign(handlers, {
      [method]: () => {
        throw new HostCallError('not-allowed', `Your organisation does not allow ${capability} in Tandem.`);
      },
    });
  }
  // Control is refused as a status, so both sides can say why in plain words.
  if (!isAllowed(policy, 'control')) handlers['control.request'] = () => ({ state: 'unavailable', reason: 'not-allowed' });
  return handlers;
}

function createUngatedHandlers(deps: HostDeps): HostHandlers {
  return {
    'app.getInfo': () => deps.appInfo(),
    'app.setBusy': ({ busy }) => (deps.activity.setBusy(busy), null),
    'policy.get': () => deps.policy,
    'settings.get': () => deps.settings.get(),
    'settings.update': (patch) => deps.settings.update(patch),
    'capture.listSources': () => deps.capture.list(),
    'capture.selectSource': ({ id }) => {
      deps.capture.select(id);
      return null;
    },
    'control.request': ({ consultantName }) => deps.control.request(consultantName),
    'control.release': ({ reason }) => deps.control.release(reason),
    'control.heartbeat': () => {
      deps.control.heartbeat();
      return null;
    },
    'control.input': (input) => deps.control.input(input),
    'control.getStatus': () => deps.control.status(),
    'diagnostics.run': ({ ids }) => deps.toolkit.runDiagnostics(ids),
    'repairs.list': () => deps.toolkit.listRepairs(),
    'repairs.run': ({ id, consultantName }) => deps.toolkit.runRepair(id, consultantName),
    'files.pick': () => deps.files.outgoing.pick(),
    'files.read': ({ id, offset, length }) => deps.files.outgoing.read(id, offset, length),
    'files.release': async ({ id }) => (await deps.files.outgoing.release(id), null),
    'files.receive': (offer) => deps.files.incoming.start(offer),
    'files.write': ({ id, offset, data }) => deps.files.incoming.write(id, offset, data),
    'files.finish': ({ id }) => deps.files.incoming.finish(id),
    'files.cancel': async ({ id }) => (await deps.files.incoming.cancel(id), null),
    'clipboard.readText': () => deps.clipboard.readText(),
    'clipboard.writeText': ({ text }) => deps.clipboard.writeText(text),
    'update.restartNow': () => deps.updates.restartNow(),
    'update.later': () => (deps.updates.later(), null),
    'reports.save': ({ report }) => (deps.reports.save(report), null),
    'reports.list': () => deps.reports.list(),
    'overlay.show': ({ message }) => (deps.overlay.show(message), null),
    'overlay.setHidden': ({ hidden }) => (deps.overlay.setHidden(hidden), null),
    'reconnect.saveTicket': async ({ ticket }) => (await deps.reconnect.saveTicket(ticket), null),
    'reconnect.takeTicket': () => deps.reconnect.takeTicket(),
    'reconnect.discard': async () => (await deps.reconnect.discard(), null),
    'recording.ask': ({ consultantName }) => deps.recording.ask(consultantName),
    'recording.withdraw': () => (deps.recording.withdraw(), null),
  };
}

function isHostMethod(value: unknown): value is HostMethod {
  return typeof value === 'string' && Object.hasOwn(hostMethodParams, value);
}

/** Validates an untrusted call (method name and payload), runs it, and never throws. */
export async function dispatchHostCall(handlers: HostHandlers, method: unknown, params: unknown, log: Logger): Promise<HostReply> {
  if (!isHostMethod(method)) {
    log.warn('host.unknown-method', { method: String(method).slice(0, 80) });
    return { ok: false, error: { code: 'unknown-method', message: 'Unknown method.' } };
  }
  const parsed = hostMethodParams[method].safeParse(params);
  if (!parsed.success) {
    log.warn('host.invalid-params', { method });
    return { ok: false, error: { code: 'invalid-params', message: parsed.error.issues[0]?.message ?? 'Invalid parameters.' } };
  }
  try {
    const handler = handlers[method] as (params: unknown) => unknown;
    return { ok: true, value: await handler(parsed.data) };
  } catch (error) {
    const code = error instanceof HostCallError ? error.code : 'failed';
    const message = error instanceof Error ? error.message : String(error);
    log.warn('host.call-failed', { method, code, message });
    return { ok: false, error: { code, message } };
  }
}
