// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_WAIT_TARGETS } from '../../../../shared/wait-targets';
import { useLanguageStore } from '../../i18n/language-store';
import { queueConsole } from '../../queue/queue';
import { WaitTargetsForm } from './wait-targets-form';

vi.mock('../../queue/queue', () => ({ queueConsole: { loadTargets: vi.fn(), saveTargets: vi.fn() } }));
afterEach(cleanup);

const button = (name: string) => screen.getByText(name, { selector: 'button' });

describe('the admins’ target waits', () => {
  it('loads the targets when opened, refuses what is not a whole number of minutes in range, and saves every category', () => {
    useLanguageStore.setState({ language: 'en' });
    const { rerender } = render(<WaitTargetsForm targets={null} />);
    fireEvent.click(button('Target waits…'));
    expect(queueConsole.loadTargets).toHaveBeenCalled();
    rerender(<WaitTargetsForm targets={DEFAULT_WAIT_TARGETS} />);
    const printer = screen.getByLabelText<HTMLInputElement>('A printer (minutes)');
    expect(printer.value).toBe('30');
    fireEvent.change(printer, { target: { value: '0' } });
    fireEvent.click(button('Save the target waits'));
    expect(document.querySelector('[role=alert]')?.textContent).toBe('Each target must be a whole number of minutes from 1 to 480.');
    expect(queueConsole.saveTargets).not.toHaveBeenCalled();
    fireEvent.change(printer, { target: { value: '10' } });
    fireEvent.click(button('Save the target waits'));
    expect(queueConsole.saveTargets).toHaveBeenCalledWith(DEFAULT_WAIT_TARGETS.map((t) => (t.category === 'printer' ? { ...t, minutes: 10 } : t)));
  });

  it('speaks French', () => {
    useLanguageStore.setState({ language: 'fr' });
    render(<WaitTargetsForm targets={DEFAULT_WAIT_TARGETS} />);
    fireEvent.click(button('Délais visés…'));
    expect(screen.getByLabelText<HTMLInputElement>('Une imprimante (minutes)').value).toBe('30');
  });
});
