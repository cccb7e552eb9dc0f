import type { Logger } from '../shared/log';
import { echoRef } from '../shared/names';
import type { ClientMessage } from '../shared/signaling';
import { createAccountHandler, type AccountMessage } from './accounts/account-handler';
import { DbAccountStore } from './accounts/account-store';
import { createAuthService } from './accounts/auth-service';
import { createPasswordGate, type PasswordGateOptions } from './accounts/password-gate';
import { createApiHandler } from './api/http-api';
import { createAnonymousAuditPurge, DEFAULT_ANONYMOUS_AUDIT_RETENTION_MS } from './audit/anonymous-retention';
import { DbAuditLog } from './audit/audit-log';
import { createAuditSpool } from './audit/audit-spool';
import { createRecordingAudit } from './audit/recording-audit';
import { createAuditPages } from './audit/audit-pages';
import { organisationChoices } from './accounts/organisation-list';
import type { Connection } from './connection';
import { openRecords } from './db/database';
import type { HubMetrics } from './metrics';
import type { PairingStore } from './pairing-store';
import type { MailConfig } from './mail/mail-config';
import { createMailService } from './mail/mail-service';
import { createQueueConsole, type ConsoleMessage } from './queue/queue-console';
import { createQueueExpiry } from './queue/queue-expiry';
import { createQueueLive } from './queue/queue-live';
import { DEFAULT_QUEUE_POLICY, networkGroupOf, type QueuePolicy } from './queue/queue-policy';
import { createReportAlerts } from './queue/report-alerts';
import { createUserQueue, type UserQueueMessage } from './queue/queue-user';
import { DbRequestStore } from './queue/request-store';
import { createWaitAlertDelivery, createWaitAlerts } from './queue/wait-alerts';
import { DbWaitTargetStore } from './queue/wait-target-store';
import { createLocalBus, type BusEvent, type ClusterBus } from './cluster/bus';
import { createLocalPresence, type LocalMembers } from './cluster/presence';
import type { PendingCodeStore } from './queue/pending-codes';
import type { LivePresence } from './queue/queue-live';
import { createSessionHub, type ContactReport, type RemoteRelay, type ResumeTimings } from './session-hub';
import type { ResumeSealer } from './sessions/resume-token';
import type { SessionTurn } from './turn-credentials';
import type { SessionDirectory } from './sessions/session-directory';
import type { CreateBudget } from './create-budget';
import type { GuessBudget } from './guess-budget';
import { createAnonymousReportBudget } from './session-reports';
import type { WindowCounter } from './window-counter';
import { MemoryThrottleStore, type ThrottleStore } from './throttle';

/**
 * Everything behind the sockets, wired together: the database and its stores, accounts,
 * sessions, the queue, and the router that hands each validated message to its handler.
 */
export interface ServicesOptions {
  /** A SQLite file (or ':memory:'), or a postgres:// URL. */
  dbPath: string;
  /** Where audit records wait while the database is unreachable (a JSON-lines file); absent: no spool. */
  auditSpoolFile?: string;
  now: () => number;
  log: Logger;
  pairing: PairingStore;
  throttle: ThrottleStore;
  networkThrottle?: ThrottleStore;
  guessBudget?: GuessBudget;
  createBudget?: CreateBudget;
  /** Shared budgets' counts (Redis in a cluster). */
  counter?: WindowCounter;
  /** A throttle by name for the sign-in checks (Redis in a cluster); default in memory. */
  throttleStore?: (name: string) => ThrottleStore;
  codeTtlMs: number;
  expiredRetentionMs: number;
  /** How long audit entries of no organisation (anonymous sessions) are kept; default 30 days. */
  anonymousAuditRetentionMs?: number;
  requireVerifiedConsultants: boolean;
  authTokenTtlMs: number;
  sessions: SessionDirectory;
  sealer: ResumeSealer;
  resume: ResumeTimings;
  instance: string;
  pendingCodes: PendingCodeStore;
  /** Who is online across instances (default: this instance's sockets only). */
  presence?: (local: LocalMembers) => LivePresence;
  /** Reaches members on other instances (a cluster); absent for a single server. */
  remote?: RemoteRelay;
  metrics?: HubMetrics;
  /** TURN servers for paired sessions only. */
  turn?: SessionTurn;
  /** Bounds on concurrent password checks (default password-gate.ts's). */
  passwordGate?: PasswordGateOptions;
  /** Limits and expiry of the help queue (default queue-policy.ts's). */
  queuePolicy?: Partial<QueuePolicy>;
  /** Keys the consultants' opaque network labels; the same on every instance of a cluster. */
  networkGroupKey: Uint8Array;
  /** The support mailbox: its e-mails become help requests (absent: no mailbox). */
  mail?: MailConfig;
}

const localPresence = (local: LocalMembers): LivePresence => ({ ...createLocalPresence(local), changed: () => Promise.resolve(), close: () => undefined });

const isAccount = (m: ClientMessage): m is AccountMessage => m.type.startsWith('auth.') || m.type.startsWith('totp.');
const isUserQueue = (m: ClientMessage): m is UserQueueMessage => m.type.startsWith('request.');
const isConsole = (m: ClientMessage): m is ConsoleMessage => m.type.startsWith('queue.');

/** Opens (and migrates) the database first: async, and it throws when the database is unreachable. */
export async function createServices(o: ServicesOptions) {
  const records = await openRecords(o.dbPath, undefined, o.log);
  o.log.info('records.open', { where: records.where });
  const accounts = new DbAccountStore(records);
  const auditStore = new DbAuditLog(records);
  const purgeAnonymousAudit = createAnonymousAuditPurge(auditStore, o.anonymousAuditRetentionMs ?? DEFAULT_ANONYMOUS_AUDIT_RETENTION_MS, o.log);
  const audit = await createAuditSpool({ store: auditStore, log: o.log, ...(o.auditSpoolFile ? { file: o.auditSpoolFile } : {}) }).catch(async (error: unknown) => {
    await records.close();
    throw error;
  });
  const requests = new DbRequestStore(records);
  const targets = new DbWaitTargetStore(records);
  const throttleStore = o.throttleStore ?? (() => new MemoryThrottleStore());
  const loginThrottle = { throttleByAccount: throttleStore('login-account'), throttleByAddress: throttleStore('login-address') };
  const auth = createAuthService({ accounts, audit, now: o.now, tokenTtlMs: o.authTokenTtlMs, ...loginThrottle, passwordGate: createPasswordGate(o.passwordGate) });
  // The account handler needs the queue (sign-out leaves it) and the queue needs sign-ins: bound late.
  // A single server tells itself; a cluster replaces this with the Redis bus before it listens (useBus).
  let bus: ClusterBus = createLocalBus((event) => onBusEvent(event));
  const queuePolicy: QueuePolicy = { ...DEFAULT_QUEUE_POLICY, ...o.queuePolicy };
  const networkGroup = (request: { orgId: number; sourceNetwork: string }) => networkGroupOf(o.networkGroupKey, request.orgId, request.sourceNetwork);
  const live = createQueueLive({ requests, accounts, now: o.now, log: o.log, identify: (conn) => account.identify(conn), bus: () => bus, pendingCodes: o.pendingCodes, presence: o.presence ?? localPresence, networkGroup, targets: (orgId) => targets.get(orgId) });
  const expiry = createQueueExpiry({ requests, live, audit, now: o.now, log: o.log, policy: queuePolicy });
  const waitAlerts = createWaitAlerts({ requests, targets, live, bus: () => bus, now: o.now, sweepMs: queuePolicy.expirySweepMs });
  const deliverWaitAlert = createWaitAlertDelivery({ live });
  const leaveQueue = async (conn: Connection) => {
    const subscribed = await live.unsubscribe(conn);
    if (subscribed) await live.broadcast(subscribed.orgId);
  };
  const account = createAccountHandler(auth, leaveQueue);
  const alertAdminsHere = createReportAlerts({ live });
  const alertAdmins = (report: ContactReport) => bus.publish({ t: 'alert', report });
  /** What every instance does for its own sockets when any instance announces a change. */
  const onBusEvent = async (event: BusEvent): Promise<void> => {
    if (event.t === 'queue.changed') return live.broadcastHere(event.orgId);
    if (event.t === 'watcher') return live.watcherOf(event.requestId)?.send(event.message);
    if (event.t === 'wait-alert') return deliverWaitAlert(event.orgId, event.message);
    return alertAdminsHere(event.report);
  };
  const hub = createSessionHub({
    pairing: o.pairing,
    throttle: o.throttle,
    ...(o.networkThrottle ? { networkThrottle: o.networkThrottle } : {}),
    ...(o.guessBudget ? { guessBudget: o.guessBudget } : {}),
    ...(o.createBudget ? { createBudget: o.createBudget } : {}),
    ...(o.counter ? { anonymousReportBudget: createAnonymousReportBudget(o.counter, o.now) } : {}),
    now: o.now,
    codeTtlMs: o.codeTtlMs,
    expiredRetentionMs: o.expiredRetentionMs,
    log: o.log,
    audit,
    requireVerifiedConsultants: o.requireVerifiedConsultants,
    directory: o.sessions,
    sealer: o.sealer,
    resume: o.resume,
    instance: o.instance,
    ...(o.remote ? { remote: o.remote } : {}),
    ...(o.metrics ? { metrics: o.metrics } : {}),
    ...(o.turn ? { turn: o.turn } : {}),
    onContactReported: async (report) => {
      // The request that led to a reported session ends with it: nobody else should pick it up as if nothing happened.
      if (report.requestId !== null) await userQueue.cancelReported(report.requestId, report.orgId, report.address);
      await alertAdmins(report);
    },
    identify: async (conn) => {
      const me = await account.identify(conn);
      return me && { id: me.consultant.id, orgId: me.consultant.orgId, name: me.consultant.name, organisation: me.view.organisation.name, organisationId: me.view.organisation.slug };
    },
  });
  const queueDeps = { requests, accounts, audit, hub, live, now: o.now };
  const userQueue = createUserQueue({ ...queueDeps, policy: queuePolicy });
  const mail = o.mail
    ? createMailService({
        config: o.mail,
        records,
        requests,
        accounts,
        audit,
        log: o.log,
        now: o.now,
        consultantsOnline: async (orgId) => (await live.onlineConsultants(orgId)).size,
        changed: (orgId) => live.broadcast(orgId),
        maxWaiting: queuePolicy.maxWaiting,
      })
    : undefined;
  const queueConsole = createQueueConsole({ ...queueDeps, targets, identify: account.identify, ...(mail ? { mail } : {}) });
  mail?.start();
  const auditPages = createAuditPages({ audit, identify: account.identify });
  const recordingAudit = createRecordingAudit({ audit, identify: account.identify, now: o.now });

  return {
    records,
    /** Resolves when the database answers (readiness). */
    ping: () => records.ping(),
    hub,
    onBusEvent,
    useBus: (clusterBus: ClusterBus) => {
      bus = clusterBus;
    },
    api: createApiHandler({ accounts, audit, auth }),
    async handle(conn: Connection, message: ClientMessage): Promise<void> {
      if (isAccount(message)) return account.handle(conn, message);
      if (isUserQueue(message)) return userQueue.handle(conn, message);
      if (isConsole(message)) return queueConsole.handle(conn, message);
      if (message.type === 'organisations.list') return conn.send({ type: 'organisations', ...(await organisationChoices(accounts)), ...echoRef(message) });
      if (message.type === 'audit.query') return auditPages(conn, message);
      if (message.type === 'recording.audit') return recordingAudit(conn, message);
      return hub.handle(conn, message);
    },
    connect: (conn: Connection) => hub.connect(conn),
    async disconnect(conn: Connection): Promise<void> {
      await hub.disconnect(conn);
      const watched = await live.unwatch(conn);
      if (watched) {
        // Unless the app already came back on another socket of this instance, its grace starts now.
        if (!live.watcherOf(watched.requestId)) await expiry.left(watched.requestId);
        await live.broadcast(watched.orgId);
      }
      await leaveQueue(conn);
    },
    async sweep(): Promise<void> {
      await hub.sweep();
      await auth.purge();
      await expiry.sweep();
      await waitAlerts.sweep();
      const now = o.now();
      await Promise.all([loginThrottle.throttleByAccount.purge(now), loginThrottle.throttleByAddress.purge(now), purgeAnonymousAudit(now)]);
    },
    /** The support mailbox's connection, when one is configured (readiness, tests). */
    mail,
    async close(): Promise<void> {
      await mail?.stop();
      live.close();
      await audit.close();
      await records.close();
    },
  };
}
