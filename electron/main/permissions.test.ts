import type { Session, WebContents } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../../shared/log';
import { isAppOrigin } from './app-origin';
import { createPermissionHandlers, setupPermissions, type Permission } from './permissions';
import { fake, FakeWebContents } from '../test/fake-electron';

vi.mock('electron', async () => (await import('../test/fake-electron')).fakeElectronModule());

beforeEach(() => fake.reset());

const contents: WebContents = new FakeWebContents().asElectron();
const everyOtherPermission: Permission[] = ['media', 'notifications', 'geolocation', 'clipboard-read', 'fullscreen', 'openExternal', 'pointerLock', 'midiSysex', 'hid', 'unknown'];

function request(permission: Permission, requestingUrl: string, isMainFrame = true): boolean {
  const { request: handler } = createPermissionHandlers({ isAppOrigin, log: silentLogger });
  let granted: boolean | undefined;
  handler(contents, permission, (value) => (granted = value), { requestingUrl, isMainFrame });
  return granted ?? false;
}

function check(permission: Permission, origin: string, isMainFrame = true): boolean {
  return createPermissionHandlers({ isAppOrigin, log: silentLogger }).check(contents, permission, origin, { isMainFrame });
}

describe('permission request handler', () => {
  it('grants display capture to the app origin main frame', () => {
    expect(request('display-capture', 'app://tandem/index.html')).toBe(true);
  });

  it('denies everything else to the app itself', () => {
    for (const permission of everyOtherPermission) expect(request(permission, 'app://tandem/index.html'), permission).toBe(false);
  });

  it('denies display capture to other origins and to subframes', () => {
    expect(request('display-capture', 'https://evil.example/')).toBe(false);
    expect(request('display-capture', 'file:///home/user/page.html')).toBe(false);
    expect(request('display-capture', 'app://other/')).toBe(false);
    expect(request('display-capture', 'app://tandem/index.html', false)).toBe(false);
  });

  it('grants the microphone (never the camera) for voice calls, only to the app, only when voice is allowed', () => {
    const ask = (microphone: boolean, mediaTypes: ('audio' | 'video')[], requestingUrl = 'app://tandem/') => {
      const handlers = createPermissionHandlers({ isAppOrigin, microphone, log: silentLogger });
      let answer: boolean | undefined;
      handlers.request(contents, 'media', (value) => (answer = value), { requestingUrl, isMainFrame: true, mediaTypes });
      return answer;
    };
    expect(ask(true, ['audio'])).toBe(true);
    expect(ask(true, ['audio'], 'https://evil.example/')).toBe(false);
    expect(ask(true, ['video'])).toBe(false);
    expect(ask(true, ['audio', 'video'])).toBe(false);
    expect(ask(true, [])).toBe(false);
    expect(ask(false, ['audio'])).toBe(false);
    const handlers = createPermissionHandlers({ isAppOrigin, microphone: true, log: silentLogger });
    expect(handlers.check(contents as never, 'media', 'app://tandem', { isMainFrame: true, mediaType: 'audio' } as never)).toBe(true);
    expect(handlers.check(contents as never, 'media', 'app://tandem', { isMainFrame: true, mediaType: 'video' } as never)).toBe(false);
  });
});

describe('permission check handler', () => {
  it('answers like the request handler', () => {
    expect(check('display-capture', 'app://tandem')).toBe(true);
    expect(check('display-capture', 'https://evil.example')).toBe(false);
    expect(check('display-capture', 'app://tandem', false)).toBe(false);
    for (const permission of everyOtherPermission) expect(check(permission, 'app://tandem'), permission).toBe(false);
  });
});

describe('setupPermissions', () => {
  it('installs request, check and device handlers that default to deny', () => {
    setupPermissions(silentLogger, true);
    const session = fake.electron.session.defaultSession;
    expect(session.setPermissionRequestHandler).toHaveBeenCalledTimes(1);
    expect(session.setPermissionCheckHandler).toHaveBeenCalledTimes(1);
    const device = session.setDevicePermissionHandler.mock.calls[0]?.[0] as Parameters<Session['setDevicePermissionHandler']>[0];
    expect(device?.({ deviceType: 'usb', origin: 'app://tandem' } as never)).toBe(false);
  });
});
