// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { INTAKE } from '../../../../shared/intake';
import { useLanguageStore } from '../../i18n/language-store';
import { createFakeHost } from '../../test/fake-host';
import { AskHelpForm } from './ask-help-form';

vi.mock('../../queue/organisations', () => ({ listOrganisations: () => Promise.resolve([{ slug: 'acme', name: 'Acme IT' }]) }));
const { host } = createFakeHost();
beforeAll(() => Object.defineProperty(window, 'tandem', { value: host }));
afterEach(cleanup);

async function open(language: 'en' | 'fr') {
  useLanguageStore.setState({ language });
  const onSubmit = vi.fn();
  render(<AskHelpForm busy={false} problem={null} onSubmit={onSubmit} onBack={vi.fn()} />);
  // The organisation list arrives after the first render.
  await act(() => Promise.resolve());
  return onSubmit;
}
// Text and label queries: role queries are slow in jsdom, and these name the same controls.
const click = (name: string | RegExp) => fireEvent.click(screen.getByText(name, { selector: 'button' }));
const pick = (name: string) => fireEvent.click(screen.getByLabelText(name, { selector: 'input[type=radio]' }));
const type = (label: string | RegExp, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } });

describe('the guided intake', () => {
  it('asks the kind of trouble first, then moves focus to that kind’s questions and sends the answers', async () => {
    const onSubmit = await open('en');
    expect(document.activeElement?.textContent).toBe('Ask for help');
    click('Next');
    expect(screen.getByRole('alert').textContent).toMatch(/choose the kind of trouble/);
    expect(screen.getByText('What kind of trouble is it?').closest('fieldset')?.getAttribute('aria-describedby')).toBe('ask-invalid');
    pick('No Internet or no network');
    click('Next');
    expect(document.activeElement?.textContent).toBe('About: No Internet or no network');
    expect(screen.queryByRole('alert')).toBeNull();
    type(/Does anything else work/, '  My phone works.  ');
    pick('A few days');
    type('What have you already tried?', 'Restarted the box.');
    expect(screen.getByLabelText('What have you already tried?').getAttribute('aria-describedby')).toBe('intake-tried-hint');
    type('Your name', 'Uma');
    click('Send my request');
    expect(onSubmit).toHaveBeenCalledWith({
      organisation: 'acme',
      category: 'network',
      contactName: 'Uma',
      intake: {
        answers: [
          { question: 'else-works', answer: 'My phone works.' },
          { question: 'since', answer: 'days' },
          { question: 'tried', answer: 'Restarted the box.' },
        ],
      },
    });
  });

  it('runs only the checks that matter for the kind of trouble, and starts afresh on another kind', async () => {
    await open('en');
    pick('A printer');
    click('Next');
    type(/Which printer/, 'The one upstairs');
    click('Run a check-up');
    await act(() => Promise.resolve());
    expect(host.diagnostics.run).toHaveBeenLastCalledWith({ ids: [...(INTAKE.printer.checks ?? [])] });
    click('Choose another kind of trouble');
    expect(document.activeElement?.textContent).toBe('Ask for help');
    pick('A program');
    click('Next');
    expect(screen.queryByLabelText(/Which printer/)).toBeNull();
    expect(screen.getByLabelText<HTMLTextAreaElement>('Which program?').value).toBe('');
  });

  it('speaks French, and refuses to send nothing at all with a clear reason', async () => {
    const onSubmit = await open('fr');
    pick('Je ne sais pas');
    click('Suivant');
    expect(document.querySelector('h1')?.textContent).toBe('À propos : Je ne sais pas');
    type('Votre nom', 'Uma');
    click('Envoyer ma demande');
    expect(screen.getByRole('alert').textContent).toBe('Merci de répondre à au moins une question, ou de décrire le problème (2000 caractères au plus).');
    expect(screen.getByLabelText(/Autre chose à nous dire/).getAttribute('aria-describedby')).toBe('request-description-hint ask-invalid');
    expect(onSubmit).not.toHaveBeenCalled();
  });
});
