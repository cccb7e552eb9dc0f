import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { HostApi } from '../../shared/host-api';
import { HOST_EVENT_CHANNEL, HOST_METHODS, hostChannel, hostErrorCode } from '../../shared/host-bridge';
// The one shared electron fake. The preload boundary rule is about what the preload ships,
// not about test doubles, hence the two exceptions below.
import { fake } from '../test/fake-electron';

vi.mock('electron', async () => (await import('../test/fake-electron')).fakeElectronModule());

let exposed: { name: unknown; api: HostApi }[] = [];

beforeAll(async () => {
  await import('./preload');
  exposed = fake.electron.contextBridge.exposeInMainWorld.mock.calls.map(([name, api]) => ({ name, api: api as HostApi }));
});

beforeEach(() => {
  fake.electron.ipcRenderer.invoke.mockReset();
});

function surface(api: HostApi): string[] {
  return Object.entries(api).flatMap(([namespace, members]) => Object.keys(members as object).map((member) => `${namespace}.${member}`));
}

describe('preload', () => {
  it('exposes exactly one global, `tandem`', () => {
    expect(exposed.map(({ name }) => name)).toEqual(['tandem']);
  });

  it('exposes exactly the host methods plus events.subscribe, as functions, frozen', () => {
    const api = exposed[0]!.api;
    expect(surface(api).sort()).toEqual([...HOST_METHODS, 'events.subscribe'].sort());
    for (const members of Object.values(api)) {
      expect(Object.isFrozen(members)).toBe(true);
      for (const member of Object.values(members as object)) expect(typeof member).toBe('function');
    }
    expect(Object.isFrozen(api)).toBe(true);
  });

  it('calls ipcRenderer.invoke on the method channel with the params and unwraps the reply', async () => {
    const api = exposed[0]!.api;
    fake.electron.ipcRenderer.invoke.mockResolvedValueOnce({ ok: true, value: { language: 'fr', serverUrl: 'ws://127.0.0.1:8787/ws', consultantName: '' } });
    await expect(api.settings.update({ language: 'fr' })).resolves.toMatchObject({ language: 'fr' });
    expect(fake.electron.ipcRenderer.invoke).toHaveBeenCalledWith(hostChannel('settings.update'), { language: 'fr' });

    for (const method of HOST_METHODS) {
      fake.electron.ipcRenderer.invoke.mockResolvedValueOnce({ ok: true, value: null });
      const [namespace, member] = method.split('.') as [string, string];
      const call = (api as unknown as Record<string, Record<string, (params?: unknown) => Promise<unknown>>>)[namespace]?.[member];
      await call?.();
      expect(fake.electron.ipcRenderer.invoke).toHaveBeenLastCalledWith(hostChannel(method), undefined);
    }
  });

  it('turns an error reply into a rejection carrying the host error code', async () => {
    fake.electron.ipcRenderer.invoke.mockResolvedValueOnce({ ok: false, error: { code: 'forbidden-sender', message: 'no' } });
    const error: unknown = await exposed[0]!.api.app.getInfo().catch((caught: unknown) => caught);
    expect(hostErrorCode(error)).toBe('forbidden-sender');
  });

  it('subscribes on the host event channel and hands the listener the payload only', () => {
    const { ipcRenderer } = fake.electron;
    const before = ipcRenderer.listenerCount(HOST_EVENT_CHANNEL);
    const received: unknown[][] = [];
    const unsubscribe = exposed[0]!.api.events.subscribe((...args: unknown[]) => received.push(args));
    expect(ipcRenderer.listenerCount(HOST_EVENT_CHANNEL)).toBe(before + 1);

    const payload = { type: 'control.status', status: { state: 'view-only', reason: 'revoked' } };
    const ipcEvent = { sender: ipcRenderer, senderId: 0, ports: [] };
    ipcRenderer.emit(HOST_EVENT_CHANNEL, ipcEvent, payload);
    // Exactly one argument: the IPC event (and ipcRenderer through it) never reaches the page.
    expect(received).toEqual([[payload]]);

    unsubscribe();
    expect(ipcRenderer.listenerCount(HOST_EVENT_CHANNEL)).toBe(before);
    ipcRenderer.emit(HOST_EVENT_CHANNEL, ipcEvent, payload);
    expect(received).toHaveLength(1);
  });

  it('listens on no other channel, and ignores a subscriber that is not a function', () => {
    const { ipcRenderer } = fake.electron;
    const unsubscribe = (exposed[0]!.api.events.subscribe as (listener: unknown) => () => void)('not a function');
    expect(ipcRenderer.eventNames()).toEqual([]);
    expect(() => unsubscribe()).not.toThrow();
  });
});
