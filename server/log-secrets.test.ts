import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../shared/log';
import { startSignalingServer, type SignalingServer } from './signaling-server';
import { TestClient, wrongSecret } from './test-client';
import { PASSWORD, seed, tempDbPath } from './test-fixtures';

/**
 * What the server writes to its logs during a login, a pairing and a resume: JSON lines that
 * name their instance, and never a session code, a resume secret, a sign-in token or a password.
 */
const opened: { close(): Promise<unknown> }[] = [];
afterEach(async () => {
  for (const item of opened.splice(0).reverse()) await item.close();
});

async function ready(server: SignalingServer) {
  const client = await TestClient.ready(server.wsUrl);
  opened.push(client);
  return client;
}

describe('server logs', () => {
  it('are structured JSON with the instance, and hold no secrets', async () => {
    const db = tempDbPath();
    opened.push({ close: () => Promise.resolve(db.cleanup()) });
    await seed(db.file, [{ email: 'bob@acme.example', name: 'Bob' }]);
    const lines: string[] = [];
    const turnSecret = 'the-coturn-shared-secret';
    const server = await startSignalingServer({
      port: 0,
      dbPath: db.file,
      instanceId: 'logs-1',
      logger: createLogger('server', (_level, line) => lines.push(line)),
      turnRest: { urls: ['turn:127.0.0.1:3478'], secret: turnSecret },
    });
    opened.push(server);

    const consultant = await ready(server);
    consultant.send({ type: 'auth.login', email: 'bob@acme.example', password: 'not the password' });
    await consultant.next('error');
    consultant.send({ type: 'auth.login', email: 'bob@acme.example', password: PASSWORD });
    const { token: authToken } = await consultant.next('auth.ok');
    consultant.send({ type: 'session.create', consultantName: 'Bob' });
    const { code } = await consultant.next('session.created');

    const user = await ready(server);
    const wrong = wrongSecret(code);
    expect((await user.expectError({ type: 'session.join', code: wrong })).code).toBe('wrong-code');
    user.send({ type: 'session.join', code });
    const turnCredential = (await user.next('session.joined')).ice?.iceServers[0]?.credential ?? 'no-credential';
    const { token: resumeToken } = await user.next('session.resume-token');
    await user.close();
    const back = await ready(server);
    back.send({ type: 'session.resume', token: resumeToken });
    await back.next('session.resumed');
    const { token: nextToken } = await back.next('session.resume-token');
    // A replayed secret is refused, and logged as such.
    const replay = await ready(server);
    expect((await replay.expectError({ type: 'session.resume', token: resumeToken })).code).toBe('resume-refused');
    await server.close();

    const secrets = [code, wrong, resumeToken, nextToken, PASSWORD, 'not the password', authToken ?? 'no-token', turnSecret, turnCredential];
    expect(lines.length).toBeGreaterThan(10);
    for (const line of lines) {
      const parsed = JSON.parse(line) as Record<string, unknown>;
      expect(parsed).toMatchObject({ instance: 'logs-1', scope: 'server' });
      expect(['info', 'warn', 'error']).toContain(parsed.level);
      expect(typeof parsed.event).toBe('string');
      for (const secret of secrets) expect(line).not.toContain(secret);
    }
    const events = lines.map((line) => (JSON.parse(line) as { event: string }).event);
    expect(events).toEqual(expect.arrayContaining(['session.created', 'session.join-refused', 'session.paired', 'session.resumed', 'session.resume-refused']));
  });
});
