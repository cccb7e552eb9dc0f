import type { DesktopCapturerSource, Session } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../../shared/log';
import { CaptureSelection } from '../services/capture';
import { createSessionActivity, type SessionActivity } from '../services/session-activity';
import { isAppOrigin } from './app-origin';
import { DESKTOP_PICKER_SOURCE_ID } from '../../shared/host-api';
import { createDisplayMediaHandler, setupDisplayMedia } from './display-media';
import { fake, fakeFrame, type FakeFrame } from '../test/fake-electron';

vi.mock('electron', async () => (await import('../test/fake-electron')).fakeElectronModule());

type Handler = NonNullable<Parameters<Session['setDisplayMediaRequestHandler']>[0]>;
type Request = Parameters<Handler>[0];
type Streams = Parameters<Parameters<Handler>[1]>[0];

const screens = [
  { id: 'screen:1:0', name: 'Screen 1' },
  { id: 'screen:2:0', name: 'Screen 2' },
] as DesktopCapturerSource[];

let capture: CaptureSelection;
let getSources: ReturnType<typeof vi.fn<() => Promise<DesktopCapturerSource[]>>>;
let handler: Handler;
let activity: SessionActivity;

beforeEach(() => {
  fake.reset();
  capture = new CaptureSelection({ list: () => Promise.resolve(screens.map(({ id, name }) => ({ id, name, thumbnail: null, bounds: null }))) });
  getSources = vi.fn(() => Promise.resolve(screens));
  activity = createSessionActivity();
  handler = createDisplayMediaHandler({ capture, getSources, isAppOrigin, log: silentLogger, activity });
});

function ask(overrides: { frame?: FakeFrame | null; securityOrigin?: string; audioRequested?: boolean } = {}): Promise<Streams> {
  const request = {
    frame: fakeFrame('app://tandem/index.html'),
    securityOrigin: 'app://tandem',
    videoRequested: true,
    audioRequested: false,
    userGesture: true,
    ...overrides,
  } as unknown as Request;
  return new Promise((resolve) => handler(request, resolve));
}

async function pick(id: string): Promise<void> {
  await capture.list();
  capture.select(id);
}

describe('display media handler', () => {
  it('grants exactly the screen the user picked, video only', async () => {
    await pick('screen:2:0');
    const streams = await ask({ audioRequested: true });
    expect(streams).toEqual({ video: screens[1] });
    expect(streams).not.toHaveProperty('audio');
    expect(getSources).toHaveBeenCalledWith(expect.objectContaining({ types: ['screen'] }));
  });

  it('denies when nothing was picked', async () => {
    expect(await ask()).toBeNull();
  });

  it('uses a pick once', async () => {
    await pick('screen:1:0');
    expect(await ask()).toEqual({ video: screens[0] });
    expect(await ask()).toBeNull();
  });

  it('denies other origins, subframes and detached frames without consuming the pick', async () => {
    await pick('screen:1:0');
    expect(await ask({ securityOrigin: 'https://evil.example' })).toBeNull();
    expect(await ask({ frame: fakeFrame('https://evil.example/') })).toBeNull();
    expect(await ask({ frame: fakeFrame('app://tandem/index.html', fakeFrame('app://tandem/index.html')) })).toBeNull();
    expect(await ask({ frame: null })).toBeNull();
    expect(await ask()).toEqual({ video: screens[0] });
  });

  it('denies when the picked screen has disappeared or sources fail', async () => {
    await pick('screen:2:0');
    getSources.mockResolvedValueOnce(screens.slice(0, 1));
    expect(await ask()).toBeNull();
    await pick('screen:1:0');
    getSources.mockRejectedValueOnce(new Error('capturer down'));
    expect(await ask()).toBeNull();
  });

  it('survives a callback that throws (frame destroyed)', async () => {
    await pick('screen:1:0');
    const request = { frame: fakeFrame('app://tandem/'), securityOrigin: 'app://tandem', videoRequested: true, audioRequested: false, userGesture: true };
    const done = new Promise<void>((resolve) => {
      handler(request as unknown as Request, () => {
        resolve();
        throw new Error('Render frame was disposed');
      });
    });
    await expect(done).resolves.toBeUndefined();
  });
});

describe('setupDisplayMedia', () => {
  it('installs the handler on the default session', () => {
    setupDisplayMedia(capture, activity, silentLogger);
    expect(fake.electron.session.defaultSession.setDisplayMediaRequestHandler).toHaveBeenCalledWith(expect.any(Function));
  });

  describe('on Wayland, where the desktop’s own picker chooses', () => {
    beforeEach(() => {
      capture = new CaptureSelection({ list: () => Promise.resolve([{ id: DESKTOP_PICKER_SOURCE_ID, name: 'desktop', thumbnail: null, bounds: null }]) });
      // What Electron returns there: only the screen picked in the desktop's dialog.
      getSources = vi.fn(() => Promise.resolve([{ id: 'screen:0:0', name: 'Picked' }] as DesktopCapturerSource[]));
      handler = createDisplayMediaHandler({ capture, getSources, isAppOrigin, log: silentLogger, activity });
    });
    const pickDesktop = async () => {
      await capture.list();
      capture.select(DESKTOP_PICKER_SOURCE_ID);
    };

    it('grants what the desktop granted, and keeps it: a second capture does not open the desktop’s dialog again', async () => {
      activity.setBusy(true);
      await pickDesktop();
      expect(await ask()).toEqual({ video: { id: 'screen:0:0', name: 'Picked' } });
      await pickDesktop();
      expect(await ask()).toEqual({ video: { id: 'screen:0:0', name: 'Picked' } });
      expect(getSources).toHaveBeenCalledTimes(1);
    });

    it('forgets the grant when the session ends: the next session asks the desktop again', async () => {
      activity.setBusy(true);
      await pickDesktop();
      await ask();
      activity.setBusy(false);
      activity.setBusy(true);
      await pickDesktop();
      expect(await ask()).toEqual({ video: { id: 'screen:0:0', name: 'Picked' } });
      expect(getSources).toHaveBeenCalledTimes(2);
    });

    it('a Cancel in the desktop’s dialog (no source) shares nothing', async () => {
      getSources.mockResolvedValueOnce([]);
      await pickDesktop();
      expect(await ask()).toBeNull();
    });

    it('still needs Tandem’s own pick first', async () => {
      expect(await ask()).toBeNull();
      expect(getSources).not.toHaveBeenCalled();
    });
  });
});
