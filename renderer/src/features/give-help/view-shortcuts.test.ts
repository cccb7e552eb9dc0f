import { describe, expect, it } from 'vitest';
import { panStep, viewActionFor } from './view-shortcuts';

const chord = (code: string, patch: Partial<{ altKey: boolean; shiftKey: boolean; ctrlKey: boolean; metaKey: boolean }> = {}) => ({
  code,
  altKey: true,
  shiftKey: true,
  ctrlKey: false,
  metaKey: false,
  ...patch,
});

describe('view shortcuts', () => {
  it('maps Alt+Shift chords to view actions by physical key', () => {
    expect(viewActionFor(chord('Digit0'))).toBe('fit');
    expect(viewActionFor(chord('Digit1'))).toBe('actual-size');
    expect(viewActionFor(chord('Equal'))).toBe('zoom-in');
    expect(viewActionFor(chord('NumpadSubtract'))).toBe('zoom-out');
    expect(viewActionFor(chord('KeyF'))).toBe('fullscreen');
    expect(viewActionFor(chord('ArrowDown'))).toBe('pan-down');
  });

  it('leaves every other key to the person’s computer', () => {
    expect(viewActionFor(chord('Digit1', { shiftKey: false }))).toBeNull();
    expect(viewActionFor(chord('Digit1', { altKey: false }))).toBeNull();
    expect(viewActionFor(chord('Digit1', { ctrlKey: true }))).toBeNull();
    expect(viewActionFor(chord('Digit1', { metaKey: true }))).toBeNull();
    expect(viewActionFor(chord('KeyA'))).toBeNull();
  });

  it('pans a fifth of the viewport', () => {
    expect(panStep('pan-right', { width: 1000, height: 500 })).toEqual({ left: 200, top: 0 });
    expect(panStep('pan-up', { width: 1000, height: 500 })).toEqual({ left: 0, top: -100 });
    expect(panStep('fit', { width: 1000, height: 500 })).toBeNull();
  });
});
