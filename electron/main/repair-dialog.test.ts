import type { BrowserWindow, MessageBoxOptions } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fake } from '../test/fake-electron';
import { listRepairs } from '../services/repairs/catalogue';
import { createRepairDialog } from './repair-dialog';

vi.mock('electron', async () => (await import('../test/fake-electron')).fakeElectronModule());

beforeEach(() => fake.reset());

const adminRepair = listRepairs('win32').find((action) => action.needsAdmin);
if (!adminRepair) throw new Error('the Windows catalogue has a repair that needs an administrator');

function lastOptions(): MessageBoxOptions {
  return fake.electron.dialog.showMessageBox.mock.calls.at(-1)?.at(-1) as MessageBoxOptions;
}

describe('repair dialog', () => {
  const dialog = (language: 'en' | 'fr') => createRepairDialog({ parentWindow: () => null as BrowserWindow | null, language: () => language });

  it('is a warning whose default and cancel answer is not to run, and says the OS will ask for a password', async () => {
    await expect(dialog('en').confirm({ action: adminRepair, consultantName: 'Camille\u202e' })).resolves.toBe(false);
    const options = lastOptions();
    expect(options).toMatchObject({ type: 'warning', buttons: ['Don’t run it', 'Run the repair'], defaultId: 0, cancelId: 0, noLink: true });
    // The untrusted name is cleaned (no bidi override) before it reaches the box.
    expect(options.message).toBe(`Camille proposes: ${adminRepair.title.en}`);
    expect(options.detail).toContain('administrator password');
    expect(options.detail).toContain(adminRepair.commandPreview);
  });

  it('runs only on the explicit Run button, in the saved language', async () => {
    fake.electron.dialog.showMessageBox.mockResolvedValueOnce({ response: 1, checkboxChecked: false });
    await expect(dialog('fr').confirm({ action: adminRepair, consultantName: 'Camille' })).resolves.toBe(true);
    expect(lastOptions().buttons).toEqual(['Ne pas lancer', 'Lancer la réparation']);
  });
});
