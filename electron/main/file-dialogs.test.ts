import type { BrowserWindow } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fake, FakeBrowserWindow } from '../test/fake-electron';
import { createFilePicker, downloadsDir, electronClipboard } from './file-dialogs';

vi.mock('electron', async () => (await import('../test/fake-electron')).fakeElectronModule());

beforeEach(() => fake.reset());

describe('file dialogs', () => {
  it('opens a files-only dialog over the app window and returns the chosen path', async () => {
    const window = new FakeBrowserWindow({});
    fake.electron.dialog.showOpenDialog.mockResolvedValue({ canceled: false, filePaths: ['/home/u/app.log'] });
    await expect(createFilePicker(() => window as unknown as BrowserWindow)()).resolves.toBe('/home/u/app.log');
    const [parent, options] = fake.electron.dialog.showOpenDialog.mock.calls[0] as unknown as [unknown, { properties: string[] }];
    expect(parent).toBe(window);
    expect(options.properties).toContain('openFile');
    expect(options.properties).not.toContain('openDirectory');
    expect(options.properties).not.toContain('multiSelections');
  });

  it('returns null when the user cancels, with or without a window', async () => {
    await expect(createFilePicker(() => null)()).resolves.toBeNull();
    expect(fake.electron.dialog.showOpenDialog).toHaveBeenCalledTimes(1);
  });

  it('saves into the OS Downloads folder', () => {
    fake.electron.app.getPath.mockImplementation((name: string) => `/home/u/${name}`);
    expect(downloadsDir()).toBe('/home/u/downloads');
  });

  it('uses the clipboard as plain text only', async () => {
    fake.electron.clipboard.readText.mockResolvedValue('hello');
    await expect(electronClipboard.readText()).resolves.toBe('hello');
    await electronClipboard.writeText('bye');
    expect(fake.electron.clipboard.writeText).toHaveBeenCalledWith('bye');
  });
});
