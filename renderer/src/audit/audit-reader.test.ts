import { describe, expect, it, vi } from 'vitest';
import type { AuditEntry, AuditFilter } from '../../../shared/audit';
import type { ClientMessage, ServerMessage } from '../../../shared/signaling';
import type { AccountListener } from '../accounts/account-client';
import { AuditReader, emptyAuditView, type AuditViewState } from './audit-reader';

const entry = (id: number): AuditEntry => ({ id, at: id * 1000, type: 'session.created', actor: 'consultant', consultantId: 2, consultantName: '=Bob', sessionId: null, requestId: null, address: null, detail: { n: id } });

/** A fake signed-in connection whose server holds entries 1..total and answers `audit.query` in pages of `pageSize`. */
function setup(total: number, pageSize = 2) {
  let state: AuditViewState = emptyAuditView;
  let listener: AccountListener | null = null;
  const queries: AuditFilter[] = [];
  const saved: { name: string; csv: string }[] = [];
  let answer: ((filter: AuditFilter) => ServerMessage) | null = (filter) => {
    const matching = Array.from({ length: total }, (_, i) => entry(total - i)).filter((e) => filter.before === undefined || e.id < filter.before);
    return { type: 'audit.page', entries: matching.slice(0, pageSize), more: matching.length > pageSize };
  };
  const reader = new AuditReader({
    account: {
      send: (message: ClientMessage) => {
        if (message.type !== 'audit.query') return;
        queries.push(message.filter);
        const reply = answer?.(message.filter);
        if (reply) queueMicrotask(() => listener?.onMessage(reply));
      },
      listen: (l) => {
        listener = l;
        return () => (listener = null);
      },
    },
    getState: () => state,
    setState: (next) => {
      state = next;
    },
    save: (name, csv) => saved.push({ name, csv }),
    now: () => Date.UTC(2026, 10, 25),
  });
  return { reader, state: () => state, queries, saved, setAnswer: (next: typeof answer) => (answer = next), lose: () => listener?.onLost?.() };
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

  it('exports every matching entry as one CSV, gathered page by page', async () => {
    const s = setup(5);
    await s.reader.search({ consultant: 2 });
    await s.reader.exportCsv();
    expect(s.queries.slice(1)).toEqual([{ consultant: 2 }, { consultant: 2, before: 4 }, { consultant: 2, before: 2 }]);
    expect(s.saved).toHaveLength(1);
    expect(s.saved[0]?.name).toBe('tandem-audit-2026-11-25.csv');
    const lines = s.saved[0]?.csv.trim().split('\r\n') ?? [];
    expect(lines).toHaveLength(6);
    // The shared CSV writer: a name starting with '=' stays text.
    expect(lines[1]).toBe(`5,1970-01-01T00:00:05.000Z,session.created,consultant,2,'=Bob,,,,"{""n"":5}"`);
    expect(s.state().exporting).toBeNull();
  });

  it('says when the account may not read the trail, or the connection is lost', async () => {
    const s = setup(5);
    s.setAnswer(() => ({ type: 'error', code: 'forbidden', message: 'admins only', replyTo: 'audit.query' }));
    s.reader.open();
    await vi.waitFor(() => expect(s.state().problem).toBe('forbidden'));
    s.setAnswer(null);
    const searching = s.reader.search({});
    s.lose();
    await searching;
    expect(s.state()).toMatchObject({ problem: 'lost', loading: false });
  });

  it('ignores errors answering other messages, and a second question while one is in flight', async () => {
    const s = setup(5);
    s.setAnswer(null);
    const first = s.reader.search({});
    void s.reader.search({ type: 'logout' });
    expect(s.queries).toEqual([{}]);
    s.lose();
    await first;
    s.setAnswer(() => ({ type: 'error', code: 'forbidden', message: 'not yours', replyTo: 'queue.claim' }));
    void s.reader.search({});
    await Promise.resolve();
    expect(s.state().loading).toBe(true);
    s.reader.close();
    expect(s.state()).toEqual(emptyAuditView);
  });
});
