// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { DiagnosticsReport } from '../../../../shared/diagnostics';
import { useLanguageStore } from '../../i18n/language-store';
import { IntakeSummary } from './intake-summary';
import { WaitMarker } from './wait-marker';

afterEach(cleanup);

const verdict = (en: string) => ({ en, fr: `fr: ${en}` });
const diagnostics: DiagnosticsReport = {
  startedAt: '2026-12-04T10:00:00.000Z',
  finishedAt: '2026-12-04T10:00:01.000Z',
  platform: 'linux',
  results: [
    { id: 'printers.status', category: 'printers', status: 'warn', verdict: verdict('One job is stuck.'), detail: '', durationMs: 1 },
    { id: 'network.gateway', category: 'network', status: 'ok', verdict: verdict('The router answers.'), detail: '', durationMs: 1 },
    { id: 'network.interfaces', category: 'network', status: 'fail', verdict: verdict('No network card is up.'), detail: '', durationMs: 1 },
  ],
};

describe('the consultant’s summary of the intake', () => {
  it('shows the kind, the failing then warning verdicts, the answers and what was tried', () => {
    useLanguageStore.setState({ language: 'en' });
    const intake = { answers: [{ question: 'what' as const, answer: 'The one upstairs.' }, { question: 'tried' as const, answer: 'Turned it off and on.' }] };
    render(<IntakeSummary detail={{ category: 'printer', intake, diagnostics }} />);
    const summary = screen.getByTestId('intake-summary');
    expect(summary.querySelector('h2')?.textContent).toBe('Summary');
    expect([...screen.getByTestId('intake-problems').querySelectorAll('li')].map((li) => li.textContent)).toEqual(['Problem No network card is up.', 'Warning One job is stuck.']);
    expect(summary.textContent).toContain('Which printer, and what does it do?');
    expect(summary.textContent).toContain('The one upstairs.');
    expect(screen.getByTestId('intake-tried').textContent).toBe('Turned it off and on.');
    expect(summary.textContent).not.toContain('The router answers.');
  });

  it('says plainly when nothing was attached or tried (French)', () => {
    useLanguageStore.setState({ language: 'fr' });
    render(<IntakeSummary detail={{ category: 'other', intake: null, diagnostics: null }} />);
    expect(screen.getByTestId('intake-summary').textContent).toContain('Je ne sais pas');
    expect(screen.getByTestId('intake-tried').textContent).toBe('Non précisé.');
  });
});

describe('the target-wait marker', () => {
  it('says in words (not colour alone) when a waiting request nears or passes its target', () => {
    useLanguageStore.setState({ language: 'en' });
    const item = { state: 'waiting' as const, targetMs: 10 * 60_000 };
    const { rerender } = render(<WaitMarker item={item} waitingMs={7 * 60_000} />);
    expect(screen.queryByTestId('wait-marker')).toBeNull();
    rerender(<WaitMarker item={item} waitingMs={8 * 60_000} />);
    expect(screen.getByTestId('wait-marker').textContent).toBe('◔ close to the target wait (10 min)');
    rerender(<WaitMarker item={item} waitingMs={10 * 60_000} />);
    expect(screen.getByTestId('wait-marker').textContent).toBe('⚠ past the target wait (10 min)');
    rerender(<WaitMarker item={{ ...item, state: 'claimed' }} waitingMs={60 * 60_000} />);
    expect(screen.queryByTestId('wait-marker')).toBeNull();
  });
});
