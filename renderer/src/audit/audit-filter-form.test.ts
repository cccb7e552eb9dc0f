import { describe, expect, it } from 'vitest';
import { detailLine, emptyFilterFields, filterFromFields } from './audit-filter-form';

describe('filterFromFields', () => {
  it('turns local days into a time range that includes the whole last day', () => {
    const result = filterFromFields({ ...emptyFilterFields, fromDay: '2026-11-24', toDay: '2026-11-25', type: 'contact.reported' });
    expect(result).toEqual({ ok: true, filter: { type: 'contact.reported', from: new Date(2026, 10, 24).getTime(), to: new Date(2026, 10, 26).getTime() - 1 } });
    expect(filterFromFields(emptyFilterFields)).toEqual({ ok: true, filter: {} });
    expect(filterFromFields({ ...emptyFilterFields, consultant: '7' })).toEqual({ ok: true, filter: { consultant: 7 } });
  });

  it('names the wrong field', () => {
    expect(filterFromFields({ ...emptyFilterFields, fromDay: '2026-02-30' })).toEqual({ ok: false, field: 'fromDay' });
    expect(filterFromFields({ ...emptyFilterFields, toDay: 'yesterday' })).toEqual({ ok: false, field: 'toDay' });
    expect(filterFromFields({ ...emptyFilterFields, fromDay: '2026-11-25', toDay: '2026-11-24' })).toEqual({ ok: false, field: 'toDay' });
    expect(filterFromFields({ ...emptyFilterFields, session: 'not-a-session' })).toEqual({ ok: false, field: 'session' });
    expect(filterFromFields({ ...emptyFilterFields, session: ' 6F1C1F0E-8A8B-4C55-9A55-2A7C1D7E0B11 ' })).toEqual({ ok: true, filter: { session: '6f1c1f0e-8a8b-4c55-9a55-2a7c1d7e0b11' } });
  });
});

describe('detailLine', () => {
  it('shows details as plain text', () => {
    const words = { key: (name: string) => name.toUpperCase(), boolean: (value: boolean) => (value ? 'oui' : 'non') };
    expect(detailLine({ outcome: 'resolved', bytes: 12, verified: true, paired: false }, words)).toBe('OUTCOME: resolved, BYTES: 12, VERIFIED: oui, PAIRED: non');
    expect(detailLine({}, words)).toBe('');
  });
});
