// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useLanguageStore } from '../../i18n/language-store';
import { useSafetyCodeStore } from '../../session/safety-code-store';
import { useSessionStore } from '../../session/session-store';
import { GetHelpScreen } from './get-help-screen';

// The controller's receipt for the report: resolved by each test (true = the server confirmed it).
let answerReport: (recorded: boolean) => void = () => undefined;
vi.mock('../../session/controller', () => ({
  sessionController: {
    reportSuspicious: vi.fn(() => {
      // As the real one: the session ends at once, the receipt comes later (or never).
      useSessionStore.getState().setState({ phase: 'ended', reason: 'safety-code-mismatch' });
      return new Promise<boolean>((resolve) => (answerReport = resolve));
    }),
    reset: vi.fn(),
    allow: vi.fn(),
    decline: vi.fn(),
    end: vi.fn(),
  },
}));
vi.mock('../../queue/queue', () => ({ helpRequestClient: { leave: vi.fn(), cancel: vi.fn(), addDetails: vi.fn() } }));

beforeEach(() => {
  useLanguageStore.setState({ language: 'en' });
  useSessionStore.setState({ role: 'user', state: { phase: 'confirm', peerName: 'Camille', verified: null } });
  useSafetyCodeStore.getState().read({ code: '123456', key: 'k' });
});
afterEach(cleanup);

const delivery = () => screen.getByTestId('report-sent');

describe('“It does not match” on the user’s side', () => {
  it('says the report was sent only once the server confirmed it', async () => {
    render(<GetHelpScreen />);
    fireEvent.click(screen.getByRole('button', { name: 'It does not match' }));
    expect(screen.getByTestId('session-ended').getAttribute('data-reason')).toBe('safety-code-mismatch');
    expect(screen.getByTestId('session-ended').textContent).toContain('The codes did not match.');
    expect(delivery().getAttribute('data-delivery')).toBe('sending');
    expect(delivery().textContent).toBe('Sending your report…');
    await act(async () => {
      answerReport(true);
      await Promise.resolve();
    });
    expect(delivery().getAttribute('data-delivery')).toBe('sent');
    expect(delivery().textContent).toContain('Your report reached the Tandem server');
  });

  it('says plainly when the server never confirmed it (a lost connection, or someone in the middle dropping it)', async () => {
    useLanguageStore.setState({ language: 'fr' });
    render(<GetHelpScreen />);
    fireEvent.click(screen.getByRole('button', { name: 'Il ne correspond pas' }));
    await act(async () => {
      answerReport(false);
      await Promise.resolve();
    });
    expect(delivery().getAttribute('data-delivery')).toBe('not-sent');
    expect(delivery().textContent).toContain('Le serveur Tandem n’a pas confirmé votre signalement');
    expect(screen.getByTestId('session-ended').textContent).not.toMatch(/signalement a été envoyé|parvenu/);
  });

  it('shows no report line for a session that ended another way', () => {
    useSessionStore.setState({ role: 'user', state: { phase: 'ended', reason: 'peer-left' } });
    render(<GetHelpScreen />);
    expect(screen.queryByTestId('report-sent')).toBeNull();
  });
});
