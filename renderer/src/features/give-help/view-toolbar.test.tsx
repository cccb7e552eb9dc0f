// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useLanguageStore } from '../../i18n/language-store';
import { ViewToolbar } from './view-toolbar';
import { ACTUAL_SIZE, FIT } from '../../control/video-mapping';

beforeEach(() => useLanguageStore.setState({ language: 'en' }));
afterEach(cleanup);

describe('ViewToolbar', () => {
  it('offers every view action with its shortcut, and says which mode is on', () => {
    const act = vi.fn();
    render(<ViewToolbar mode={FIT} shownZoom={0.5} fullscreen={false} notice={null} act={act} />);
    const fit = screen.getByRole('button', { name: 'Fit' });
    expect(fit.getAttribute('aria-pressed')).toBe('true');
    expect(fit.getAttribute('aria-keyshortcuts')).toBe('Alt+Shift+0');
    expect(screen.getByRole('button', { name: '100 %' }).getAttribute('aria-pressed')).toBe('false');
    expect(screen.getByTestId('view-zoom-level').textContent).toBe('50 %');
    for (const [name, action] of [['Zoom in', 'zoom-in'], ['Zoom out', 'zoom-out'], ['Fullscreen', 'fullscreen'], ['100 %', 'actual-size']] as const) {
      fireEvent.click(screen.getByRole('button', { name }));
      expect(act).toHaveBeenLastCalledWith(action);
    }
  });

  it('announces changes in a live region, in French too', () => {
    const { rerender } = render(<ViewToolbar mode={ACTUAL_SIZE} shownZoom={1} fullscreen={true} notice={{ kind: 'fullscreen', on: true }} act={vi.fn()} />);
    expect(screen.getByRole('status').textContent).toBe('Fullscreen. Press Esc to leave.');
    expect(screen.getByRole('button', { name: 'Leave fullscreen' })).toBeTruthy();
    useLanguageStore.setState({ language: 'fr' });
    rerender(<ViewToolbar mode={{ kind: 'zoom', zoom: 1.5 }} shownZoom={1.5} fullscreen={false} notice={{ kind: 'zoom', percent: 150 }} act={vi.fn()} />);
    expect(screen.getByRole('status').textContent).toBe('Zoom 150 %. Faites défiler pour vous déplacer.');
    expect(screen.getByRole('button', { name: 'Zoom avant' })).toBeTruthy();
  });
});
