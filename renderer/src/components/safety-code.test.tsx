// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useLanguageStore } from '../i18n/language-store';
import { useSafetyCodeStore } from '../session/safety-code-store';
import { SafetyCodeCheck, SafetyCodeReadout } from './safety-code';

beforeEach(() => {
  useLanguageStore.setState({ language: 'en' });
  useSafetyCodeStore.getState().read(null);
});
afterEach(cleanup);

describe('SafetyCodeReadout (consultant)', () => {
  it('shows nothing before the link has a code, then the code in two groups, read digit by digit', () => {
    render(<SafetyCodeReadout />);
    expect(screen.queryByTestId('safety-code')).toBeNull();
    act(() => useSafetyCodeStore.getState().read({ code: '042917', key: 'k' }));
    expect(screen.getByRole('status').textContent).toContain('Read this code to the person: 042 917');
    expect(screen.getByTestId('safety-code-digits').getAttribute('aria-label')).toBe('0 4 2, 9 1 7');
  });

  it('speaks French too', () => {
    useLanguageStore.setState({ language: 'fr' });
    useSafetyCodeStore.getState().read({ code: '123456', key: 'k' });
    render(<SafetyCodeReadout />);
    expect(screen.getByRole('status').textContent).toContain('Lisez ce code à la personne : 123 456');
  });
});

describe('SafetyCodeCheck (user)', () => {
  it('"It matches" confirms the code and hides the buttons', () => {
    useSafetyCodeStore.getState().read({ code: '123456', key: 'k' });
    const onMismatch = vi.fn();
    render(<SafetyCodeCheck onMismatch={onMismatch} />);
    expect(screen.getByRole('status').textContent).toContain('Does the code you hear match 123 456');
    fireEvent.click(screen.getByRole('button', { name: 'It matches' }));
    expect(useSafetyCodeStore.getState().state.confirmed).toBe(true);
    expect(screen.queryByRole('button', { name: 'It does not match' })).toBeNull();
    expect(onMismatch).not.toHaveBeenCalled();
  });

  it('"It does not match" goes to the caller, which ends the session', () => {
    useSafetyCodeStore.getState().read({ code: '123456', key: 'k' });
    const onMismatch = vi.fn();
    render(<SafetyCodeCheck onMismatch={onMismatch} />);
    fireEvent.click(screen.getByRole('button', { name: 'It does not match' }));
    expect(onMismatch).toHaveBeenCalledOnce();
    expect(useSafetyCodeStore.getState().state.confirmed).toBe(false);
  });

  it('says why control waits, and asks again when the certificates change', () => {
    const store = useSafetyCodeStore.getState();
    store.read({ code: '123456', key: 'k' });
    store.setControlWaiting(true);
    render(<SafetyCodeCheck onMismatch={() => undefined} />);
    expect(screen.getByRole('alert').textContent).toContain('First check the safety code');
    fireEvent.click(screen.getByRole('button', { name: 'It matches' }));
    expect(screen.queryByRole('alert')).toBeNull();
    act(() => useSafetyCodeStore.getState().read({ code: '654321', key: 'other' }));
    expect(screen.getByRole('button', { name: 'It matches' })).toBeTruthy();
    expect(screen.getByRole('status').textContent).toContain('654 321');
  });
});
