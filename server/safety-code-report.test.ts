import { describe, expect, it } from 'vitest';
import { freshEachTest, seed } from './test-fixtures';

const env = freshEachTest();

describe('safety codes that do not match', () => {
  it('end the session for both, tell the consultant why, and leave a report with its reason in the audit trail', async () => {
    await seed(env.db.file, [
      { email: 'ada@acme.example', name: 'Ada', role: 'admin' },
      { email: 'bob@acme.example', name: 'Bob' },
    ]);
    const server = await env.h.start({ dbPath: env.db.file });
    const { client: bob } = await env.h.login(server, 'bob@acme.example');
    bob.send({ type: 'session.create', consultantName: 'Bob' });
    const { code, sessionId } = await bob.next('session.created');
    const user = await env.h.client(server);
    user.send({ type: 'session.join', code });
    await user.next('session.joined');

    user.send({ type: 'session.report-suspicious', reason: 'safety-code-mismatch' });
    await user.next('session.reported');
    expect((await bob.next('session.ended')).reason).toBe('safety-code-mismatch');

    const { client: ada } = await env.h.login(server, 'ada@acme.example');
    ada.send({ type: 'audit.query', filter: { session: sessionId } });
    const { entries } = await ada.next('audit.page');
    expect(entries.find((entry) => entry.type === 'contact.reported')?.detail).toMatchObject({ reason: 'safety-code-mismatch', verified: true });
    expect(entries.find((entry) => entry.type === 'session.ended')?.detail).toMatchObject({ reason: 'safety-code-mismatch' });
  });

  it('refuses a reason it does not know', async () => {
    const server = await env.h.start({ dbPath: env.db.file });
    const user = await env.h.client(server);
    const unknownReason: Record<string, unknown> = { type: 'session.report-suspicious', reason: 'because' };
    expect((await user.expectError(unknownReason)).code).toBe('invalid-message');
  });
});
