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
