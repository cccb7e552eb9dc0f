import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { WebSocketServer, type WebSocket } from 'ws';
import { createLogger, withFields, type Logger } from '../shared/log';
import { PROTOCOL_VERSION, SESSION_CODE_TTL_MS, type RtcConfig } from '../shared/signaling';
import { CLOSE_POLICY_VIOLATION, createInboundGate, DEFAULT_INBOUND_LIMITS, handleReplyingTo, unsolicitedError, wrapSocket, type InboundLimits } from './connection';
import { createHttpHandler } from './http-routes';
import { createCreateBudget, DEFAULT_CREATE_BUDGET, type CreateBudgetPolicy } from './create-budget';
import { createSocketCounter, DEFAULT_SOCKET_LIMITS, originAllowed, reapUnfinishedMessages, refuseUpgrade, WS_MAX_PAYLOAD, type SocketLimits } from './upgrade-guard';
import { MemoryPairingStore, type PairingStore } from './pairing-store';
import { MEMORY_DB } from './db/database';
import { DEFAULT_AUTH_TOKEN_TTL_MS } from './accounts/auth-service';
import type { MailConfig } from './mail/mail-config';
import { createServices } from './services';
import { batchedStdioSink } from './log-sink';
import type { PasswordGateOptions } from './accounts/password-gate';
import { LOOPBACK_PROXIES, sourceAddress, trustProxies } from './source-address';
import { createGuessBudget, DEFAULT_GUESS_BUDGET, type GuessBudgetPolicy } from './guess-budget';
import { MemoryThrottleStore, NETWORK_THROTTLE_POLICY, type ThrottlePolicy, type ThrottleStore } from './throttle';
import { MemoryWindowCounter, RedisWindowCounter, type WindowCounter } from './window-counter';
import { createSessionTurn, splitIceServers, type TurnRestOptions, type TurnStaticOptions } from './turn-credentials';
import { createHmac, randomUUID } from 'node:crypto';
import { MemorySessionDirectory } from './sessions/memory-session-directory';
import { loadResumeKey } from './sessions/resume-key';
import { createResumeSealer } from './sessions/resume-token';
import type { SessionDirectory } from './sessions/session-directory';
import type { Redis } from 'ioredis';
import { createRedisRelay, type RedisRelay } from './sessions/redis-relay';
import { RedisSessionDirectory } from './sessions/redis-session-directory';
import type { RemoteRelay } from './sessions/types';
import { createRedisBus, type ClusterBus } from './cluster/bus';
import { createRedisPresence, type LocalMembers } from './cluster/presence';
import { MemoryPendingCodes, RedisPendingCodes } from './queue/pending-codes';
import type { QueuePolicy } from './queue/queue-policy';
import { RedisPairingStore } from './redis-pairing-store';
import { RedisThrottleStore } from './redis-throttle-store';
import { createMetrics } from './metrics';
import { checkReadiness, type ReadinessCheck } from './readiness';

export interface SignalingServerOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 8787; 0 picks a free port. */
  port?: number;
  /** The built renderer; default dist/renderer at the repository root. */
  staticDir?: string;
  /**
   * Sent to every client in its hello, minus any TURN server (those go only to paired sessions,
   * see turn-credentials.ts). Default: no ICE servers, all transports, any candidate.
   */
  rtc?: RtcConfig;
  /** coturn's shared secret: each paired session's members get short-lived credentials bound to it. */
  turnRest?: TurnRestOptions;
  /** Static TURN credentials (TURN_USERNAME/TURN_PASSWORD), for paired sessions only; prefer turnRest. */
  turnStatic?: TurnStaticOptions;
  codeTtlMs?: number;
  /** How long expired/used code records are kept (to answer expired-code/used-code). Default 1 h. */
  expiredRetentionMs?: number;
  /**
   * Our own proxies (addresses or CIDR blocks): X-Forwarded-For is believed only from them, and
   * the right-most hop that is not one of them is the client. Default none.
   */
  trustedProxies?: readonly string[];
  /** Deprecated: the same as trustedProxies on loopback. */
  trustProxy?: boolean;
  /** Bearer token /metrics requires; without one /metrics is open (keep it off the public port). */
  metricsToken?: string;
  now?: () => number;
  logger?: Logger;
  stores?: { pairing?: PairingStore; throttle?: ThrottleStore; sessions?: SessionDirectory };
  /**
   * Seals resume secrets; must survive restarts (and be shared by a cluster's instances). Default:
   * RESUME_SECRET's value if given, else a key file beside the database, else (in-memory
   * database) a random key for this process only.
   */
  resumeKey?: Uint8Array;
  /** How long a member whose connection dropped keeps its place. Default 2 min. */
  resumeGraceMs?: number;
  /** The longest a restart of the user's computer may keep a session waiting. Default 60 min. */
  restartMaxMs?: number;
  /** Lifetime of one resume secret. Default 12 h. */
  resumeTokenTtlMs?: number;
  /** This instance's name (logs, routing between instances). Default: random. */
  instanceId?: string;
  /**
   * Live sessions shared with other instances through Redis: `redis` for commands, `subscriber`
   * a second connection for this instance's relay channel. The caller owns both connections.
   */
  cluster?: { redis: Redis; subscriber: Redis; prefix?: string };
  /**
   * Dependencies /readyz checks, by name. Built in: `redis` (a cluster) and `database`; a check
   * given here with the same name replaces the built-in one.
   */
  readiness?: readonly ReadinessCheck[];
  /** Ping interval; a socket that missed the previous pong is terminated. Default 15 s. */
  heartbeatIntervalMs?: number;
  /** How often waiting codes are checked for expiry. Default 5 s. */
  sweepIntervalMs?: number;
  limits?: Partial<InboundLimits>;
  /** Sockets per address and in total, and how long a started message may take (upgrade-guard.ts). */
  socketLimits?: Partial<SocketLimits>;
  /** Web origins allowed to open the socket besides the app's own and this server's (upgrade-guard.ts). */
  allowedOrigins?: readonly string[];
  /** Session codes one address may create per window (create-budget.ts). */
  createBudget?: CreateBudgetPolicy;
  /** Wrong code guesses per second over the whole server before only clean addresses are evaluated (guess-budget.ts). */
  guessBudget?: GuessBudgetPolicy;
  /** How long audit entries of no organisation (anonymous sessions) are kept (anonymous-retention.ts). */
  anonymousAuditRetentionMs?: number;
  /** Reported by /healthz; default package.json's. */
  version?: string;
  /** The SQLite file for accounts, help requests and the audit trail. Default: in memory (tests). */
  dbPath?: string;
  /** postgres://… : keep the records in PostgreSQL instead of the SQLite file. */
  databaseUrl?: string;
  /** Where audit records wait while the database is unreachable. Default: beside the SQLite file (dbPath), none in memory. */
  auditSpoolDir?: string;
  /** Refuse session.create from sockets that are not logged in (error verification-required). Default false. */
  requireVerifiedConsultants?: boolean;
  /** How long a login token is valid. Default 12 h. */
  authTokenTtlMs?: number;
  /** Bounds on concurrent password checks (accounts/password-gate.ts). */
  passwordGate?: PasswordGateOptions;
  /** Limits on waiting help requests and their expiry (queue/queue-policy.ts). */
  queuePolicy?: Partial<QueuePolicy>;
  /** The support mailbox whose e-mails become help requests (mail/mail-service.ts). */
  mail?: MailConfig;
}

export interface SignalingServer {
  port: number;
  httpUrl: string;
  wsUrl: string;
  /** This instance's name (INSTANCE_ID). */
  instance: string;
  /**
   * Graceful stop for a rolling restart: /healthz and /readyz answer 503 at once and new
   * sockets are refused, then after `delayMs` (the balancer's notice) every socket is closed
   * with 1012 "service restart" / 'draining'. Session members keep their place (the resume
   * grace) and resume through the balancer on another instance. Then the server closes.
   */
  drain(delayMs: number): Promise<void>;
  close(): Promise<void>;
}

/** WebSocket close code 1012, "service restart": the client should reconnect (elsewhere). */
export const CLOSE_SERVICE_RESTART = 1012;

export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_PORT = 8787;
export const DEFAULT_STATIC_DIR = fileURLToPath(new URL('../dist/renderer', import.meta.url));
export const WS_PATH = '/ws';
const DEFAULT_RTC: RtcConfig = { iceServers: [], iceTransportPolicy: 'all', candidateFilter: 'any' };

export async function startSignalingServer(options: SignalingServerOptions = {}): Promise<SignalingServer> {
  const host = options.host ?? DEFAULT_HOST;
  const now = options.now ?? Date.now;
  const instance = options.instanceId ?? randomUUID();
  // Every line says which instance wrote it: a cluster's logs are read together.
  const log = withFields(options.logger ?? createLogger('server', batchedStdioSink()), { instance });
  const limits = { ...DEFAULT_INBOUND_LIMITS, ...options.limits };
  const socketLimits = { ...DEFAULT_SOCKET_LIMITS, ...options.socketLimits };
  const socketCounter = createSocketCounter(socketLimits);
  const allowedOrigins = options.allowedOrigins ?? [];
  const startedAt = Date.now();
  const version = options.version ?? packageVersion();
  const dbPath = options.dbPath ?? MEMORY_DB;
  const resumeKey = options.resumeKey ?? loadResumeKey(dbPath === MEMORY_DB ? {} : { file: `${dbPath}.resume-key` });
  const resumeTokenTtlMs = options.resumeTokenTtlMs ?? 12 * 60 * 60 * 1000;
  const cluster = options.cluster;
  // Bound once the hub exists (the relay delivers into it); nothing is relayed before the server listens.
  let relay: RedisRelay | undefined;
  const remote: RemoteRelay | undefined = cluster && { publish: (ref, message) => relay?.publish(ref, message) ?? Promise.resolve(false) };
  const expiredRetentionMs = options.expiredRetentionMs ?? 60 * 60 * 1000;
  // A cluster keeps codes and throttles in Redis: a code made on one instance is joined on another, and guesses count everywhere.
  const throttleStore = (name: string, policy?: ThrottlePolicy): ThrottleStore =>
    cluster ? new RedisThrottleStore(cluster.redis, `${cluster.prefix ?? 'tandem:'}throttle:${name}:`, policy) : new MemoryThrottleStore(policy);
  // Budgets of session creations and wrong guesses, shared by a cluster's instances.
  const counter: WindowCounter = cluster ? new RedisWindowCounter(cluster.redis, `${cluster.prefix ?? 'tandem:'}count:`) : new MemoryWindowCounter();
  const defaultPairing = (): PairingStore => (cluster ? new RedisPairingStore(cluster.redis, { retentionMs: expiredRetentionMs, now, ...(cluster.prefix ? { prefix: cluster.prefix } : {}) }) : new MemoryPairingStore());
  const defaultSessions = () => (cluster ? new RedisSessionDirectory(cluster.redis, resumeTokenTtlMs, cluster.prefix) : new MemorySessionDirectory(now, resumeTokenTtlMs));
  const sockets = new Set<WebSocket>();
  // Bound below, once the hub exists; the gauges are read only when /metrics is scraped.
  let sessionCount = () => 0;
  const metrics = createMetrics(instance, { sessions: () => sessionCount(), sockets: () => sockets.size });
  const spoolDir = options.auditSpoolDir;
  // No TURN credentials for anonymous sockets (issue 15): the hello has STUN only.
  const { hello: helloRtc, sessionOnly } = splitIceServers(options.rtc ?? DEFAULT_RTC);
  const staticTurn = [...sessionOnly, ...(options.turnStatic ? [options.turnStatic] : [])];
  if (staticTurn.some((server) => server.credential !== undefined)) {
    log.warn('turn.static-credentials', { advice: 'static TURN credentials are shared by every session and never expire; set TURN_SECRET (coturn use-auth-secret) instead' });
  }
  const turn = staticTurn.length > 0 || options.turnRest ? createSessionTurn({ ...(options.turnRest ? { rest: options.turnRest } : {}), static: staticTurn }, now) : undefined;
  const services = await createServices({
    metrics,
    dbPath: options.databaseUrl ?? dbPath,
    ...(spoolDir !== undefined ? { auditSpoolFile: join(spoolDir, 'audit-spool.jsonl') } : dbPath !== MEMORY_DB ? { auditSpoolFile: `${dbPath}.audit-spool.jsonl` } : {}),
    sessions: options.stores?.sessions ?? defaultSessions(),
    ...(remote ? { remote } : {}),
    ...(turn ? { turn } : {}),
    sealer: createResumeSealer(resumeKey),
    // Derived from the resume key, which every instance of a cluster shares: labels agree everywhere.
    networkGroupKey: createHmac('sha256', resumeKey).update('tandem queue network groups').digest(),
    ...(options.queuePolicy ? { queuePolicy: options.queuePolicy } : {}),
    ...(options.mail ? { mail: options.mail } : {}),
    resume: { graceMs: options.resumeGraceMs ?? 2 * 60 * 1000, restartMaxMs: options.restartMaxMs ?? 60 * 60 * 1000, tokenTtlMs: resumeTokenTtlMs },
    instance,
    pendingCodes: cluster ? new RedisPendingCodes(cluster.redis, cluster.prefix) : new MemoryPendingCodes(),
    ...(cluster ? { presence: (local: LocalMembers) => createRedisPresence({ redis: cluster.redis, instance, local, ...(cluster.prefix ? { prefix: cluster.prefix } : {}) }) } : {}),
    pairing: options.stores?.pairing ?? defaultPairing(),
    throttle: options.stores?.throttle ?? throttleStore('join'),
    networkThrottle: throttleStore('join-network', NETWORK_THROTTLE_POLICY),
    guessBudget: createGuessBudget(options.guessBudget ?? DEFAULT_GUESS_BUDGET, counter, () => log.warn('session.guess-budget-spent', {})),
    createBudget: createCreateBudget(options.createBudget ?? DEFAULT_CREATE_BUDGET, counter),
    counter,
    throttleStore,
    now,
    codeTtlMs: options.codeTtlMs ?? SESSION_CODE_TTL_MS,
    expiredRetentionMs,
    ...(options.anonymousAuditRetentionMs !== undefined ? { anonymousAuditRetentionMs: options.anonymousAuditRetentionMs } : {}),
    log,
    requireVerifiedConsultants: options.requireVerifiedConsultants ?? false,
    authTokenTtlMs: options.authTokenTtlMs ?? DEFAULT_AUTH_TOKEN_TTL_MS,
    ...(options.passwordGate ? { passwordGate: options.passwordGate } : {}),
  });
  const { hub } = services;
  sessionCount = () => hub.sessionCount();
  let bus: ClusterBus | undefined;
  if (cluster) {
    bus = await createRedisBus({ publisher: cluster.redis, subscriber: cluster.subscriber, ...(cluster.prefix ? { prefix: cluster.prefix } : {}), log, handler: services.onBusEvent });
    services.useBus(bus);
    relay = await createRedisRelay({ publisher: cluster.redis, subscriber: cluster.subscriber, instance, ...(cluster.prefix ? { prefix: cluster.prefix } : {}), log, deliverLocal: (connId, message) => hub.deliverLocal(connId, message) });
  }
  const proxies = trustProxies(options.trustedProxies ?? (options.trustProxy ? LOOPBACK_PROXIES : []));
  let draining = false;
  /** Disconnect handling still running (Redis round trips): closing waits for it before the stores go. */
  const settling = new Set<Promise<void>>();
  const alive = new WeakSet<WebSocket>();
  let nextId = 1;
  const wss = new WebSocketServer({ noServer: true, maxPayload: WS_MAX_PAYLOAD });
  wss.on('error', (error) => log.error('ws.server-error', { error: String(error) }));
  // Which instance behind the balancer took the socket: for operators' traces and the cluster tests.
  wss.on('headers', (headers) => headers.push(`X-Tandem-Instance: ${instance}`));

  const onConnection = (socket: WebSocket, raw: Duplex, address: string) => {
    const conn = wrapSocket(nextId++, address, socket);
    reapUnfinishedMessages(raw, socket, socketLimits.messageTimeoutMs, () => {
      log.warn('ws.closed-for-abuse', { conn: conn.id, reason: 'message-timeout' });
      socket.terminate();
    });
    const gate = createInboundGate(limits, now);
    // Messages of one socket are handled strictly in order, each after the previous one's store calls.
    let queue = Promise.resolve();
    sockets.add(socket);
    alive.add(socket);
    log.info('ws.open', { conn: conn.id });
    socket.on('pong', () => alive.add(socket));
    socket.on('error', (error) => log.warn('ws.socket-error', { conn: conn.id, error: error.message }));
    let closingForAbuse = false;
    let rateLimitLogged = false;
    socket.on('message', (data, isBinary) => {
      // Frames still in flight after we decided to close are ignored, not answered or logged again.
      if (closingForAbuse) return;
      const result = gate(data, isBinary);
      if (result.kind === 'close') {
        closingForAbuse = true;
        log.warn('ws.closed-for-abuse', { conn: conn.id, reason: result.reason });
        socket.close(CLOSE_POLICY_VIOLATION, result.reason);
        return;
      }
      if (result.kind === 'reject') {
        // A flood is logged once per socket, not once per dropped frame.
        if (result.code !== 'rate-limited' || !rateLimitLogged) log.warn('ws.rejected', { conn: conn.id, code: result.code, detail: result.detail });
        rateLimitLogged ||= result.code === 'rate-limited';
        // Refused before any handler saw it: it answers none of the client's questions.
        conn.send(unsolicitedError(result.code, rejectText(result.code, result.detail)));
        return;
      }
      const message = result.message;
      queue = queue.then(() =>
        handleReplyingTo(conn, message, () =>
          services.handle(conn, message).catch((error: unknown) => {
            log.error('ws.handler-failed', { conn: conn.id, type: message.type, error: String(error) });
            conn.sendError('internal', 'The server could not handle this message.');
          }),
        ),
      );
    });
    socket.on('close', (code) => {
      sockets.delete(socket);
      log.info('ws.close', { conn: conn.id, code });
      queue = queue
        .then(() => services.disconnect(conn))
        .catch((error: unknown) => log.error('ws.disconnect-failed', { conn: conn.id, error: String(error) }));
      const settled = queue.finally(() => settling.delete(settled));
      settling.add(settled);
    });
    services.connect(conn);
    conn.send({ type: 'hello', protocol: PROTOCOL_VERSION, rtc: helloRtc });
  };

  const builtInChecks: ReadinessCheck[] = [
    ...(cluster ? [{ name: 'redis', check: () => redisReady(cluster.redis, cluster.subscriber) }] : []),
    { name: 'database', check: () => services.ping() },
  ];
  const checks = [...builtInChecks.filter((builtIn) => !options.readiness?.some((given) => given.name === builtIn.name)), ...(options.readiness ?? [])];
  const http = createServer(
    createHttpHandler({
      staticDir: options.staticDir ?? DEFAULT_STATIC_DIR,
      ready: () => checkReadiness(checks, cluster ? [] : ['redis']),
      metrics: { contentType: metrics.contentType, render: () => metrics.render(), ...(options.metricsToken ? { token: options.metricsToken } : {}) },
      health: () => ({ status: draining ? 'draining' : 'ok', version, uptimeS: Math.floor((Date.now() - startedAt) / 1000), instance, connections: sockets.size, sessions: hub.sessionCount() }),
      log,
      api: services.api,
    }),
  );
  http.on('clientError', (_error, socket: Duplex) => socket.destroy());
  http.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    const path = (request.url ?? '').split('?', 1)[0];
    if (path !== WS_PATH) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    if (draining) {
      // The balancer retries another instance; a client that came straight here reconnects later.
      socket.end('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nRetry-After: 1\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    if (!originAllowed(request, allowedOrigins)) {
      log.warn('ws.origin-refused', { origin: String(request.headers.origin).slice(0, 200) });
      refuseUpgrade(socket, 403);
      return;
    }
    const address = sourceAddress(request, proxies);
    const admission = socketCounter.admit(address);
    if (!admission.ok) {
      log.warn('ws.refused', { reason: admission.reason });
      refuseUpgrade(socket, admission.status);
      return;
    }
    // The place is given back however the socket ends, handshake failures included.
    socket.once('close', admission.release);
    wss.handleUpgrade(request, socket, head, (ws) => onConnection(ws, socket, address));
  });

  const heartbeat = setInterval(() => {
    for (const socket of sockets) {
      if (!alive.has(socket)) {
        log.info('ws.heartbeat-timeout');
        socket.terminate();
        continue;
      }
      alive.delete(socket);
      socket.ping();
    }
  }, options.heartbeatIntervalMs ?? 15_000);
  const sweeper = setInterval(() => {
    services.sweep().catch((error: unknown) => log.error('sweep.failed', { error: String(error) }));
  }, options.sweepIntervalMs ?? 5_000);
  // Neither timer should keep a process (or a test run) alive on its own.
  heartbeat.unref();
  sweeper.unref();

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port ?? DEFAULT_PORT, host, () => {
      http.off('error', reject);
      resolve();
    });
  }).catch(async (error: unknown) => {
    clearInterval(heartbeat);
    clearInterval(sweeper);
    await services.close();
    throw error;
  });
  http.on('error', (error) => log.error('http.server-error', { error: String(error) }));
  const port = (http.address() as AddressInfo).port;
  const authority = `${host.includes(':') ? `[${host}]` : host}:${port}`;
  log.info('server.listening', { host, port });

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      clearInterval(heartbeat);
      clearInterval(sweeper);
      // Sockets that do not complete the closing handshake promptly are cut.
      const force = setTimeout(() => {
        for (const socket of sockets) socket.terminate();
        http.closeAllConnections();
      }, 1000);
      force.unref();
      for (const socket of sockets) socket.close(1001, 'server shutting down');
      // wss.close calls back once every tracked client has closed.
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      const stopped = new Promise<void>((resolve) => http.close(() => resolve()));
      http.closeIdleConnections();
      await stopped;
      clearTimeout(force);
      // Disconnect handlers run on each socket's message queue; let them finish before the database goes.
      await new Promise((resolve) => setImmediate(resolve));
      await Promise.all([...settling]);
      await relay?.close().catch(() => undefined);
      await bus?.close().catch(() => undefined);
      await services.close();
      log.info('server.closed');
    })();
    return closing;
  };

  let drained: Promise<void> | undefined;
  const drain = (delayMs: number) => {
    drained ??= (async () => {
      draining = true;
      log.info('server.draining', { delayMs, sockets: sockets.size });
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      // Not 1001 (going away): 1012 tells the app to reconnect at once, and its session resumes elsewhere.
      for (const socket of sockets) socket.close(CLOSE_SERVICE_RESTART, 'draining');
      await close();
    })();
    return drained;
  };

  return { port, httpUrl: `http://${authority}`, wsUrl: `ws://${authority}${WS_PATH}`, instance, drain, close };
}

/**
 * Ready means both connections are up now (the subscriber carries the relay to this instance's
 * members): a command queued for a Redis that is away would only hang until the timeout.
 */
async function redisReady(redis: Redis, subscriber: Redis): Promise<void> {
  if (redis.status !== 'ready' || subscriber.status !== 'ready') throw new Error(`redis ${redis.status}/${subscriber.status}`);
  await redis.ping();
}

function rejectText(code: 'invalid-message' | 'message-too-large' | 'rate-limited', detail: string): string {
  if (code === 'message-too-large') return `Message too large (${detail}).`;
  if (code === 'rate-limited') return 'Too many messages; this one was dropped.';
  return `Invalid message: ${detail}`.slice(0, 500);
}

function packageVersion(): string {
  try {
    const parsed: unknown = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    if (typeof parsed === 'object' && parsed !== null && 'version' in parsed && typeof parsed.version === 'string') return parsed.version;
  } catch {
    // Fall through: a missing version must not stop the server.
  }
  return 'unknown';
}
