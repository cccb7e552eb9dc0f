import path from 'node:path';
import * as z from 'zod';
import type { IceServer, RtcConfig } from '../shared/signaling';
import { DEFAULT_CREATE_BUDGET } from './create-budget';
import { DEFAULT_HOST, DEFAULT_PORT, type SignalingServerOptions } from './signaling-server';
import { isProxyEntry, LOOPBACK_PROXIES } from './source-address';
import { MAX_TURN_CREDENTIAL_TTL_S, MIN_TURN_CREDENTIAL_TTL_S } from './turn-credentials';
import { isOriginEntry, type SocketLimits } from './upgrade-guard';
import type { QueuePolicy } from './queue/queue-policy';
import { MAIL_DEFAULTS, type MailConfig } from './mail/mail-config';

/**
 * Environment → server options. Every variable is validated here so that a typo fails at
 * start-up with one readable line instead of surfacing later as a broken session.
 */
/** Where `npm run server` keeps its SQLite file unless DB_PATH says otherwise (created on demand). */
export const DEFAULT_DB_PATH = path.resolve('data/tandem.sqlite');

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

export type ConfigOptions = Pick<
  SignalingServerOptions,
  'host' | 'port' | 'staticDir' | 'rtc' | 'turnRest' | 'turnStatic' | 'trustedProxies' | 'instanceId' | 'metricsToken' | 'codeTtlMs' | 'dbPath' | 'databaseUrl' | 'auditSpoolDir' | 'requireVerifiedConsultants' | 'authTokenTtlMs' | 'resumeKey' | 'resumeGraceMs' | 'restartMaxMs' | 'allowedOrigins' | 'socketLimits' | 'createBudget' | 'guessBudget' | 'anonymousAuditRetentionMs' | 'queuePolicy' | 'mail'
> & {
  /** Several instances share live state through this Redis (main.ts opens the connections). */
  redisUrl?: string;
  /** How long SIGTERM keeps answering 503 before closing the sockets (the balancer's notice). */
  drainDelayMs?: number;
};

const optional = (value: string | undefined) => (value === undefined || value.trim() === '' ? undefined : value.trim());
const urlList = (schemes: string[]) =>
  z
    .string()
    .transform((value) => value.split(',').map((url) => url.trim()).filter((url) => url !== ''))
    .pipe(z.array(z.string().max(512).refine((url) => schemes.some((scheme) => url.startsWith(`${scheme}:`)), `each URL must start with ${schemes.map((s) => `${s}:`).join(' or ')}`)).min(1).max(8));
const flag = z.enum(['1', 'true', 'yes', '0', 'false', 'no']).transform((value) => ['1', 'true', 'yes'].includes(value));
const integer = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));

const envSchema = z.object({
  HOST: z.string().min(1).max(255).optional(),
  PORT: integer(0, 65535).optional(),
  STATIC_DIR: z.string().min(1).optional(),
  STUN_URLS: urlList(['stun', 'stuns']).optional(),
  TURN_URLS: urlList(['turn', 'turns']).optional(),
  // A short shared secret would let anyone mint TURN credentials by brute force.
  TURN_SECRET: z.string().min(16, 'must be at least 16 characters').max(512).optional(),
  TURN_USERNAME: z.string().max(512).optional(),
  TURN_PASSWORD: z.string().max(512).optional(),
  // Lifetime of the REST credentials each paired session gets (coturn checks it when a relay allocation is made).
  TURN_CREDENTIAL_TTL_S: integer(MIN_TURN_CREDENTIAL_TTL_S, MAX_TURN_CREDENTIAL_TTL_S).optional(),
  ICE_TRANSPORT_POLICY: z.enum(['all', 'relay']).optional(),
  ICE_CANDIDATE_FILTER: z.enum(['any', 'loopback']).optional(),
  TRUST_PROXY: flag.optional(),
  CODE_TTL_MS: integer(10_000, 24 * 60 * 60 * 1000).optional(),
  DB_PATH: z.string().min(1).max(4096).optional(),
  // postgres://user:password@host:port/database selects PostgreSQL for the records (DB_PATH is then unused for them).
  DATABASE_URL: z.string().max(4096).regex(/^postgres(ql)?:\/\//i, 'must start with postgres:// or postgresql://').optional(),
  AUDIT_SPOOL_DIR: z.string().min(1).max(4096).optional(),
  REQUIRE_VERIFIED_CONSULTANTS: flag.optional(),
  AUTH_TOKEN_TTL_MS: integer(60_000, 30 * 24 * 60 * 60 * 1000).optional(),
  // Seals resume secrets: every instance of a cluster needs the same one (a single server keeps its own key file).
  RESUME_SECRET: z.string().min(32, 'must be at least 32 characters').max(512).optional(),
  RESUME_GRACE_MS: integer(5_000, 60 * 60 * 1000).optional(),
  RESTART_MAX_MS: integer(60_000, 2 * 60 * 60 * 1000).optional(),
  // Several instances behind a balancer (docs/deployment.md, "Several instances").
  REDIS_URL: z.string().max(2048).regex(/^rediss?:\/\/[^/]/, 'must be a redis:// or rediss:// URL').optional(),
  TRUSTED_PROXIES: z
    .string()
    .transform((value) => value.split(',').map((entry) => entry.trim()).filter((entry) => entry !== ''))
    .pipe(z.array(z.string().refine(isProxyEntry, 'each entry must be an IP address or a CIDR block (10.0.0.0/8)')).max(64))
    .optional(),
  INSTANCE_ID: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'letters, digits, dot, dash, underscore (at most 64)').optional(),
  DRAIN_DELAY_MS: integer(0, 5 * 60 * 1000).optional(),
  // Whoever holds it reads the load of the service; a guessable one is no protection.
  // Web pages allowed to open the WebSocket besides the app and this server's own (https://help.example.com,…).
  ALLOWED_ORIGINS: z
    .string()
    .transform((value) => value.split(',').map((entry) => entry.trim()).filter((entry) => entry !== ''))
    .pipe(z.array(z.string().refine(isOriginEntry, 'each entry must be an origin such as https://help.example.com (no path, no trailing slash)')).max(64))
    .optional(),
  WS_MAX_SOCKETS_PER_ADDRESS: integer(1, 1_000_000).optional(),
  WS_MAX_SOCKETS: integer(1, 10_000_000).optional(),
  WS_MESSAGE_TIMEOUT_MS: integer(1_000, 5 * 60 * 1000).optional(),
  // Session codes per 10 minutes: per anonymous address (its /24 or /48 gets four times as many) and per signed-in account.
  CREATE_BUDGET_PER_ADDRESS: integer(1, 100_000).optional(),
  CREATE_BUDGET_PER_ACCOUNT: integer(1, 100_000).optional(),
  // Wrong code guesses per second over the whole server before only clean addresses are still evaluated.
  GUESS_BUDGET_PER_SECOND: integer(1, 1_000_000).optional(),
  // Audit entries of no organisation (anonymous sessions) are deleted after this many days.
  AUDIT_ANONYMOUS_RETENTION_DAYS: integer(1, 3650).optional(),
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').max(512).optional(),
  // The help queue's bounds (queue/queue-policy.ts): waiting requests per organisation, per address, per /24 or /48.
  QUEUE_MAX_WAITING: integer(1, 100_000).optional(),
  QUEUE_MAX_WAITING_PER_ADDRESS: integer(1, 100_000).optional(),
  QUEUE_MAX_WAITING_PER_NETWORK: integer(1, 100_000).optional(),
  // A waiting request whose app left ends after this grace; any waiting request after the maximum age.
  QUEUE_ABANDON_GRACE_MS: integer(30_000, 24 * 60 * 60 * 1000).optional(),
  QUEUE_MAX_AGE_MS: integer(60_000, 7 * 24 * 60 * 60 * 1000).optional(),
  // The support mailbox (docs/deployment.md, "Connecting the support mailbox"): IMAP to read, SMTP to answer.
  MAIL_IMAP_HOST: z.string().min(1).max(255).optional(),
  MAIL_IMAP_PORT: integer(1, 65535).optional(),
  MAIL_IMAP_TLS: flag.optional(),
  MAIL_IMAP_USER: z.string().min(1).max(320).optional(),
  MAIL_IMAP_PASSWORD: z.string().min(1).max(1024).optional(),
  MAIL_SMTP_HOST: z.string().min(1).max(255).optional(),
  MAIL_SMTP_PORT: integer(1, 65535).optional(),
  MAIL_SMTP_TLS: flag.optional(),
  MAIL_SMTP_USER: z.string().min(1).max(320).optional(),
  MAIL_SMTP_PASSWORD: z.string().min(1).max(1024).optional(),
  MAIL_FROM: z.string().max(400).regex(/^[^\r\n]*[^\s<>@]+@[^\s<>@]+\.[^\s<>@]+>?$/, 'must be an address, optionally with a name: Help desk <support@example.org>').optional(),
  MAIL_ORGANISATION: z.string().regex(/^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/, 'must be an organisation slug').optional(),
  MAIL_LANGUAGE: z.enum(['fr', 'en', 'auto']).optional(),
  MAIL_MAX_MESSAGE_BYTES: integer(10_000, 200 * 1024 * 1024).optional(),
  MAIL_MAX_ATTACHMENT_BYTES: integer(0, 100 * 1024 * 1024).optional(),
  MAIL_MAX_PER_SENDER_PER_HOUR: integer(1, 10_000).optional(),
  MAIL_KEEP_ASIDE_FOLDER: z.string().min(1).max(200).regex(/^[^\r\n"*%]+$/, 'a folder name without quotes, * or %').optional(),
  MAIL_APP_DOWNLOAD_URL: z.url({ protocol: /^https$/ }).max(500).optional(),
});

const VARIABLES = Object.keys(envSchema.shape) as (keyof typeof envSchema.shape)[];

export function readConfig(env: Record<string, string | undefined>): ConfigOptions {
  const present = Object.fromEntries(VARIABLES.map((name) => [name, optional(env[name])]));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid environment: ${problems.join('; ')}`);
  }
  const e = parsed.data;
  if (e.TURN_SECRET !== undefined && (e.TURN_USERNAME !== undefined || e.TURN_PASSWORD !== undefined)) {
    throw new ConfigError('Invalid environment: set either TURN_SECRET or TURN_USERNAME/TURN_PASSWORD, not both');
  }
  if ((e.TURN_USERNAME === undefined) !== (e.TURN_PASSWORD === undefined)) {
    throw new ConfigError('Invalid environment: TURN_USERNAME and TURN_PASSWORD go together');
  }
  const turnCredentials = e.TURN_SECRET !== undefined || e.TURN_USERNAME !== undefined;
  if (turnCredentials !== (e.TURN_URLS !== undefined)) {
    throw new ConfigError('Invalid environment: TURN_URLS needs TURN_SECRET or TURN_USERNAME/TURN_PASSWORD, and they need TURN_URLS');
  }
  if (e.ICE_TRANSPORT_POLICY === 'relay' && e.TURN_URLS === undefined) {
    throw new ConfigError('Invalid environment: ICE_TRANSPORT_POLICY=relay needs a TURN server (TURN_URLS)');
  }

  if (e.TURN_CREDENTIAL_TTL_S !== undefined && e.TURN_SECRET === undefined) {
    throw new ConfigError('Invalid environment: TURN_CREDENTIAL_TTL_S applies to TURN_SECRET credentials only');
  }

  // STUN only: every hello carries these. TURN credentials go to paired sessions alone (turnRest / turnStatic).
  const iceServers: IceServer[] = [];
  if (e.STUN_URLS) iceServers.push({ urls: e.STUN_URLS });
  const rtc: RtcConfig = { iceServers, iceTransportPolicy: e.ICE_TRANSPORT_POLICY ?? 'all', candidateFilter: e.ICE_CANDIDATE_FILTER ?? 'any' };
  const options: ConfigOptions = {
    host: e.HOST ?? DEFAULT_HOST,
    port: e.PORT ?? DEFAULT_PORT,
    rtc,
  };
  // TRUST_PROXY (deprecated) believed any peer; it now means what it was used for: a proxy on this machine.
  const trustedProxies = e.TRUSTED_PROXIES ?? (e.TRUST_PROXY ? [...LOOPBACK_PROXIES] : []);
  if (trustedProxies.length > 0) options.trustedProxies = trustedProxies;
  if (e.REDIS_URL !== undefined) options.redisUrl = e.REDIS_URL;
  if (e.INSTANCE_ID !== undefined) options.instanceId = e.INSTANCE_ID;
  if (e.DRAIN_DELAY_MS !== undefined) options.drainDelayMs = e.DRAIN_DELAY_MS;
  if (e.ALLOWED_ORIGINS !== undefined) options.allowedOrigins = e.ALLOWED_ORIGINS;
  const socketLimits: Partial<SocketLimits> = {
    ...(e.WS_MAX_SOCKETS_PER_ADDRESS !== undefined ? { maxSocketsPerAddress: e.WS_MAX_SOCKETS_PER_ADDRESS } : {}),
    ...(e.WS_MAX_SOCKETS !== undefined ? { maxSockets: e.WS_MAX_SOCKETS } : {}),
    ...(e.WS_MESSAGE_TIMEOUT_MS !== undefined ? { messageTimeoutMs: e.WS_MESSAGE_TIMEOUT_MS } : {}),
  };
  if (Object.keys(socketLimits).length > 0) options.socketLimits = socketLimits;
  const queuePolicy: Partial<QueuePolicy> = {
    ...(e.QUEUE_MAX_WAITING !== undefined ? { maxWaiting: e.QUEUE_MAX_WAITING } : {}),
    ...(e.QUEUE_MAX_WAITING_PER_ADDRESS !== undefined ? { maxWaitingPerAddress: e.QUEUE_MAX_WAITING_PER_ADDRESS } : {}),
    ...(e.QUEUE_MAX_WAITING_PER_NETWORK !== undefined ? { maxWaitingPerNetwork: e.QUEUE_MAX_WAITING_PER_NETWORK } : {}),
    ...(e.QUEUE_ABANDON_GRACE_MS !== undefined ? { abandonGraceMs: e.QUEUE_ABANDON_GRACE_MS } : {}),
    ...(e.QUEUE_MAX_AGE_MS !== undefined ? { maxAgeMs: e.QUEUE_MAX_AGE_MS } : {}),
  };
  if (Object.keys(queuePolicy).length > 0) options.queuePolicy = queuePolicy;
  const mail = mailConfig(e);
  if (mail) options.mail = mail;
  if (e.METRICS_TOKEN !== undefined) options.metricsToken = e.METRICS_TOKEN;
  if (e.CREATE_BUDGET_PER_ADDRESS !== undefined || e.CREATE_BUDGET_PER_ACCOUNT !== undefined) {
    const perWindow = e.CREATE_BUDGET_PER_ADDRESS ?? DEFAULT_CREATE_BUDGET.perWindow;
    options.createBudget = { ...DEFAULT_CREATE_BUDGET, perWindow, perNetwork: perWindow * 4, perAccount: e.CREATE_BUDGET_PER_ACCOUNT ?? DEFAULT_CREATE_BUDGET.perAccount ?? perWindow };
  }
  if (e.GUESS_BUDGET_PER_SECOND !== undefined) options.guessBudget = { perSecond: e.GUESS_BUDGET_PER_SECOND };
  if (e.AUDIT_ANONYMOUS_RETENTION_DAYS !== undefined) options.anonymousAuditRetentionMs = e.AUDIT_ANONYMOUS_RETENTION_DAYS * 24 * 60 * 60 * 1000;
  if (e.STATIC_DIR !== undefined) options.staticDir = path.resolve(e.STATIC_DIR);
  if (e.CODE_TTL_MS !== undefined) options.codeTtlMs = e.CODE_TTL_MS;
  // ':memory:' is passed through (a throwaway server); anything else is a file path.
  if (e.DB_PATH !== undefined) options.dbPath = e.DB_PATH === ':memory:' ? e.DB_PATH : path.resolve(e.DB_PATH);
  if (e.DATABASE_URL !== undefined) options.databaseUrl = e.DATABASE_URL;
  if (e.AUDIT_SPOOL_DIR !== undefined) options.auditSpoolDir = path.resolve(e.AUDIT_SPOOL_DIR);
  if (e.REQUIRE_VERIFIED_CONSULTANTS !== undefined) options.requireVerifiedConsultants = e.REQUIRE_VERIFIED_CONSULTANTS;
  if (e.AUTH_TOKEN_TTL_MS !== undefined) options.authTokenTtlMs = e.AUTH_TOKEN_TTL_MS;
  if (e.RESUME_SECRET !== undefined) options.resumeKey = Buffer.from(e.RESUME_SECRET, 'utf8');
  if (e.RESUME_GRACE_MS !== undefined) options.resumeGraceMs = e.RESUME_GRACE_MS;
  if (e.RESTART_MAX_MS !== undefined) options.restartMaxMs = e.RESTART_MAX_MS;
  if (e.TURN_URLS && e.TURN_SECRET !== undefined) {
    options.turnRest = { urls: e.TURN_URLS, secret: e.TURN_SECRET, ...(e.TURN_CREDENTIAL_TTL_S !== undefined ? { ttlS: e.TURN_CREDENTIAL_TTL_S } : {}) };
  }
  if (e.TURN_URLS && e.TURN_USERNAME !== undefined && e.TURN_PASSWORD !== undefined) {
    options.turnStatic = { urls: e.TURN_URLS, username: e.TURN_USERNAME, credential: e.TURN_PASSWORD };
  }
  return options;
}

/** The support mailbox: all or nothing (a half-configured mailbox fails at start-up, not at the first e-mail). */
function mailConfig(e: z.infer<typeof envSchema>): MailConfig | undefined {
  const required = { MAIL_IMAP_HOST: e.MAIL_IMAP_HOST, MAIL_IMAP_USER: e.MAIL_IMAP_USER, MAIL_IMAP_PASSWORD: e.MAIL_IMAP_PASSWORD, MAIL_SMTP_HOST: e.MAIL_SMTP_HOST, MAIL_FROM: e.MAIL_FROM, MAIL_ORGANISATION: e.MAIL_ORGANISATION };
  const anyMail = Object.entries(e).some(([name, value]) => name.startsWith('MAIL_') && value !== undefined);
  if (!anyMail) return undefined;
  const missing = Object.entries(required).filter(([, value]) => value === undefined).map(([name]) => name);
  if (missing.length > 0) throw new ConfigError(`Invalid environment: the support mailbox also needs ${missing.join(', ')}`);
  if ((e.MAIL_SMTP_USER === undefined) !== (e.MAIL_SMTP_PASSWORD === undefined)) throw new ConfigError('Invalid environment: MAIL_SMTP_USER and MAIL_SMTP_PASSWORD go together');
  const maxAttachmentBytes = e.MAIL_MAX_ATTACHMENT_BYTES ?? MAIL_DEFAULTS.maxAttachmentBytes;
  const imapPort = e.MAIL_IMAP_PORT ?? 993;
  const smtpPort = e.MAIL_SMTP_PORT ?? 587;
  return {
    // Without MAIL_*_TLS: TLS from the first byte on the usual TLS ports (993, 465), else STARTTLS when offered.
    imap: { host: required.MAIL_IMAP_HOST ?? '', port: imapPort, secure: e.MAIL_IMAP_TLS ?? imapPort === 993, user: required.MAIL_IMAP_USER ?? '', password: required.MAIL_IMAP_PASSWORD ?? '' },
    smtp: {
      host: required.MAIL_SMTP_HOST ?? '',
      port: smtpPort,
      secure: e.MAIL_SMTP_TLS ?? smtpPort === 465,
      ...(e.MAIL_SMTP_USER !== undefined && e.MAIL_SMTP_PASSWORD !== undefined ? { user: e.MAIL_SMTP_USER, password: e.MAIL_SMTP_PASSWORD } : {}),
    },
    from: required.MAIL_FROM ?? '',
    organisation: required.MAIL_ORGANISATION ?? '',
    language: e.MAIL_LANGUAGE ?? 'auto',
    maxMessageBytes: e.MAIL_MAX_MESSAGE_BYTES ?? MAIL_DEFAULTS.maxMessageBytes,
    maxAttachmentBytes,
    maxAttachmentsBytes: Math.max(maxAttachmentBytes, MAIL_DEFAULTS.maxAttachmentsBytes),
    maxPerSenderPerHour: e.MAIL_MAX_PER_SENDER_PER_HOUR ?? MAIL_DEFAULTS.maxPerSenderPerHour,
    keepAsideFolder: e.MAIL_KEEP_ASIDE_FOLDER ?? MAIL_DEFAULTS.keepAsideFolder,
    appDownloadUrl: e.MAIL_APP_DOWNLOAD_URL ?? null,
  };
}
