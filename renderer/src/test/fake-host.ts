import { vi } from 'vitest';
import { resolveBranding } from '../../../shared/branding';
import type { ControlStatus } from '../../../shared/control';
import { unmanagedPolicy } from '../../../shared/policy';
import type { DiagnosticsReport, RepairAction } from '../../../shared/diagnostics';
import type { HostApi, HostParams, RecordingAnswer, ScreenSource, Settings } from '../../../shared/host-api';
import type { RepairRunResult } from '../../../shared/toolkit';
import type { ClipboardReadResult, PickResult, ReceiveResult } from '../../../shared/files';
import type { OverlayMessage } from '../../../shared/overlay';
import type { ReconnectTicket, TakenTicket } from '../../../shared/reconnect';
import type { SessionReport } from '../../../shared/report';

/** A HostApi double whose every method is a spy; tests override what they need. */
export function createFakeHost(options: { sources?: ScreenSource[]; settings?: Partial<Settings> } = {}) {
  let settings: Settings = { language: 'en', serverUrl: 'ws://127.0.0.1:1/ws', consultantName: '', ...options.settings };
  const listeners = new Set<(event: unknown) => void>();
  const reports: SessionReport[] = [];
  const viewOnly: ControlStatus = { state: 'view-only' };
  const host = {
    policy: { get: vi.fn(() => Promise.resolve({ policy: unmanagedPolicy(), branding: resolveBranding(unmanagedPolicy().branding, {}) })) },
    app: { getInfo: vi.fn(() => Promise.resolve({ version: 'test', platform: 'linux', systemLocales: ['en'] })), setBusy: vi.fn((_params: { busy: boolean }) => Promise.resolve(null)) },
    update: { restartNow: vi.fn(() => Promise.resolve(false)), later: vi.fn(() => Promise.resolve(null)) },
    reports: {
      save: vi.fn((params: { report: SessionReport }) => (reports.unshift(params.report), Promise.resolve(null))),
      list: vi.fn(() => Promise.resolve([...reports])),
    },
    settings: {
      get: vi.fn(() => Promise.resolve(settings)),
      update: vi.fn((patch: Partial<Settings>) => {
        settings = { ...settings, ...patch };
        return Promise.resolve(settings);
      }),
    },
    capture: {
      listSources: vi.fn(() => Promise.resolve(options.sources ?? [])),
      selectSource: vi.fn(() => Promise.resolve(null)),
    },
    control: {
      request: vi.fn(() => Promise.resolve<ControlStatus>({ state: 'granted' })),
      release: vi.fn((params: HostParams<'control.release'>) => Promise.resolve<ControlStatus>({ state: 'view-only', reason: params.reason })),
      heartbeat: vi.fn(() => Promise.resolve(null)),
      input: vi.fn(() => Promise.resolve({ injected: true as const })),
      getStatus: vi.fn(() => Promise.resolve(viewOnly)),
    },
    diagnostics: {
      run: vi.fn(() => Promise.resolve<DiagnosticsReport>({ startedAt: new Date(0).toISOString(), finishedAt: new Date(0).toISOString(), platform: 'linux', results: [] })),
    },
    repairs: {
      list: vi.fn(() => Promise.resolve<RepairAction[]>([])),
      run: vi.fn(() => Promise.resolve<RepairRunResult>({ approved: false })),
    },
    files: {
      pick: vi.fn(() => Promise.resolve<PickResult>({ ok: false, reason: 'cancelled' })),
      read: vi.fn(() => Promise.resolve({ data: '' })),
      release: vi.fn(() => Promise.resolve(null)),
      receive: vi.fn(() => Promise.resolve({ id: 'host-transfer-1' })),
      write: vi.fn((params: { offset: number; data: string }) => Promise.resolve({ received: params.offset + params.data.length })),
      finish: vi.fn(() => Promise.resolve<ReceiveResult>({ ok: true, savedAs: 'file' })),
      cancel: vi.fn(() => Promise.resolve(null)),
    },
    clipboard: {
      readText: vi.fn(() => Promise.resolve<ClipboardReadResult>({ ok: false, reason: 'empty' })),
      writeText: vi.fn(() => Promise.resolve(null)),
    },
    overlay: {
      show: vi.fn((_params: { message: OverlayMessage }) => Promise.resolve(null)),
      setHidden: vi.fn((_params: { hidden: boolean }) => Promise.resolve(null)),
    },
    reconnect: {
      saveTicket: vi.fn((_params: { ticket: ReconnectTicket }) => Promise.resolve(null)),
      takeTicket: vi.fn(() => Promise.resolve<TakenTicket>({ status: 'none' })),
      discard: vi.fn(() => Promise.resolve(null)),
    },
    recording: {
      ask: vi.fn((_params: { consultantName: string }) => Promise.resolve<RecordingAnswer>({ granted: false, reason: 'declined' })),
      withdraw: vi.fn(() => Promise.resolve(null)),
    },
    events: {
      subscribe: (listener: (event: unknown) => void) => {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    },
  } satisfies HostApi;
  return { host, emit: (event: unknown) => listeners.forEach((listener) => listener(event)), listeners };
}
