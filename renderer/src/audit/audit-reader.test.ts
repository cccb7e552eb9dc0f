import { describe, expect, it, vi } from 'vitest';
import type { AuditEntry, AuditFilter } from '../../../shared/audit';
import type { AccountClient } from '../accounts/account-client';
import { AuditReader, EXPORT_PAGE_INTERVAL_MS, emptyAuditView, type AuditViewState } from './audit-reader';

type Outcome = Awaited<ReturnType<AccountClient['request']>>;

const entry = (id: number): AuditEntry => ({ id, at: id * 1000, type: 'session.created', actor: 'consultant', consultantId: 2, consultantName: '=Bob', sessionId: null, requestId: null, address: null, detail: { n: id } });

/** A fake server holding entries 1..total, answering each `audit.query` in pages of `pageSize` (or as `reply` says). */
function setup(total: number, pageSize = 2, pause?: () => Promise<void>) {
  let state: AuditViewState = emptyAuditView;
  const queries: AuditFilter[] = [];
  const saved: { name: string; csv: string }[] = [];
  const sleeps: number[] = [];
  const held: ((outcome: Outcome) => void)[] = [];
  let reply: ((filter: AuditFilter) => Outcome | 'hold') = (filter) => {
    const matching = Array.from({ length: total }, (_, i) => entry(total - i)).filter((e) => filter.before === undefined || e.id < filter.before);
    return { ok: true, answer: { type: 'audit.page', entries: matching.slice(0, pageSize), more: matching.length > pageSize } };
  };
  const reader = new AuditReader({
    account: {
      request: (question) => {
        if (question.type !== 'audit.query') throw new Error('unexpected question');
        queries.push(question.filter);
        const outcome = reply(question.filter);
        return new Promise((resolve) => (outcome === 'hold' ? held.push(resolve as (o: Outcome) => void) : resolve(outcome as never)));
      },
    },
    getState: () => state,
    setState: (next) => {
      state = next;
    },
    save: (name, csv) => saved.push({ name, csv }),
    now: () => Date.UTC(2026, 10, 25),
    sleep: (ms) => {
      sleeps.push(ms);
      return pause ? pause() : Promise.resolve();
    },
  });
  return { reader, state: () => state, queries, saved, sleeps, held, setReply: (next: typeof reply) => (reply = next) };
}

describe('AuditReader', () => {
  it('searches newest first and loads older pages with `before`', async () => {
    const s = setup(5);
    s.reader.open();
    await vi.waitFor(() => expect(s.state().loaded).toBe(true));
    expect(s.state().entries.map((e) => e.id)).toEqual([5, 4]);
    expect(s.state().more).toBe(true);
    await s.reader.loadOlder();
    await s.reader.loadOlder();
    expect(s.state().entries.map((e) => e.id)).toEqual([5, 4, 3, 2, 1]);
    expect(s.state().more).toBe(false);
    expect(s.queries).toEqual([{}, { before: 4 }, { before: 2 }]);

    await s.reader.search({ type: 'session.created' });
    expect(s.queries.at(-1)).toEqual({ type: 'session.created' });
    expect(s.state()).toMatchObject({ filter: { type: 'session.created' }, entries: [entry(5), entry(4)], loading: false });
  });

  it('exports every matching entry as one CSV, gathered page by page at a pace the server accepts', async () => {
    const s = setup(5);
    await s.reader.search({ consultant: 2 });
    await s.reader.exportCsv();
    expect(s.queries.slice(1)).toEqual([{ consultant: 2 }, { consultant: 2, before: 4 }, { consultant: 2, before: 2 }]);
    expect(s.sleeps).toEqual([EXPORT_PAGE_INTERVAL_MS, EXPORT_PAGE_INTERVAL_MS]);
    expect(s.saved).toHaveLength(1);
    expect(s.saved[0]?.name).toBe('tandem-audit-2026-11-25.csv');
    const lines = s.saved[0]?.csv.trim().split('\r\n') ?? [];
    expect(lines).toHaveLength(6);
    // The shared CSV writer: a name starting with '=' stays text.
    expect(lines[1]).toBe(`5,1970-01-01T00:00:05.000Z,session.created,consultant,2,'=Bob,,,,"{""n"":5}"`);
    expect(s.state().exporting).toBeNull();
  });

  it('says when the account may not read the trail, or no answer comes', async () => {
    const s = setup(5);
    s.setReply(() => ({ ok: false, reason: 'refused', code: 'forbidden' }));
    await s.reader.search({});
    expect(s.state()).toMatchObject({ problem: 'forbidden', loading: false });
    s.setReply(() => ({ ok: false, reason: 'timeout' }));
    await s.reader.exportCsv();
    expect(s.state()).toMatchObject({ problem: 'lost', exporting: null });
    expect(s.saved).toEqual([]);
  });

  it('asks one question at a time, and an answer arriving after close or reopen changes nothing', async () => {
    const s = setup(5);
    s.setReply(() => 'hold');
    void s.reader.search({ type: 'logout' });
    expect(await s.reader.search({})).toBe(false);
    expect(s.queries).toEqual([{ type: 'logout' }]);
    s.reader.close();
    s.reader.open();
    // The earlier question's answer lands now: it is not shown under the new search.
    s.held[0]?.({ ok: true, answer: { type: 'audit.page', entries: [entry(9)], more: false } });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(s.state()).toMatchObject({ filter: {}, entries: [], loading: true });
    s.held[1]?.({ ok: true, answer: { type: 'audit.page', entries: [entry(5)], more: false } });
    await vi.waitFor(() => expect(s.state().entries).toEqual([entry(5)]));
  });

  it('abandons an export when the screen is closed, and saves nothing', async () => {
    let endPause: () => void = () => undefined;
    const s = setup(9, 2, () => new Promise<void>((resolve) => (endPause = resolve)));
    const exporting = s.reader.exportCsv();
    // The first page is in; the reader is closed during the pause before the second.
    await vi.waitFor(() => expect(s.sleeps).toHaveLength(1));
    s.reader.close();
    endPause();
    await exporting;
    expect(s.saved).toEqual([]);
    expect(s.queries).toEqual([{}]);
    expect(s.state()).toEqual(emptyAuditView);
  });
});
