import { beforeEach, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../../shared/log';
import { isSafeExternalUrl, setupSecurityGuards } from './security';
import { fake, FakeWebContents } from '../test/fake-electron';

vi.mock('electron', async () => (await import('../test/fake-electron')).fakeElectronModule());

beforeEach(() => fake.reset());

function guardedContents(): FakeWebContents {
  setupSecurityGuards(silentLogger);
  const contents = new FakeWebContents();
  fake.electron.app.emit('web-contents-created', {}, contents);
  return contents;
}

describe('setupSecurityGuards', () => {
  it('enables the sandbox for every renderer', () => {
    setupSecurityGuards(silentLogger);
    expect(fake.electron.app.enableSandbox).toHaveBeenCalledTimes(1);
  });

  it('prevents navigation and redirects away from the app origin', () => {
    const contents = guardedContents();
    expect(contents.navigate('will-navigate', 'https://evil.example/')).toBe(true);
    expect(contents.navigate('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(contents.navigate('will-navigate', 'app://other/index.html')).toBe(true);
    expect(contents.navigate('will-redirect', 'https://evil.example/')).toBe(true);
    expect(contents.navigate('will-frame-navigate', 'https://evil.example/')).toBe(true);
  });

  it('lets the app navigate within its own origin', () => {
    const contents = guardedContents();
    expect(contents.navigate('will-navigate', 'app://tandem/index.html')).toBe(false);
  });

  it('prevents attaching a webview', () => {
    const contents = guardedContents();
    const preventDefault = vi.fn();
    contents.emit('will-attach-webview', { preventDefault }, {}, {});
    expect(preventDefault).toHaveBeenCalled();
  });

  it('denies every window.open and hands only https URLs to the OS browser', () => {
    const contents = guardedContents();
    const open = (url: string) => contents.windowOpenHandler?.({ url } as Parameters<NonNullable<FakeWebContents['windowOpenHandler']>>[0]);
    expect(open('https://help.example/faq')).toEqual({ action: 'deny' });
    expect(fake.electron.shell.openExternal).toHaveBeenCalledWith('https://help.example/faq');

    fake.electron.shell.openExternal.mockClear();
    for (const url of ['http://help.example/', 'file:///C:/Windows/system32/calc.exe', 'javascript:alert(1)', 'smb://host/share', 'https://user:pw@help.example/']) {
      expect(open(url)).toEqual({ action: 'deny' });
    }
    expect(fake.electron.shell.openExternal).not.toHaveBeenCalled();
  });
});

describe('isSafeExternalUrl', () => {
  it.each([
    ['https://example.com/', true],
    ['HTTPS://EXAMPLE.COM/', true],
    ['http://example.com/', false],
    ['ftp://example.com/', false],
    ['not a url', false],
  ])('%s → %s', (url, expected) => {
    expect(isSafeExternalUrl(url)).toBe(expected);
  });
});
