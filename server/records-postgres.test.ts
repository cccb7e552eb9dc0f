import { describe, expect, it } from 'vitest';
import { openRecords } from './db/database';
import { freshEachTest, seed } from './test-fixtures';
import { useEngines } from './test-support/engines';

/** The whole server on PostgreSQL: two instances on one database share accounts and the queue, and one claim wins. */
const env = freshEachTest();
const engines = useEngines();

describe('the server on PostgreSQL', { timeout: 60_000 }, () => {
  it('serves sign-ins and help requests from two instances, and exactly one of their claimers wins', async () => {
    const url = await (await engines.postgres()).createDatabase();
    await seed(url, [1, 2, 3, 4].map((n) => ({ email: `c${n}@acme.example`, name: `C${n}` })));
    const [a, b] = await Promise.all([env.h.start({ databaseUrl: url, trustProxy: true }), env.h.start({ databaseUrl: url, trustProxy: true })]);
    if (!a || !b) throw new Error('servers did not start');
    const claimers = await Promise.all([1, 2, 3, 4].map((n) => env.h.login(n % 2 === 0 ? a : b, `c${n}@acme.example`)));
    const user = await env.h.client(a, '10.9.0.1');
    user.send({ type: 'request.submit', organisation: 'acme', category: 'printer', description: 'No paper.', contactName: 'Uma' });
    const { requestId } = await user.next('request.submitted');
    for (const { client } of claimers) client.send({ type: 'queue.claim', requestId });
    const outcomes = await Promise.all(claimers.map(({ client }) => Promise.race([client.next('queue.claimed').then(() => 'won'), client.next('error').then((e) => e.code)])));
    expect(outcomes.sort()).toEqual(['already-claimed', 'already-claimed', 'already-claimed', 'won']);
  });

  it('answers ping while the database is up (again after a restart), and refuses to start when it is unreachable', async () => {
    const pg = await engines.postgres();
    const url = await pg.createDatabase();
    const records = await openRecords(url);
    try {
      await records.ping();
      await pg.pause();
      await expect(records.ping()).rejects.toThrow();
      await pg.resume();
      // The pool replaces the connections the restart broke.
      await records.ping();
    } finally {
      await records.close();
    }
    await expect(env.h.start({ databaseUrl: url.replace(`:${pg.port}/`, ':1/') })).rejects.toThrow(/^PostgreSQL 127\.0\.0\.1:1\/t\d+_\d+ is unreachable/);
  });
});
