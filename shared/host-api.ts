/**
 * The one contract between the renderer and its host (Electron's main process, or the
 * e2e harness that stands in for it). The preload, the main-process handler table and the
 * renderer's `window.tandem` type are all derived from `hostMethodParams` and `HostResults`.
 */
import * as z from 'zod';
import { settingsPatchSchema, type Settings } from './settings';
import { controlStatusSchema, sequencedInputSchema, type ControlStatus, type DropReason } from './control';
import { checkIdSchema, repairIdSchema, type DiagnosticsReport, type RepairAction } from './diagnostics';
import type { Branding } from './branding';
import type { HOST_METHODS } from './host-bridge';
import type { ManagedPolicy } from './policy';
import {
  base64ChunkSchema,
  clipboardTextSchema,
  FILE_CHUNK_BYTES,
  fileSizeSchema,
  offeredNameSchema,
  sha256Schema,
  transferIdSchema,
  type ClipboardReadResult,
  type PickResult,
  type ReceiveResult,
} from './files';
import { overlayMessageSchema } from './overlay';
import { reconnectTicketSchema, type TakenTicket } from './reconnect';
import type { RecordingRefusal } from './recording';
import { sessionReportSchema, type SessionReport } from './report';
import { opaqueTokenSchema } from './names';
import { isSessionCode } from './session-code';
import type { RepairRunResult } from './toolkit';

export { HOST_METHODS, buildHostApi, hostErrorCode, HOST_ERROR_PREFIX, type HostErrorCode, type HostReply } from './host-bridge';

// Settings live in settings.ts (policy.ts needs them without the rest of the host contract).
export { serverUrlProblem, serverUrlSchema } from './server-url';
export { languageSchema, settingsPatchSchema, settingsSchema, type Language, type Settings, type SettingsPatch } from './settings';

export interface AppInfo {
  version: string;
  platform: string;
  /** The operating system's preferred languages, best first (BCP 47). */
  systemLocales: string[];
}

/**
 * On Wayland the desktop, not Tandem, lists the screens: its own window opens when sharing
 * starts. The host then offers this single entry, and the app explains that window first.
 */
export const DESKTOP_PICKER_SOURCE_ID = 'desktop-picker';

/** A screen the user may share, as shown in the in-app picker. */
export interface ScreenSource {
  id: string;
  name: string;
  /** PNG data URL, or null when the platform gives none. */
  thumbnail: string | null;
}

export const hostMethodParams = {
  'app.getInfo': z.undefined(),
  /** The renderer says when a support session starts and ends: an update never restarts mid-session. */
  'app.setBusy': z.strictObject({ busy: z.boolean() }),
  'policy.get': z.undefined(),
  'settings.get': z.undefined(),
  'settings.update': settingsPatchSchema,
  'capture.listSources': z.undefined(),
  'capture.selectSource': z.strictObject({ id: z.string().min(1).max(256) }),
  'control.request': z.strictObject({ consultantName: z.string().min(1).max(60) }),
  'control.release': z.strictObject({ reason: z.enum(['released', 'revoked', 'paused', 'session-ended', 'heartbeat-lost']) }),
  'control.heartbeat': z.undefined(),
  'control.input': sequencedInputSchema,
  'control.getStatus': z.undefined(),
  'diagnostics.run': z.strictObject({ ids: z.array(checkIdSchema).min(1).max(32).optional() }),
  'repairs.list': z.undefined(),
  'repairs.run': z.strictObject({ id: repairIdSchema, consultantName: z.string().min(1).max(60) }),
  'files.pick': z.undefined(),
  'files.read': z.strictObject({ id: transferIdSchema, offset: fileSizeSchema, length: z.number().int().min(1).max(FILE_CHUNK_BYTES) }),
  'files.release': z.strictObject({ id: transferIdSchema }),
  'files.receive': z.strictObject({ name: offeredNameSchema, size: fileSizeSchema, sha256: sha256Schema }),
  'files.write': z.strictObject({ id: transferIdSchema, offset: fileSizeSchema, data: base64ChunkSchema }),
  'files.finish': z.strictObject({ id: transferIdSchema }),
  'files.cancel': z.strictObject({ id: transferIdSchema }),
  'clipboard.readText': z.undefined(),
  'clipboard.writeText': z.strictObject({ text: clipboardTextSchema }),
  'update.restartNow': z.undefined(),
  'update.later': z.undefined(),
  'reports.save': z.strictObject({ report: sessionReportSchema }),
  'reports.list': z.undefined(),
  /** A drawing or pointer from the consultant, shown on the user's screen in a click-through overlay. */
  'overlay.show': z.strictObject({ message: overlayMessageSchema }),
  /** The user hides (clears) the overlay, or shows it again; also hidden when the session ends. */
  'overlay.setHidden': z.strictObject({ hidden: z.boolean() }),
  /**
   * Before an approved restart of the computer: keeps the ticket (protected, single use) and
   * registers the app to start once at the next login. Saving again replaces the ticket.
   */
  'reconnect.saveTicket': z.strictObject({ ticket: reconnectTicketSchema }),
  /** At start-up: the ticket, given back once (it is deleted and the login item removed, whatever the answer). */
  'reconnect.takeTicket': z.undefined(),
  /** The restart did not happen (declined, failed) or the session ended: forget the ticket and the login item. */
  'reconnect.discard': z.undefined(),
  /** The consultant asks to record: the user answers in a native prompt (the managed policy may refuse first). */
  'recording.ask': z.strictObject({ consultantName: z.string().min(1).max(60) }),
  /** Withdraws a recording prompt still showing (the session ended). */
  'recording.withdraw': z.undefined(),
} satisfies Record<`${string}.${string}`, z.ZodType>;

export interface HostResults {
  'app.getInfo': AppInfo;
  'app.setBusy': null;
  'policy.get': { policy: ManagedPolicy; branding: Branding };
  'settings.get': Settings;
  'settings.update': Settings;
  'capture.listSources': ScreenSource[];
  'capture.selectSource': null;
  'control.request': ControlStatus;
  'control.release': ControlStatus;
  'control.heartbeat': null;
  'control.input': InputResult;
  'control.getStatus': ControlStatus;
  'diagnostics.run': DiagnosticsReport;
  'repairs.list': RepairAction[];
  'repairs.run': RepairRunResult;
  'files.pick': PickResult;
  'files.read': { data: string };
  'files.release': null;
  'files.receive': { id: string };
  'files.write': { received: number };
  'files.finish': ReceiveResult;
  'files.cancel': null;
  'clipboard.readText': ClipboardReadResult;
  'clipboard.writeText': null;
  /** false: no update is ready, or a session is in progress (it installs when the app quits). */
  'update.restartNow': boolean;
  'update.later': null;
  'reports.save': null;
  /** Newest first, at most MAX_REPORT_HISTORY. */
  'reports.list': SessionReport[];
  'overlay.show': null;
  'overlay.setHidden': null;
  'reconnect.saveTicket': null;
  'reconnect.takeTicket': TakenTicket;
  'reconnect.discard': null;
  'recording.ask': RecordingAnswer;
  'recording.withdraw': null;
}

/** The user's answer to a recording request. */
export type RecordingAnswer = { granted: true } | { granted: false; reason: RecordingRefusal };

/** What the host did with one input event: injected, or dropped and why. */
export type InputResult = { injected: true } | { injected: false; dropped: DropReason };

/** Events the host pushes to the renderer. */
export const hostEventSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('control.status'), status: controlStatusSchema }),
  /** A tandem://join link: the code only fills the form; the user still presses Continue and consents. */
  z.strictObject({ type: z.literal('deeplink.join'), code: z.string().refine(isSessionCode, 'must be a session code') }),
  /** A tandem://request link from an e-mail: the app follows that help request (the token lets it watch, nothing more). */
  z.strictObject({ type: z.literal('deeplink.request'), requestId: z.uuid(), resumeToken: opaqueTokenSchema }),
  z.strictObject({ type: z.literal('update.ready'), version: z.string().min(1).max(64) }),
]);
export type HostEvent = z.infer<typeof hostEventSchema>;

export type HostMethod = keyof typeof hostMethodParams;
export type HostParams<M extends HostMethod> = z.output<(typeof hostMethodParams)[M]>;

// The bridge's literal method list must name exactly the methods that have schemas.
type SameKeys<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const hostMethodsMatch: SameKeys<HostMethod, (typeof HOST_METHODS)[number]> = true;
void hostMethodsMatch;

type MethodFn<M extends HostMethod> = undefined extends HostParams<M>
  ? () => Promise<HostResults[M]>
  : (params: z.input<(typeof hostMethodParams)[M]>) => Promise<HostResults[M]>;
type NamespaceOf<M> = M extends `${infer N}.${string}` ? N : never;

/** `window.tandem`: `tandem.settings.update(patch)` for the method 'settings.update'. */
export type HostApi = {
  readonly [N in NamespaceOf<HostMethod>]: {
    readonly [M in HostMethod as M extends `${N}.${infer F}` ? F : never]: MethodFn<M>;
  };
} & {
  /** Host pushes; the listener gets raw values to parse with hostEventSchema. Returns the unsubscribe. */
  readonly events: { readonly subscribe: (listener: (event: unknown) => void) => () => void };
};

