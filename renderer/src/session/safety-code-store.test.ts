import { beforeEach, describe, expect, it } from 'vitest';
import { noSafetyCode, useSafetyCodeStore, withReading } from './safety-code-store';

const first = { code: '123456', key: 'a|b' };

describe('withReading', () => {
  it('keeps the confirmation when the certificates did not change (an ICE restart)', () => {
    const confirmed = { ...withReading(noSafetyCode, first), confirmed: true };
    expect(withReading(confirmed, { ...first })).toBe(confirmed);
  });

  it('shows the new code and asks again when the certificates changed', () => {
    const confirmed = { ...withReading(noSafetyCode, first), confirmed: true };
    expect(withReading(confirmed, { code: '654321', key: 'a|c' })).toEqual({ code: '654321', key: 'a|c', confirmed: false, controlWaiting: false });
  });
});

describe('useSafetyCodeStore', () => {
  beforeEach(() => useSafetyCodeStore.getState().read(null));

  it('cannot confirm before there is a code', () => {
    useSafetyCodeStore.getState().confirm();
    expect(useSafetyCodeStore.getState().state.confirmed).toBe(false);
  });

  it('confirms the code on screen and clears a waiting control request', () => {
    const store = useSafetyCodeStore.getState();
    store.read(first);
    store.setControlWaiting(true);
    store.confirm();
    expect(useSafetyCodeStore.getState().state).toEqual({ code: '123456', key: 'a|b', confirmed: true, controlWaiting: false });
  });

  it('forgets everything when the session ends', () => {
    const store = useSafetyCodeStore.getState();
    store.read(first);
    store.confirm();
    store.read(null);
    expect(useSafetyCodeStore.getState().state).toEqual(noSafetyCode);
  });
});
