// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RequestDetail } from '../../../../shared/queue';
import { useLanguageStore } from '../../i18n/language-store';
import { queueConsole } from '../../queue/queue';
import { QueueRequestDetail } from './queue-request-detail';

const detail: RequestDetail = {
  id: '6f1c1f0e-8a8b-4c55-9a55-2a7c1d7e0b11',
  category: 'other',
  contactName: 'Uma',
  state: 'waiting',
  createdAt: 0,
  waitingMs: 60_000,
  claimedBy: null,
  assignedTo: null,
  userOnline: false,
  detailsCount: 0,
  networkGroup: 'A1B2C3',
  targetMs: 30 * 60_000,
  channel: 'email',
  description: 'Printer offline\n\nHello, the printer says offline.',
  details: [],
  diagnostics: null,
  intake: null,
  mail: {
    address: 'uma@example.com',
    thread: [
      { direction: 'in', text: 'Hello, the printer says offline.', at: 1_000 },
      { direction: 'out', text: '(acknowledgement sent)', at: 2_000 },
    ],
    attachments: [{ name: 'photo.jpg', contentType: 'image/jpeg', size: 20_480 }],
  },
};

beforeEach(() => useLanguageStore.setState({ language: 'en' }));
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe('an e-mail request in the console', () => {
  it('shows its source, the thread and the attachments, and sends a reply from a labelled box', () => {
    const reply = vi.spyOn(queueConsole, 'mailReply').mockImplementation(() => undefined);
    render(<QueueRequestDetail detail={detail} me={1} colleagues={null} problem={null} />);
    expect(screen.getByTestId('source-email').textContent).toBe('by e-mail');
    // No app is expected for an e-mail request: no "not connected" warning.
    expect(screen.queryByText('the person’s app is not connected')).toBeNull();
    const thread = screen.getByRole('region', { name: 'E-mail thread with uma@example.com' });
    expect(within(thread).getAllByRole('listitem').map((li) => li.textContent)).toEqual([expect.stringContaining('From the person'), expect.stringContaining('Sent'), 'photo.jpg, 20 kB']);
    const box = screen.getByLabelText('Your reply by e-mail');
    const send = screen.getByRole('button', { name: 'Send the reply' });
    expect(send).toHaveProperty('disabled', true);
    fireEvent.change(box, { target: { value: '  Is it switched on?  ' } });
    fireEvent.click(send);
    expect(reply).toHaveBeenCalledWith(detail.id, 'Is it switched on?');
    expect((box as HTMLTextAreaElement).value).toBe('');
  });

  it('invites the person into a live session with one click, in French too', () => {
    useLanguageStore.setState({ language: 'fr' });
    const invite = vi.spyOn(queueConsole, 'mailInvite').mockImplementation(() => undefined);
    const claim = vi.spyOn(queueConsole, 'claim').mockImplementation(() => undefined);
    render(<QueueRequestDetail detail={detail} me={1} colleagues={null} problem={null} />);
    const button = screen.getByRole('button', { name: 'Inviter à une session en direct' });
    expect(button.getAttribute('aria-describedby')).toBe(`invite-hint-${detail.id}`);
    expect(document.getElementById(`invite-hint-${detail.id}`)?.textContent).toContain('nouveau code par e-mail');
    fireEvent.click(button);
    expect(invite).toHaveBeenCalledWith(detail.id);
    expect(claim).not.toHaveBeenCalled();
  });
});
