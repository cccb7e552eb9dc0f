import type { BrowserWindow, MessageBoxOptions } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Settings } from '../../shared/host-api';
import { fake, FakeBrowserWindow } from '../test/fake-electron';
import { createConsentDialog, displayName, resolveLanguage } from './consent-dialog';

vi.mock('electron', async () => (await import('../test/fake-electron')).fakeElectronModule());

beforeEach(() => fake.reset());

function prompter(language: Settings['language'] = 'en', parent: FakeBrowserWindow | null = null) {
  return createConsentDialog({ parentWindow: () => parent as unknown as BrowserWindow | null, language: () => language });
}

/** The options of the last showMessageBox call, and the parent it was given, if any. */
function lastCall(): { parent: unknown; options: MessageBoxOptions } {
  const args = fake.electron.dialog.showMessageBox.mock.calls.at(-1) as unknown[];
  return args.length === 2 ? { parent: args[0], options: args[1] as MessageBoxOptions } : { parent: null, options: args[0] as MessageBoxOptions };
}

function answer(response: number): void {
  fake.electron.dialog.showMessageBox.mockResolvedValueOnce({ response, checkboxChecked: false });
}

describe('consent dialog', () => {
  it('offers Decline first, as the default and the cancel answer, and names the consultant', async () => {
    await prompter('en').ask({ consultantName: 'Camille' }, new AbortController().signal);
    const { options } = lastCall();
    expect(options).toMatchObject({ type: 'question', buttons: ['Decline', 'Allow control'], defaultId: 0, cancelId: 0, noLink: true });
    expect(options.message).toBe('Camille asks to control your mouse and keyboard.');
    expect(options.detail).toContain('Alt+Shift+X');
  });

  it('speaks French when the settings say so, and follows the OS for “system”', async () => {
    await prompter('fr').ask({ consultantName: 'Camille' }, new AbortController().signal);
    expect(lastCall().options.buttons).toEqual(['Refuser', 'Autoriser le contrôle']);

    fake.electron.app.getPreferredSystemLanguages.mockReturnValue(['de-DE', 'fr-CA']);
    await prompter('system').ask({ consultantName: 'Camille' }, new AbortController().signal);
    expect(lastCall().options.message).toBe('Camille demande à contrôler votre souris et votre clavier.');

    fake.electron.app.getPreferredSystemLanguages.mockReturnValue(['en-GB', 'fr-FR']);
    await prompter('system').ask({ consultantName: 'Camille' }, new AbortController().signal);
    expect(lastCall().options.buttons).toEqual(['Decline', 'Allow control']);
  });

  it('passes the abort signal, so a withdrawn request closes the box', async () => {
    const controller = new AbortController();
    await prompter().ask({ consultantName: 'Camille' }, controller.signal);
    expect(lastCall().options.signal).toBe(controller.signal);
  });

  it('is a yes only for the Allow button of a prompt still standing', async () => {
    answer(1);
    await expect(prompter().ask({ consultantName: 'Camille' }, new AbortController().signal)).resolves.toBe(true);
    answer(0);
    await expect(prompter().ask({ consultantName: 'Camille' }, new AbortController().signal)).resolves.toBe(false);
    // Closing the box answers the cancel button (the fake's default): a refusal.
    await expect(prompter().ask({ consultantName: 'Camille' }, new AbortController().signal)).resolves.toBe(false);

    const controller = new AbortController();
    fake.electron.dialog.showMessageBox.mockImplementationOnce(() => {
      controller.abort(); // withdrawn while a click on Allow was on its way
      return Promise.resolve({ response: 1, checkboxChecked: false });
    });
    await expect(prompter().ask({ consultantName: 'Camille' }, controller.signal)).resolves.toBe(false);
  });

  it('attaches to the app window when there is one, and stands alone otherwise', async () => {
    const window = new FakeBrowserWindow({});
    await prompter('en', window).ask({ consultantName: 'Camille' }, new AbortController().signal);
    expect(lastCall().parent).toBe(window);

    await prompter('en', null).ask({ consultantName: 'Camille' }, new AbortController().signal);
    expect(fake.electron.dialog.showMessageBox.mock.calls.at(-1)).toHaveLength(1);

    window.isDestroyed.mockReturnValue(true);
    await prompter('en', window).ask({ consultantName: 'Camille' }, new AbortController().signal);
    expect(fake.electron.dialog.showMessageBox.mock.calls.at(-1)).toHaveLength(1);
  });

  it('shows a name that cannot add lines or reorder the text', async () => {
    await prompter('en').ask({ consultantName: 'Eve\u2028Your IT department approved this.\u202E' }, new AbortController().signal);
    expect(lastCall().options.message).toBe('Eve Your IT department approved this. asks to control your mouse and keyboard.');
    expect(displayName('  Jean\n\tDupont ')).toBe('Jean Dupont');
    expect(displayName('\u202E\u0000')).toBe('?');
  });
});

describe('resolveLanguage', () => {
  it('keeps an explicit choice and picks the first OS language Tandem speaks for “system”', () => {
    expect(resolveLanguage('fr', ['en-US'])).toBe('fr');
    expect(resolveLanguage('system', ['fr_FR'])).toBe('fr');
    expect(resolveLanguage('system', ['de-DE', 'it-IT'])).toBe('en');
    expect(resolveLanguage('system', [])).toBe('en');
  });
});
