// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ConsultantView } from '../../../../shared/accounts';
import type { QueueItem } from '../../../../shared/queue';
import { useLanguageStore } from '../../i18n/language-store';
import { queueConsole } from '../../queue/queue';
import { emptyQueue } from '../../queue/queue-state';
import { useQueueStore } from '../../queue/queue-store';
import { QueueConsoleScreen } from './queue-console-screen';

const me: ConsultantView = { id: 1, name: 'Bob', email: 'bob@acme.test', role: 'consultant', organisation: { slug: 'acme', name: 'Acme IT' }, totpEnabled: true };
const id = (n: number) => `6f1c1f0e-8a8b-4c55-9a55-2a7c1d7e0b${String(n).padStart(2, '0')}`;
const item = (n: number, name: string, networkGroup: string, state: QueueItem['state'] = 'waiting'): QueueItem => ({
  id: id(n),
  category: 'other',
  descriptionPreview: 'help',
  contactName: name,
  state,
  createdAt: 0,
  waitingMs: 1000,
  claimedBy: state === 'claimed' ? { id: 2, name: 'Carol' } : null,
  assignedTo: null,
  userOnline: true,
  detailsCount: 0,
  diagnostics: null,
  networkGroup,
  targetMs: 30 * 60_000,
});
const items = [item(1, 'Fake One', 'AAAAAA'), item(2, 'Fake Two', 'AAAAAA'), item(3, 'Real Person', 'BBBBBB'), item(4, 'Fake Three', 'AAAAAA'), item(5, 'Taken', 'AAAAAA', 'claimed')];

beforeEach(() => {
  useLanguageStore.setState({ language: 'en' });
  useQueueStore.getState().setState({ ...emptyQueue, loaded: true, items, total: items.length });
});
afterEach(cleanup);

function screenWithSpy() {
  const dismiss = vi.spyOn(queueConsole, 'dismiss').mockImplementation(() => undefined);
  vi.spyOn(queueConsole, 'open').mockImplementation(() => undefined);
  render(<QueueConsoleScreen consultant={me} online onSignOut={vi.fn()} onTwoStep={vi.fn()} onAudit={vi.fn()} />);
  return dismiss;
}

describe('dismissing abuse in bulk from the queue console', () => {
  it('selects a whole network by its label, leaves other networks and taken requests alone, and dismisses only after confirming', () => {
    const dismiss = screenWithSpy();
    // Only waiting requests can be selected; labels, never addresses.
    expect(screen.queryByRole('checkbox', { name: 'Select the request from Taken' })).toBeNull();
    expect(screen.getAllByTestId('network-group').map((e) => e.textContent)).toEqual(['network AAAAAA', 'network AAAAAA', 'network BBBBBB', 'network AAAAAA']);
    fireEvent.click(screen.getByRole('button', { name: 'Select all 3 from this network, the network of Fake One' }));
    expect(screen.getByRole<HTMLInputElement>('checkbox', { name: 'Select the request from Fake Two' }).checked).toBe(true);
    expect(screen.getByRole<HTMLInputElement>('checkbox', { name: 'Select the request from Real Person' }).checked).toBe(false);
    const bar = screen.getByTestId('dismiss-selected');
    expect(within(bar).getByRole('heading').textContent).toBe('Selected requests: 3');

    fireEvent.click(within(bar).getByRole('button', { name: 'Dismiss as abuse…' }));
    expect(dismiss).not.toHaveBeenCalled();
    const confirm = within(bar).getByRole('alertdialog');
    expect(confirm.textContent).toMatch(/Dismiss the selected requests \(3\) as abuse\?.*audit trail/);
    fireEvent.click(within(confirm).getByRole('button', { name: 'Yes, dismiss (3)' }));
    expect(dismiss).toHaveBeenCalledWith([id(1), id(2), id(4)], false);
    expect(screen.queryByTestId('dismiss-selected')).toBeNull();
  });

  it('takes single ticks from the keyboard-usable checkboxes, can widen to the networks not shown, and "Keep them" dismisses nothing', () => {
    const dismiss = screenWithSpy();
    fireEvent.click(screen.getByRole('checkbox', { name: 'Select the request from Fake Two' }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Select the request from Real Person' }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Select the request from Real Person' }));
    fireEvent.click(screen.getByRole('button', { name: 'Dismiss as abuse…' }));
    fireEvent.click(screen.getByRole('button', { name: 'Keep them' }));
    expect(dismiss).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('checkbox', { name: /Also dismiss the other waiting requests from the same networks/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Dismiss as abuse…' }));
    fireEvent.click(screen.getByRole('button', { name: 'Yes, dismiss (1)' }));
    expect(dismiss).toHaveBeenCalledWith([id(2)], true);
  });

  it('drops a selected request from the selection once it is no longer waiting, and speaks French', () => {
    useLanguageStore.setState({ language: 'fr' });
    screenWithSpy();
    fireEvent.click(screen.getByRole('checkbox', { name: 'Sélectionner la demande de Fake One' }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Sélectionner la demande de Fake Two' }));
    expect(screen.getByTestId('dismiss-selected').textContent).toContain('Demandes sélectionnées : 2');
    act(() => useQueueStore.getState().setState({ ...useQueueStore.getState().state, items: items.filter((i) => i.id !== id(1)) }));
    expect(screen.getByTestId('dismiss-selected').textContent).toContain('Demandes sélectionnées : 1');
    expect(screen.getByRole('button', { name: 'Écarter comme abus…' })).toBeTruthy();
  });
});
