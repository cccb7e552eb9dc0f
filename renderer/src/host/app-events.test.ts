// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useDeepLinkStore } from '../deep-link/deep-link-store';
import { helpRequestClient } from '../queue/queue';
import { useSessionStore } from '../session/session-store';
import { createFakeHost } from '../test/fake-host';
import { useUpdateStore } from '../updates/update-store';
import { startAppEvents } from './app-events';
import { createBrowserHost } from './browser-host';

let fake: ReturnType<typeof createFakeHost>;
let stop: () => void;

beforeEach(() => {
  fake = createFakeHost();
  stop = startAppEvents(fake.host);
  useSessionStore.getState().setRole(null);
  useDeepLinkStore.setState({ pendingCode: null });
  useUpdateStore.getState().dismiss();
});
afterEach(() => stop());

describe('app events', () => {
  it('a join link switches to "Get help" with the code waiting for the form, never joining', () => {
    fake.emit({ type: 'deeplink.join', code: '482193675' });
    expect(useSessionStore.getState().role).toBe('user');
    expect(useSessionStore.getState().state.phase).toBe('idle');
    expect(useDeepLinkStore.getState().pendingCode).toBe('482193675');
  });

  it('a request link from an e-mail switches to "Get help" and follows that request; a malformed one does nothing', () => {
    const follow = vi.spyOn(helpRequestClient, 'follow').mockResolvedValue(undefined);
    fake.emit({ type: 'deeplink.request', requestId: '3f1c1f0e-8a8b-4c55-9a55-2a7c1d7e0b11', resumeToken: 'T'.repeat(43) });
    expect(useSessionStore.getState().role).toBe('user');
    expect(follow).toHaveBeenCalledWith('3f1c1f0e-8a8b-4c55-9a55-2a7c1d7e0b11', 'T'.repeat(43));
    fake.emit({ type: 'deeplink.request', requestId: 'x', resumeToken: 'short' });
    expect(follow).toHaveBeenCalledTimes(1);
    follow.mockRestore();
  });

  it('ignores a join link during a session, and anything that is not a valid event', () => {
    useSessionStore.getState().setRole('consultant');
    useSessionStore.getState().setState({ phase: 'waiting-for-consent' });
    fake.emit({ type: 'deeplink.join', code: '482193675' });
    fake.emit({ type: 'deeplink.join', code: 'javascript:alert(1)' });
    fake.emit({ type: 'update.ready' });
    expect(useSessionStore.getState().role).toBe('consultant');
    expect(useDeepLinkStore.getState().pendingCode).toBeNull();
    expect(useUpdateStore.getState().ready).toBeNull();
  });

  it('shows a ready update, and tells the host when a session starts and ends', () => {
    fake.emit({ type: 'update.ready', version: '2.0.0' });
    expect(useUpdateStore.getState().ready).toBe('2.0.0');
    useSessionStore.getState().setRole('user');
    useSessionStore.getState().setState({ phase: 'joining' });
    useSessionStore.getState().setState({ phase: 'connecting', peerName: 'Camille' });
    useSessionStore.getState().setState({ phase: 'ended', reason: 'you-ended' });
    expect(fake.host.app.setBusy.mock.calls.map(([params]) => params.busy)).toEqual([true, false]);
  });
});

describe('browser host', () => {
  it('keeps past sessions in memory only, newest first, and has no updates', async () => {
    const host = createBrowserHost(window);
    const report = { id: 'r1', role: 'consultant' as const, startedAt: 1, endedAt: 2, peerName: 'Ana', endReason: 'peer-left', category: null, notes: 'private', diagnostics: null, controlPeriods: [], repairs: [], files: [], messages: 0 };
    await host.reports.save({ report });
    await host.reports.save({ report: { ...report, id: 'r2' } });
    expect((await host.reports.list()).map((entry) => entry.id)).toEqual(['r2', 'r1']);
    expect(JSON.stringify({ ...window.localStorage })).not.toContain('private');
    expect(await host.update.restartNow()).toBe(false);
    expect(await createBrowserHost(window).reports.list()).toEqual([]);
  });
});
