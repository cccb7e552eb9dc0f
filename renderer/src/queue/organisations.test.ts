import { describe, expect, it } from 'vitest';
import { durationText } from './duration';
import { apiUrl, fetchOrganisations } from './organisations';

describe('organisations', () => {
  it('derives the API address from the signaling URL', () => {
    expect(apiUrl('ws://127.0.0.1:8787/ws', '/api/organisations')).toBe('http://127.0.0.1:8787/api/organisations');
    expect(apiUrl('wss://help.example.org/tandem/ws', '/api/organisations')).toBe('https://help.example.org/tandem/api/organisations');
  });

  it('returns the validated list, or null when it cannot be read', async () => {
    const ok = (body: unknown) => () => Promise.resolve(new Response(JSON.stringify(body), { status: 200 }));
    expect(await fetchOrganisations('ws://h/ws', ok({ organisations: [{ slug: 'acme', name: 'Acme IT' }] }))).toEqual([{ slug: 'acme', name: 'Acme IT' }]);
    expect(await fetchOrganisations('ws://h/ws', ok({ organisations: [{ slug: 'Not A Slug', name: 'x' }] }))).toBeNull();
    expect(await fetchOrganisations('ws://h/ws', () => Promise.reject(new TypeError('CSP')))).toBeNull();
  });
});

describe('durationText', () => {
  it('rounds to calm units', () => {
    expect(durationText(20_000)).toEqual({ key: 'time.underAMinute', vars: {} });
    expect(durationText(5 * 60_000 + 10_000)).toEqual({ key: 'time.minutes', vars: { minutes: 5 } });
    expect(durationText(95 * 60_000)).toEqual({ key: 'time.hours', vars: { hours: 1, minutes: 35 } });
  });
});
