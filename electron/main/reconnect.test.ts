import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../../shared/log';
import { defaultReconnectPolicy } from '../../shared/policy';
import type { ReconnectTicket } from '../../shared/reconnect';
import { fake } from '../test/fake-electron';
import { createReconnect } from './reconnect';

vi.mock('electron', async () => (await import('../test/fake-electron')).fakeElectronModule());

const ticket: ReconnectTicket = {
  serverUrl: 'wss://help.example.org/ws',
  sessionId: '0b6f3c9e-6a0e-4a59-9d0f-3f1c2a7b8e11',
  token: 'A'.repeat(43),
  consultantName: 'Camille',
  organisation: null,
  expiresAt: Date.now() + 5 * 60_000,
  chat: [],
};

let dir: string;
const savedXdg = process.env.XDG_CONFIG_HOME;
beforeEach(async () => {
  fake.reset();
  dir = await mkdtemp(join(tmpdir(), 'tandem-reconnect-main-'));
  fake.electron.app.getPath.mockImplementation((name: string) => join(dir, name));
  process.env.XDG_CONFIG_HOME = join(dir, 'config');
});
afterEach(async () => {
  if (savedXdg === undefined) delete process.env.XDG_CONFIG_HOME;
  else process.env.XDG_CONFIG_HOME = savedXdg;
  await rm(dir, { recursive: true, force: true });
});

const policy = { reconnect: defaultReconnectPolicy() };

describe('reconnect glue', () => {
  it('Linux: seals the ticket with safeStorage in userData and writes the XDG autostart entry', async () => {
    const reconnect = createReconnect(policy, silentLogger, 'linux');
    await reconnect.saveTicket(ticket);
    const file = join(dir, 'userData', 'reconnect-ticket.json');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(fake.electron.safeStorage.encryptString).toHaveBeenCalled();
    expect(await readFile(file, 'utf8')).not.toContain('Camille');
    const entry = join(dir, 'config', 'autostart', 'tandem-resume.desktop');
    expect(await readFile(entry, 'utf8')).toContain('--resume-after-restart');
    expect(fake.electron.app.setLoginItemSettings).not.toHaveBeenCalled();

    expect(await reconnect.takeTicket()).toEqual({ status: 'ready', ticket });
    await expect(stat(entry)).rejects.toThrow();
    await expect(stat(file)).rejects.toThrow();
  });

  it('Linux with the basic_text backend: warns and still keeps the 0600 file', async () => {
    fake.electron.safeStorage.getSelectedStorageBackend.mockReturnValue('basic_text');
    const warnings: string[] = [];
    const reconnect = createReconnect(policy, { ...silentLogger, warn: (event) => void warnings.push(event) }, 'linux');
    await reconnect.saveTicket(ticket);
    expect(warnings).toContain('reconnect.weak-keystore');
    expect((await stat(join(dir, 'userData', 'reconnect-ticket.json'))).mode & 0o777).toBe(0o600);
  });

  it.each(['win32', 'darwin'] as const)('%s: a login item with the flag, removed on discard', async (platform) => {
    const reconnect = createReconnect(policy, silentLogger, platform);
    await reconnect.saveTicket(ticket);
    expect(fake.electron.app.setLoginItemSettings).toHaveBeenLastCalledWith({ openAtLogin: true, name: 'TandemResumeAfterRestart', args: ['--resume-after-restart'] });
    expect(fake.electron.app.getLoginItemSettings({ args: ['--resume-after-restart'] }).openAtLogin).toBe(true);
    await reconnect.discard();
    expect(fake.electron.app.getLoginItemSettings({ args: ['--resume-after-restart'] }).openAtLogin).toBe(false);
    expect(fake.electron.app.setLoginItemSettings).toHaveBeenLastCalledWith({ openAtLogin: false, name: 'TandemResumeAfterRestart', args: ['--resume-after-restart'] });
    expect(await reconnect.takeTicket()).toEqual({ status: 'none' });
  });
});
