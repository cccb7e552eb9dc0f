// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useLanguageStore } from '../../i18n/language-store';
import type { HelpRequestState } from '../../queue/help-request-state';
import { RequestStatus } from './request-status';

afterEach(cleanup);

const ended = (state: 'expired' | 'dismissed'): Extract<HelpRequestState, { phase: 'open' }> => ({
  phase: 'open',
  requestId: '6f1c1f0e-8a8b-4c55-9a55-2a7c1d7e0b11',
  organisation: 'Acme IT',
  state,
  position: null,
  estimatedWaitMs: null,
  detailsCount: 0,
  handedOff: false,
  pastTarget: false,
  outcome: null,
  claimedBy: null,
  online: true,
  problem: null,
});

describe('RequestStatus when the request ended without a helper', () => {
  it('says an expired request can be sent again, and offers only the way home', () => {
    useLanguageStore.setState({ language: 'en' });
    render(<RequestStatus request={ended('expired')} onAddDetails={vi.fn()} onCancel={vi.fn()} onDone={vi.fn()} />);
    expect(screen.getByRole('heading').textContent).toBe('Your request has expired');
    expect(screen.getByRole('status').textContent).toContain('you can send a new request');
    expect(screen.queryByRole('button', { name: 'Cancel my request' })).toBeNull();
  });

  it('ends a dismissed request in neutral words, accusing nobody (French too)', () => {
    useLanguageStore.setState({ language: 'fr' });
    render(<RequestStatus request={ended('dismissed')} onAddDetails={vi.fn()} onCancel={vi.fn()} onDone={vi.fn()} />);
    expect(screen.getByRole('heading').textContent).toBe('Votre demande est close');
    const text = screen.getByRole('status').textContent ?? '';
    expect(text).toContain('Cette demande ne sera pas suivie.');
    expect(text).not.toMatch(/abus|abuse/i);
  });
});

describe('RequestStatus past the target wait', () => {
  const waiting = { ...ended('expired'), state: 'waiting' as const, position: 3, pastTarget: true };

  it('says honestly that it takes longer, and the place in the queue, instead of an estimate', () => {
    useLanguageStore.setState({ language: 'en' });
    render(<RequestStatus request={{ ...waiting, estimatedWaitMs: 60_000 }} onAddDetails={vi.fn()} onCancel={vi.fn()} onDone={vi.fn()} />);
    const text = screen.getByRole('status').textContent ?? '';
    expect(text).toContain('It is taking longer than we hoped. You are still number 3 in the queue');
    expect(text).not.toContain('Estimated wait');
  });

  it('in French too', () => {
    useLanguageStore.setState({ language: 'fr' });
    render(<RequestStatus request={waiting} onAddDetails={vi.fn()} onCancel={vi.fn()} onDone={vi.fn()} />);
    expect(screen.getByTestId('past-target').textContent).toContain('C’est plus long que nous l’espérions. Vous êtes toujours numéro 3 dans la file');
  });
});
