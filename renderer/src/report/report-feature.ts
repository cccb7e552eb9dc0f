import type { AppAuditEvent } from '../../../shared/audit';
import {
  reportNotesMessageSchema,
  reportScreenshotMessageSchema,
  type ReportNotesMessage,
  type ReportScreenshotMessage,
  type SessionReport,
} from '../../../shared/report';
import type { Still } from './capture-still';
import type { RequestCategory } from '../../../shared/queue';
import { useChatStore } from '../chat/chat-store';
import { getHost } from '../host/host';
import { useControlStore } from '../control/control-store';
import { useFilesStore } from '../files/files-store';
import { FeatureKey, type SessionFeature } from '../session/session-feature';
import { useSessionStore } from '../session/session-store';
import { useToolkitStore } from '../toolkit/toolkit-store';
import { useRecordingStore } from '../recording/recording-store';
import { useReportStore } from './report-store';

/**
 * Keeps the session's story as it happens (control periods, what the toolkit and the file
 * transfers did, the consultant's notes) and turns it into the report when the session ends.
 */
export class SessionRecorder implements SessionFeature {
  private readonly startedAt = Date.now();
  private readonly controlPeriods: { from: number; to: number }[] = [];
  private controlSince: number | null = null;
  private readonly unsubscribe: () => void;

  private readonly audited = new Set<string>();

  constructor(
    private readonly role: 'user' | 'consultant',
    private readonly peerName: string,
    private readonly send: (message: ReportNotesMessage | ReportScreenshotMessage) => void,
    private readonly audit: (event: AppAuditEvent) => void = () => {},
  ) {
    useReportStore.getState().resetSession();
    useReportStore.getState().setLast(null);
    const subscriptions = [
      useControlStore.subscribe((store) => this.onControl(store.status.state === 'granted')),
      useToolkitStore.subscribe((store) => this.auditRepairs(store.repairStates)),
      useFilesStore.subscribe((store) => this.auditFiles(store.transfers)),
    ];
    this.unsubscribe = () => subscriptions.forEach((unsubscribe) => unsubscribe());
  }

  handle(raw: unknown): boolean {
    const screenshot = reportScreenshotMessageSchema.safeParse(raw);
    if (screenshot.success) {
      this.onScreenshotMessage(screenshot.data);
      return true;
    }
    const parsed = reportNotesMessageSchema.safeParse(raw);
    if (!parsed.success) return false;
    // Only the consultant writes notes; the user's side keeps the latest it received.
    if (this.role === 'user') useReportStore.getState().setNotes({ category: parsed.data.category, notes: parsed.data.notes });
    return true;
  }

  /** The consultant edits the notes or the category; the user's side gets them as they change. */
  setNotes(patch: { category?: RequestCategory | null; notes?: string }): void {
    if (this.role !== 'consultant') return;
    useReportStore.getState().setNotes(patch);
    const { category, notes } = useReportStore.getState();
    this.send({ t: 'report.notes', category, notes });
  }

  /** Consultant: a still goes into the report, and the user is told; false when the report has all it may keep. */
  addScreenshot(still: Still): boolean {
    if (this.role !== 'consultant') return false;
    const screenshot = { id: crypto.randomUUID(), takenAt: Date.now(), width: still.width, height: still.height };
    if (!useReportStore.getState().addScreenshot({ ...screenshot, png: still.png })) return false;
    this.send({ t: 'report.screenshot', ...screenshot });
    return true;
  }

  /** Either side takes a screenshot out of the report; the other side drops it too. */
  removeScreenshot(id: string): void {
    useReportStore.getState().removeScreenshot(id);
    this.send({ t: 'report.screenshotRemoved', id });
  }

  private onScreenshotMessage(message: ReportScreenshotMessage): void {
    if (message.t === 'report.screenshotRemoved') useReportStore.getState().removeScreenshot(message.id);
    // Only the consultant takes screenshots; the user's side lists what it is told about.
    else if (this.role === 'user') useReportStore.getState().addScreenshot({ id: message.id, takenAt: message.takenAt, width: message.width, height: message.height });
  }

  dispose(): void {
    this.onControl(false);
    this.unsubscribe();
    useReportStore.getState().setLast(this.build());
  }

  private onControl(on: boolean): void {
    if (on && this.controlSince === null) {
      this.controlSince = Date.now();
      // The user's app is the witness of what happened on the user's computer.
      if (this.role === 'user') {
        this.audit({ type: 'consent.given', scope: 'control' });
        this.audit({ type: 'control.started' });
      }
    }
    if (!on && this.controlSince !== null) {
      const period = { from: this.controlSince, to: Date.now() };
      this.controlPeriods.push(period);
      this.controlSince = null;
      if (this.role === 'user') {
        this.audit({ type: 'control.ended', durationMs: period.to - period.from });
        this.audit({ type: 'consent.revoked', scope: 'control' });
      }
    }
  }

  /** Each repair that ran on the user's computer, once. */
  private auditRepairs(states: ReturnType<typeof useToolkitStore.getState>['repairStates']): void {
    if (this.role !== 'user') return;
    for (const state of Object.values(states)) {
      if (state.status !== 'done' || this.audited.has(`repair:${state.outcome.id}:${state.outcome.durationMs}`)) continue;
      this.audited.add(`repair:${state.outcome.id}:${state.outcome.durationMs}`);
      this.audit({ type: 'repair.run', repairId: state.outcome.id, status: state.outcome.status });
    }
  }

  /** Each file this side sent and the other side kept, once. */
  private auditFiles(transfers: ReturnType<typeof useFilesStore.getState>['transfers']): void {
    for (const transfer of transfers) {
      if (transfer.direction !== 'out' || transfer.status !== 'done' || this.audited.has(`file:${transfer.id}`)) continue;
      this.audited.add(`file:${transfer.id}`);
      this.audit({ type: 'file.sent', name: transfer.name.slice(0, 255), bytes: transfer.size });
    }
  }

  private build(): SessionReport {
    const toolkit = useToolkitStore.getState();
    const results = Object.values(toolkit.results);
    const count = (status: string) => results.filter((result) => result.status === status).length;
    const titles = new Map((toolkit.repairs ?? []).map((action) => [action.id, action.title.en]));
    const { category, notes } = useReportStore.getState();
    return {
      id: crypto.randomUUID(),
      role: this.role,
      startedAt: this.startedAt,
      endedAt: Date.now(),
      peerName: this.peerName.slice(0, 120),
      endReason: '',
      category,
      notes,
      diagnostics:
        results.length > 0
          ? { ok: count('ok'), warn: count('warn'), fail: count('fail'), unknown: count('unknown'), problems: results.filter((r) => r.status === 'fail' || r.status === 'warn').slice(0, 10).map((r) => r.verdict.en) }
          : null,
      controlPeriods: this.controlPeriods.slice(0, 100),
      repairs: Object.entries(toolkit.repairStates)
        .slice(0, 50)
        .map(([id, state]) => ({ id, title: (titles.get(id as never) ?? toolkit.proposed?.title.en ?? id).slice(0, 200), status: state.status === 'done' ? state.outcome.status : state.status })),
      files: useFilesStore
        .getState()
        .transfers.slice(0, 100)
        .map((transfer) => ({ name: (transfer.savedAs ?? transfer.name).slice(0, 255), direction: transfer.direction, bytes: transfer.size, status: transfer.status })),
      messages: useChatStore.getState().entries.length,
      ...(this.role === 'consultant' && useRecordingStore.getState().recordingIds.length > 0 ? { recordingIds: useRecordingStore.getState().recordingIds.slice(0, 20) } : {}),
    };
  }
}

export const REPORT = new FeatureKey<SessionRecorder>('report', (context) => new SessionRecorder(context.role, context.peerName, context.send, context.audit));

// The end reason is known once the session has ended, just after the features are disposed.
// The complete report then goes to the bounded local history ("Past sessions").
useSessionStore.subscribe((store) => {
  const last = useReportStore.getState().last;
  if (store.state.phase !== 'ended' || !last || last.endReason !== '') return;
  const report = { ...last, endReason: store.state.reason };
  useReportStore.getState().setLast(report);
  // A history that cannot be written must not disturb the end of the session.
  void getHost()
    .reports.save({ report })
    .catch(() => undefined);
});
