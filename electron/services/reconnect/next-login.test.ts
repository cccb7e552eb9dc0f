import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { autostartDir, createLoginItemStart, createXdgAutostart, desktopEntry, linuxAppCommand, quoteExecArg, RESUME_FLAG, type LoginItemsLike } from './next-login';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tandem-xdg-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('XDG autostart entry', () => {
  it('is written under $XDG_CONFIG_HOME/autostart, and removed', async () => {
    const start = createXdgAutostart({ env: { XDG_CONFIG_HOME: dir }, command: ['/opt/Tandem/tandem'], home: '/nonexistent' });
    expect(start.filePath).toBe(join(dir, 'autostart', 'tandem-resume.desktop'));
    expect(await start.isRegistered()).toBe(false);
    await start.register();
    expect(await start.isRegistered()).toBe(true);
    const text = await readFile(start.filePath, 'utf8');
    expect(text).toContain('[Desktop Entry]\nType=Application\n');
    expect(text).toContain(`Exec=/opt/Tandem/tandem ${RESUME_FLAG}\n`);
    await start.remove();
    expect(await start.isRegistered()).toBe(false);
    await start.remove();
  });

  it('uses ~/.config without XDG_CONFIG_HOME, or with a relative one (the spec says ignore it)', () => {
    expect(autostartDir({}, '/home/ana')).toBe('/home/ana/.config/autostart');
    expect(autostartDir({ XDG_CONFIG_HOME: 'relative' }, '/home/ana')).toBe('/home/ana/.config/autostart');
    expect(autostartDir({ XDG_CONFIG_HOME: '/cfg' }, '/home/ana')).toBe('/cfg/autostart');
  });

  it('quotes paths with spaces and escapes reserved characters', () => {
    expect(quoteExecArg('/opt/Tandem/tandem')).toBe('/opt/Tandem/tandem');
    expect(quoteExecArg('/home/ana/My Apps/Tandem.AppImage')).toBe('"/home/ana/My Apps/Tandem.AppImage"');
    // `$` is escaped inside the quotes, and that backslash is escaped again as a string value.
    expect(quoteExecArg('/a $b')).toBe('"/a \\\\$b"');
    expect(quoteExecArg('/100%')).toBe('"/100%%"');
    expect(desktopEntry(['/x y/t'])).toContain('Exec="/x y/t" --resume-after-restart');
  });

  it('starts an AppImage through its own file', () => {
    expect(linuxAppCommand({ APPIMAGE: '/home/ana/Tandem.AppImage' }, '/tmp/.mount_x/tandem')).toEqual(['/home/ana/Tandem.AppImage']);
    expect(linuxAppCommand({}, '/opt/Tandem/tandem')).toEqual(['/opt/Tandem/tandem']);
  });
});

describe('login items (Windows, macOS)', () => {
  function fakeApp() {
    // Like Windows: Run entries by name; a query matches by arguments.
    const items = new Map<string, { on: boolean; args: string }>();
    const app = {
      setLoginItemSettings: vi.fn((settings: { openAtLogin: boolean; args?: string[]; name?: string }) => void items.set(settings.name ?? '', { on: settings.openAtLogin, args: (settings.args ?? []).join(' ') })),
      getLoginItemSettings: vi.fn((options?: { args?: string[] }) => ({ openAtLogin: [...items.values()].some((item) => item.on && item.args === (options?.args ?? []).join(' ')) })),
    } satisfies LoginItemsLike;
    return app;
  }

  it('registers a named login item with the flag, and removes that one only', async () => {
    const app = fakeApp();
    const start = createLoginItemStart(app);
    await start.register();
    expect(app.setLoginItemSettings).toHaveBeenCalledWith({ openAtLogin: true, name: 'TandemResumeAfterRestart', args: [RESUME_FLAG] });
    expect(await start.isRegistered()).toBe(true);
    expect(app.getLoginItemSettings).toHaveBeenLastCalledWith({ args: [RESUME_FLAG] });
    await start.remove();
    expect(app.setLoginItemSettings).toHaveBeenLastCalledWith({ openAtLogin: false, name: 'TandemResumeAfterRestart', args: [RESUME_FLAG] });
    expect(await start.isRegistered()).toBe(false);
  });
});
