import type { IpcMainInvokeEvent, WebContents } from 'electron';
import { createRecordingConsent } from '../services/recording/recording-consent';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { HOST_METHODS, hostChannel, type HostReply } from '../../shared/host-bridge';
import { silentLogger } from '../../shared/log';
import { CaptureSelection } from '../services/capture';
import { createHostHandlers, type HostHandlers } from '../services/host-handlers';
import { createMemorySettingsBackend, createSettingsService } from '../services/settings';
import { setupIpc } from './ipc';
import { fake, fakeFrame, FakeWebContents, type FakeFrame } from '../test/fake-electron';

import { createControlService } from '../services/control/control-service';
import { createClipboardService, createMemoryClipboard } from '../services/clipboard';
import { createFilesService } from '../services/files/files-service';
import { createToolkitService } from '../services/toolkit/toolkit-service';
import { FakeInjector } from '../test/fake-injector';
import { createMemoryReportHistoryBackend, createReportHistory } from '../services/report-history';
import { createSessionActivity, type SessionActivity } from '../services/session-activity';
import { testPolicy } from '../test/test-policy';
import type { ReconnectService } from '../services/reconnect';
vi.mock('electron', async () => (await import('../test/fake-electron')).fakeElectronModule());

let appContents: FakeWebContents;
let handlers: HostHandlers;
let activity: SessionActivity;
let updates: { restartNow: ReturnType<typeof vi.fn<() => boolean>>; later: ReturnType<typeof vi.fn<() => void>> };

let reconnect: ReconnectService & { saveTicket: ReturnType<typeof vi.fn<ReconnectService['saveTicket']>> };

beforeEach(() => {
  fake.reset();
  reconnect = {
    saveTicket: vi.fn<ReconnectService['saveTicket']>(() => Promise.resolve()),
    takeTicket: () => Promise.resolve({ status: 'none' }),
    discard: () => Promise.resolve(),
    appStarted: () => Promise.resolve(),
    savedWithin: () => false,
    pendingSince: () => null,
  };
  appContents = new FakeWebContents();
  activity = createSessionActivity();
  updates = { restartNow: vi.fn(() => !activity.isBusy()), later: vi.fn() };
  handlers = createHostHandlers({
    appInfo: () => ({ version: '0.1.0', platform: 'linux', systemLocales: ['fr-FR'] }),
    policy: testPolicy(),
    settings: createSettingsService(createMemorySettingsBackend(), silentLogger),
    capture: new CaptureSelection({ list: () => Promise.resolve([]) }),
    control: createControlService({
      injector: new FakeInjector(),
      prompter: { ask: () => Promise.resolve(false) },
      sharedScreen: () => null,
      emit: () => {},
      log: silentLogger,
    }),
    toolkit: createToolkitService({ settings: createSettingsService(createMemorySettingsBackend(), silentLogger), prompter: { confirm: () => Promise.resolve(false) }, log: silentLogger }),
    files: createFilesService({ downloadsDir: () => '/nonexistent', pickFile: () => Promise.resolve(null), log: silentLogger }),
    clipboard: createClipboardService(createMemoryClipboard()),
    activity,
    updates,
    reports: createReportHistory(createMemoryReportHistoryBackend(), silentLogger),
    overlay: { show: () => {}, setHidden: () => {} },
    reconnect,
    recording: createRecordingConsent({ mode: () => 'allowed', prompter: { ask: () => Promise.resolve(false) }, log: silentLogger }),
  });
  setupIpc({ handlers, isAppWebContents: (contents: WebContents) => contents === appContents.asElectron(), log: silentLogger });
});

async function invoke(method: string, params: unknown, sender: { contents?: FakeWebContents; frame?: FakeFrame | null } = {}): Promise<HostReply> {
  const contents = sender.contents ?? appContents;
  const event = { sender: contents, senderFrame: sender.frame === undefined ? contents.mainFrame : sender.frame } as unknown as IpcMainInvokeEvent;
  const listener = fake.electron.ipcMain.handlers.get(hostChannel(method));
  if (!listener) throw new Error(`no handler for ${method}`);
  return (await listener(event, params)) as HostReply;
}

describe('setupIpc', () => {
  it('registers exactly one handler per host method', () => {
    expect([...fake.electron.ipcMain.handlers.keys()].sort()).toEqual(HOST_METHODS.map(hostChannel).sort());
  });

  it('routes a call from the app window through the handler table', async () => {
    expect(await invoke('app.getInfo', undefined)).toEqual({ ok: true, value: { version: '0.1.0', platform: 'linux', systemLocales: ['fr-FR'] } });
    const updated = await invoke('settings.update', { consultantName: 'Ana' });
    expect(updated).toMatchObject({ ok: true, value: { consultantName: 'Ana' } });
  });

  it('rejects invalid params with invalid-params', async () => {
    expect(await invoke('settings.update', { serverUrl: 'http://not-ws.example' })).toMatchObject({ ok: false, error: { code: 'invalid-params' } });
    expect(await invoke('capture.selectSource', { id: '' })).toMatchObject({ ok: false, error: { code: 'invalid-params' } });
    expect(await invoke('settings.get', { extra: true })).toMatchObject({ ok: false, error: { code: 'invalid-params' } });
  });

  it.each([
    ['a subframe of the app window', () => ({ frame: fakeFrame('app://tandem/index.html', appContents.mainFrame) })],
    ['a foreign origin in the app window', () => ({ frame: fakeFrame('https://evil.example/') })],
    ['a file:// page in the app window', () => ({ frame: fakeFrame('file:///tmp/x.html') })],
    ['a webContents the app did not create', () => ({ contents: new FakeWebContents('app://tandem/index.html') })],
    ['a frame that is gone', () => ({ frame: null })],
  ])('rejects %s as forbidden-sender without running the handler', async (_label, sender) => {
    const spy = vi.spyOn(handlers, 'settings.update');
    const reply = await invoke('settings.update', { consultantName: 'Mallory' }, sender());
    expect(reply).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
    expect(spy).not.toHaveBeenCalled();
  });
});

describe('session activity, updates and report history', () => {
  it('app.setBusy sets the flag the updater reads, and accepts only a boolean', async () => {
    expect(activity.isBusy()).toBe(false);
    expect(await invoke('app.setBusy', { busy: true })).toEqual({ ok: true, value: null });
    expect(activity.isBusy()).toBe(true);
    expect(await invoke('update.restartNow', undefined)).toEqual({ ok: true, value: false });
    expect(await invoke('app.setBusy', { busy: 'no' })).toMatchObject({ ok: false, error: { code: 'invalid-params' } });
    expect(await invoke('app.setBusy', { busy: false, extra: 1 })).toMatchObject({ ok: false, error: { code: 'invalid-params' } });
    expect(activity.isBusy()).toBe(true);
    await invoke('app.setBusy', { busy: false });
    expect(await invoke('update.restartNow', undefined)).toEqual({ ok: true, value: true });
    expect(await invoke('update.later', undefined)).toEqual({ ok: true, value: null });
    expect(updates.later).toHaveBeenCalledTimes(1);
  });

  it('reports.save validates the report; reports.list returns the newest first', async () => {
    const report = {
      id: 'r1',
      role: 'user',
      startedAt: 1,
      endedAt: 2,
      peerName: 'Camille',
      endReason: 'you-ended',
      category: null,
      notes: '',
      diagnostics: null,
      controlPeriods: [],
      repairs: [],
      files: [],
      messages: 0,
    };
    expect(await invoke('reports.save', { report })).toEqual({ ok: true, value: null });
    expect(await invoke('reports.save', { report: { ...report, id: 'r2' } })).toEqual({ ok: true, value: null });
    expect(await invoke('reports.save', { report: { ...report, role: 'admin' } })).toMatchObject({ ok: false, error: { code: 'invalid-params' } });
    expect(await invoke('reports.save', { report: { ...report, script: '<x>' } })).toMatchObject({ ok: false, error: { code: 'invalid-params' } });
    const listed = await invoke('reports.list', undefined);
    expect(listed.ok && (listed.value as { id: string }[]).map((entry) => entry.id)).toEqual(['r2', 'r1']);
  });
});

describe('reconnect tickets', () => {
  const ticket = {
    serverUrl: 'wss://help.example.org/ws',
    sessionId: '0b6f3c9e-6a0e-4a59-9d0f-3f1c2a7b8e11',
    token: 'A'.repeat(43),
    consultantName: 'Camille',
    organisation: null,
    expiresAt: 2_000_000_000_000,
    chat: [{ from: 'peer', text: 'À tout de suite', at: 1 }],
  };

  it('passes a valid ticket to the vault and answers takeTicket', async () => {
    expect(await invoke('reconnect.saveTicket', { ticket })).toEqual({ ok: true, value: null });
    expect(reconnect.saveTicket).toHaveBeenCalledWith(ticket);
    expect(await invoke('reconnect.takeTicket', undefined)).toEqual({ ok: true, value: { status: 'none' } });
    expect(await invoke('reconnect.discard', undefined)).toEqual({ ok: true, value: null });
  });

  it('refuses a malformed ticket before it reaches the vault', async () => {
    for (const bad of [{ ...ticket, token: 'short' }, { ...ticket, serverUrl: 'http://x.example' }, { ...ticket, extra: 1 }, { ...ticket, chat: [{ from: 'admin', text: 'x', at: 1 }] }]) {
      expect(await invoke('reconnect.saveTicket', { ticket: bad })).toMatchObject({ ok: false, error: { code: 'invalid-params' } });
    }
    expect(reconnect.saveTicket).not.toHaveBeenCalled();
  });
});
