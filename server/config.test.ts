import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, readConfig } from './config';

describe('readConfig', () => {
  it('defaults to 127.0.0.1:8787 with no ICE servers', () => {
    expect(readConfig({})).toEqual({
      host: '127.0.0.1',
      port: 8787,
      rtc: { iceServers: [], iceTransportPolicy: 'all', candidateFilter: 'any' },
    });
  });

  it('reads every variable', () => {
    const options = readConfig({
      HOST: '0.0.0.0',
      PORT: '0',
      STATIC_DIR: 'some/dir',
      STUN_URLS: 'stun:a.example:3478, stuns:b.example',
      TURN_URLS: 'turn:t.example:3478?transport=udp,turns:t.example:5349',
      TURN_SECRET: 'x'.repeat(32),
      ICE_TRANSPORT_POLICY: 'relay',
      ICE_CANDIDATE_FILTER: 'loopback',
      TRUST_PROXY: 'true',
      CODE_TTL_MS: '60000',
    });
    expect(options).toEqual({
      host: '0.0.0.0',
      port: 0,
      staticDir: path.resolve('some/dir'),
      rtc: { iceServers: [{ urls: ['stun:a.example:3478', 'stuns:b.example'] }], iceTransportPolicy: 'relay', candidateFilter: 'loopback' },
      turnRest: { urls: ['turn:t.example:3478?transport=udp', 'turns:t.example:5349'], secret: 'x'.repeat(32) },
      trustedProxies: ['127.0.0.0/8', '::1'],
      codeTtlMs: 60000,
    });
  });

  it('keeps static TURN credentials out of the ICE servers every hello carries', () => {
    const options = readConfig({ STUN_URLS: 'stun:127.0.0.1:3478', TURN_URLS: 'turn:127.0.0.1:3478', TURN_USERNAME: 'u', TURN_PASSWORD: 'p' });
    expect(options.rtc?.iceServers).toEqual([{ urls: ['stun:127.0.0.1:3478'] }]);
    expect(options.turnStatic).toEqual({ urls: ['turn:127.0.0.1:3478'], username: 'u', credential: 'p' });
    expect(options.turnRest).toBeUndefined();
  });

  it('reads the REST credentials lifetime', () => {
    expect(readConfig({ TURN_URLS: 'turn:127.0.0.1:3478', TURN_SECRET: 'x'.repeat(32), TURN_CREDENTIAL_TTL_S: '300' }).turnRest).toEqual({ urls: ['turn:127.0.0.1:3478'], secret: 'x'.repeat(32), ttlS: 300 });
  });

  it('treats empty values as unset', () => {
    expect(readConfig({ PORT: '', TRUST_PROXY: ' ' }).port).toBe(8787);
  });

  it.each([
    [{ PORT: 'abc' }, /PORT: must be a whole number/],
    [{ PORT: '70000' }, /PORT/],
    [{ PORT: '-1' }, /PORT/],
    [{ STUN_URLS: 'http://x' }, /STUN_URLS/],
    [{ TURN_URLS: 'turn:x' }, /TURN_URLS needs/],
    [{ TURN_SECRET: 'x'.repeat(32) }, /TURN_URLS needs/],
    [{ TURN_URLS: 'turn:x', TURN_SECRET: 'short' }, /TURN_SECRET: must be at least 16/],
    [{ TURN_URLS: 'turn:x', TURN_USERNAME: 'u' }, /go together/],
    [{ TURN_URLS: 'turn:x', TURN_SECRET: 'x'.repeat(32), TURN_USERNAME: 'u', TURN_PASSWORD: 'p' }, /not both/],
    [{ ICE_TRANSPORT_POLICY: 'relay' }, /needs a TURN server/],
    [{ TURN_URLS: 'turn:x', TURN_SECRET: 'x'.repeat(32), TURN_CREDENTIAL_TTL_S: '10' }, /TURN_CREDENTIAL_TTL_S/],
    [{ TURN_URLS: 'turn:x', TURN_SECRET: 'x'.repeat(32), TURN_CREDENTIAL_TTL_S: '7200' }, /TURN_CREDENTIAL_TTL_S/],
    [{ TURN_URLS: 'turn:x', TURN_USERNAME: 'u', TURN_PASSWORD: 'p', TURN_CREDENTIAL_TTL_S: '600' }, /applies to TURN_SECRET/],
    [{ ICE_TRANSPORT_POLICY: 'none' }, /ICE_TRANSPORT_POLICY/],
    [{ ICE_CANDIDATE_FILTER: 'lan' }, /ICE_CANDIDATE_FILTER/],
    [{ TRUST_PROXY: 'maybe' }, /TRUST_PROXY/],
    [{ CODE_TTL_MS: '5' }, /CODE_TTL_MS/],
    [{ TRUSTED_PROXIES: '10.0.0.0/8, proxy.local' }, /TRUSTED_PROXIES.1: each entry must be an IP address or a CIDR block/],
    [{ REDIS_URL: 'localhost:6379' }, /REDIS_URL: must be a redis:\/\/ or rediss:\/\/ URL/],
    [{ INSTANCE_ID: 'a b' }, /INSTANCE_ID/],
    [{ METRICS_TOKEN: 'short' }, /METRICS_TOKEN: must be at least 16/],
    [{ DRAIN_DELAY_MS: '600000' }, /DRAIN_DELAY_MS/],
    [{ ALLOWED_ORIGINS: 'https://ok.example, https://ok.example/path' }, /ALLOWED_ORIGINS.1: each entry must be an origin/],
    [{ WS_MAX_SOCKETS_PER_ADDRESS: '0' }, /WS_MAX_SOCKETS_PER_ADDRESS/],
    [{ WS_MESSAGE_TIMEOUT_MS: '10' }, /WS_MESSAGE_TIMEOUT_MS/],
    [{ GUESS_BUDGET_PER_SECOND: '0' }, /GUESS_BUDGET_PER_SECOND/],
    [{ CREATE_BUDGET_PER_ACCOUNT: 'lots' }, /CREATE_BUDGET_PER_ACCOUNT/],
    [{ QUEUE_MAX_WAITING_PER_NETWORK: '0' }, /QUEUE_MAX_WAITING_PER_NETWORK/],
    [{ QUEUE_ABANDON_GRACE_MS: '1000' }, /QUEUE_ABANDON_GRACE_MS/],
  ])('rejects %o with a clear message', (env, message) => {
    expect(() => readConfig(env)).toThrow(ConfigError);
    expect(() => readConfig(env)).toThrow(message);
  });

  it('reads the allowed origins and the socket limits', () => {
    expect(readConfig({ ALLOWED_ORIGINS: 'https://help.example.com, http://localhost:5173', WS_MAX_SOCKETS_PER_ADDRESS: '50', WS_MAX_SOCKETS: '1000', WS_MESSAGE_TIMEOUT_MS: '5000' })).toMatchObject({
      allowedOrigins: ['https://help.example.com', 'http://localhost:5173'],
      socketLimits: { maxSocketsPerAddress: 50, maxSockets: 1000, messageTimeoutMs: 5000 },
    });
    expect(readConfig({})).not.toHaveProperty('socketLimits');
  });

  it('reads the budgets of session creations and wrong guesses', () => {
    expect(readConfig({ CREATE_BUDGET_PER_ADDRESS: '10', CREATE_BUDGET_PER_ACCOUNT: '20', GUESS_BUDGET_PER_SECOND: '100', AUDIT_ANONYMOUS_RETENTION_DAYS: '7' })).toMatchObject({
      anonymousAuditRetentionMs: 7 * 24 * 60 * 60 * 1000,
      createBudget: { perWindow: 10, perNetwork: 40, perAccount: 20, windowMs: 600_000 },
      guessBudget: { perSecond: 100 },
    });
    expect(readConfig({})).not.toHaveProperty('createBudget');
    expect(readConfig({})).not.toHaveProperty('guessBudget');
  });

  it('reads the help queue limits and expiry', () => {
    const env = { QUEUE_MAX_WAITING: '300', QUEUE_MAX_WAITING_PER_ADDRESS: '2', QUEUE_MAX_WAITING_PER_NETWORK: '8', QUEUE_ABANDON_GRACE_MS: '60000', QUEUE_MAX_AGE_MS: '7200000' };
    expect(readConfig(env).queuePolicy).toEqual({ maxWaiting: 300, maxWaitingPerAddress: 2, maxWaitingPerNetwork: 8, abandonGraceMs: 60_000, maxAgeMs: 7_200_000 });
    expect(readConfig({})).not.toHaveProperty('queuePolicy');
  });

  it('reads the database path and the account settings', () => {
    expect(readConfig({ DB_PATH: 'var/t.sqlite', REQUIRE_VERIFIED_CONSULTANTS: 'yes', AUTH_TOKEN_TTL_MS: '3600000' })).toMatchObject({
      dbPath: path.resolve('var/t.sqlite'),
      requireVerifiedConsultants: true,
      authTokenTtlMs: 3_600_000,
    });
    expect(readConfig({ DB_PATH: ':memory:' }).dbPath).toBe(':memory:');
    expect(() => readConfig({ AUTH_TOKEN_TTL_MS: '5' })).toThrow(ConfigError);
  });

  it('reads DATABASE_URL (PostgreSQL) and AUDIT_SPOOL_DIR, and never echoes a bad URL', () => {
    expect(readConfig({ DATABASE_URL: 'postgres://tandem:pw@db.internal:5432/tandem', AUDIT_SPOOL_DIR: 'var/spool' })).toMatchObject({
      databaseUrl: 'postgres://tandem:pw@db.internal:5432/tandem',
      auditSpoolDir: path.resolve('var/spool'),
    });
    expect(readConfig({}).databaseUrl).toBeUndefined();
    const error = (() => {
      try {
        readConfig({ DATABASE_URL: 'mysql://root:hunter2@db/x' });
      } catch (e) {
        return e as Error;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect(error?.message).toMatch(/DATABASE_URL: must start with postgres:\/\/ or postgresql:\/\//);
    expect(error?.message).not.toContain('hunter2');
  });

  it('reads the resume settings, and refuses a short resume secret', () => {
    const secret = 'k'.repeat(40);
    const options = readConfig({ RESUME_SECRET: secret, RESUME_GRACE_MS: '30000', RESTART_MAX_MS: '900000' });
    expect(options.resumeKey && Buffer.from(options.resumeKey).toString('utf8')).toBe(secret);
    expect(options).toMatchObject({ resumeGraceMs: 30_000, restartMaxMs: 900_000 });
    expect(() => readConfig({ RESUME_SECRET: 'short' })).toThrow(/RESUME_SECRET: must be at least 32 characters/);
    expect(() => readConfig({ RESUME_GRACE_MS: '10' })).toThrow(ConfigError);
  });

  it('reads the cluster settings; TRUSTED_PROXIES wins over the deprecated TRUST_PROXY', () => {
    expect(
      readConfig({ REDIS_URL: 'redis://:pw@redis.internal:6380/2', TRUSTED_PROXIES: '10.0.0.0/8, 192.0.2.10 ,fd00::/8', INSTANCE_ID: 'web-1', DRAIN_DELAY_MS: '3000', METRICS_TOKEN: 'm'.repeat(20), TRUST_PROXY: '1' }),
    ).toMatchObject({ redisUrl: 'redis://:pw@redis.internal:6380/2', trustedProxies: ['10.0.0.0/8', '192.0.2.10', 'fd00::/8'], instanceId: 'web-1', drainDelayMs: 3000, metricsToken: 'm'.repeat(20) });
    expect(readConfig({}).trustedProxies).toBeUndefined();
  });

  it('never repeats a bad REDIS_URL (it may hold a password) in its message', () => {
    expect(() => readConfig({ REDIS_URL: 'http://user:s3cret@host' })).toThrow(/^(?!.*s3cret)/s);
  });
});

describe('readConfig: the support mailbox', () => {
  const mailbox = {
    MAIL_IMAP_HOST: 'imap.example.org',
    MAIL_IMAP_USER: 'support@example.org',
    MAIL_IMAP_PASSWORD: 'imap password',
    MAIL_SMTP_HOST: 'smtp.example.org',
    MAIL_FROM: 'Help desk <support@example.org>',
    MAIL_ORGANISATION: 'acme',
  };

  it('reads a mailbox with TLS on the usual ports and the documented defaults', () => {
    expect(readConfig(mailbox).mail).toMatchObject({
      imap: { host: 'imap.example.org', port: 993, secure: true, user: 'support@example.org', password: 'imap password' },
      smtp: { host: 'smtp.example.org', port: 587, secure: false },
      from: 'Help desk <support@example.org>',
      organisation: 'acme',
      language: 'auto',
      keepAsideFolder: 'Tandem kept aside',
      appDownloadUrl: null,
    });
    expect(readConfig({ ...mailbox, MAIL_SMTP_PORT: '465', MAIL_SMTP_USER: 'u', MAIL_SMTP_PASSWORD: 'p', MAIL_LANGUAGE: 'fr' }).mail).toMatchObject({ smtp: { port: 465, secure: true, user: 'u', password: 'p' }, language: 'fr' });
    expect(readConfig({}).mail).toBeUndefined();
  });

  it('refuses a half-configured mailbox with the names of what is missing', () => {
    expect(() => readConfig({ MAIL_IMAP_HOST: 'imap.example.org' })).toThrow(/MAIL_IMAP_USER, MAIL_IMAP_PASSWORD, MAIL_SMTP_HOST, MAIL_FROM, MAIL_ORGANISATION/);
    expect(() => readConfig({ ...mailbox, MAIL_SMTP_USER: 'u' })).toThrow(/MAIL_SMTP_USER and MAIL_SMTP_PASSWORD go together/);
    expect(() => readConfig({ ...mailbox, MAIL_FROM: 'not an address' })).toThrow(/MAIL_FROM/);
    expect(() => readConfig({ ...mailbox, MAIL_APP_DOWNLOAD_URL: 'http://example.org/app' })).toThrow(/MAIL_APP_DOWNLOAD_URL/);
  });
});
