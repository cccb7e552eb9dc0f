import type { ClientMessage } from '../../shared/signaling';
import type { AccountStore } from '../accounts/account-store';
import type { Authenticated } from '../accounts/auth-service';
import type { AuditLog } from '../audit/audit-log';
import type { Connection } from '../connection';
import type { MailService } from '../mail/mail-service';
import type { SessionHub } from '../session-hub';
import type { QueueLive } from './queue-live';
import { baseItemOf } from './queue-views';
import type { ClaimResult, RequestStore } from './request-store';
import type { WaitTargetStore } from './wait-target-store';
import { targetMsOf } from '../../shared/wait-targets';

/** The consultants' side of the queue: logged-in sockets only, their own organisation only. */
export type ConsoleMessage = Extract<ClientMessage, { type: `queue.${string}` }>;

export interface ConsoleDeps {
  requests: RequestStore;
  accounts: AccountStore;
  audit: AuditLog;
  hub: SessionHub;
  live: QueueLive;
  targets: WaitTargetStore;
  identify: (conn: Connection) => Promise<Authenticated | undefined>;
  now: () => number;
  /** The support mailbox, when one is connected (MAIL_* settings). */
  mail?: Pick<MailService, 'reply' | 'invite' | 'detailOf'>;
}

const CLAIM_ERRORS = {
  'not-found': ['not-found', 'No such request.'],
  'already-claimed': ['already-claimed', 'A colleague took this request first.'],
  'not-assignee': ['forbidden', 'This request was handed to a colleague.'],
  'invalid-state': ['invalid-state', 'This request is no longer waiting.'],
} as const satisfies Record<Exclude<ClaimResult, 'claimed'>, readonly [string, string]>;

export function createQueueConsole(deps: ConsoleDeps) {
  const { requests, live, audit, now } = deps;

  /** Takes the request and opens its live session; the code, or null when it was refused (the socket was told why). */
  const claim = async (conn: Connection, me: Authenticated, requestId: string): Promise<{ code: string; expiresAt: number } | null> => {
    if (deps.hub.inSession(conn)) {
      conn.sendError('already-in-session', 'Finish the current session before claiming another request.');
      return null;
    }
    const { consultant } = me;
    let result = await requests.claim(requestId, consultant.orgId, consultant.id, now());
    // Claiming a request you already hold issues a fresh code (the previous one expired or was declined).
    if (result === 'already-claimed' && (await requests.get(requestId))?.claimedBy === consultant.id) result = 'claimed';
    if (result !== 'claimed') {
      const [code, text] = CLAIM_ERRORS[result];
      conn.sendError(code, text);
      return null;
    }
    const verified = { id: consultant.id, orgId: consultant.orgId, name: consultant.name, organisation: me.view.organisation.name, organisationId: me.view.organisation.slug };
    const created = await deps.hub.createForRequest(conn, verified, requestId);
    if (!created) {
      // No code could be made (or the socket went away): the request goes back to the queue.
      await requests.handOff(requestId, consultant.id, null);
      await live.broadcast(consultant.orgId);
      return null;
    }
    const pending = { code: created.code, expiresAt: created.expiresAt, verified: { name: verified.name, organisation: verified.organisation, organisationId: verified.organisationId } };
    await live.pendingCodes.set(requestId, pending, now());
    await audit.append({ type: 'request.claimed', actor: 'consultant', orgId: consultant.orgId, consultantId: consultant.id, requestId, sessionId: created.sessionId }, now());
    conn.send({ type: 'queue.claimed', requestId });
    await live.toWatcher(requestId, { type: 'request.claimed', requestId, ...pending });
    await live.broadcast(consultant.orgId);
    return pending;
  };

  /** An e-mail request: a reply in its thread, or a live-session invitation (a claim whose code goes out by mail). */
  const mailTo = async (conn: Connection, me: Authenticated, m: Extract<ConsoleMessage, { type: 'queue.mail-reply' | 'queue.mail-invite' }>) => {
    const { consultant } = me;
    const request = await requests.get(m.requestId);
    if (!request || request.orgId !== consultant.orgId) return conn.sendError('not-found', 'No such request.');
    if (!deps.mail || request.channel !== 'email') return conn.sendError('invalid-state', 'This request did not come by e-mail.');
    if (request.state !== 'waiting' && request.state !== 'claimed') return conn.sendError('invalid-state', 'This request is no longer open.');
    const organisation = me.view.organisation.name;
    if (m.type === 'queue.mail-reply') await deps.mail.reply(request, m.text, consultant.name, organisation);
    else {
      const pending = await claim(conn, me, request.id);
      if (!pending) return;
      await deps.mail.invite(request, pending, consultant.name, organisation);
    }
    const kind = m.type === 'queue.mail-reply' ? 'reply' : 'invite';
    await audit.append({ type: 'mail.sent', actor: 'consultant', orgId: consultant.orgId, consultantId: consultant.id, requestId: request.id, detail: { kind } }, now());
    conn.send({ type: 'queue.mail-queued', requestId: request.id, kind });
    await live.broadcast(consultant.orgId);
  };

  /**
   * Dismisses waiting requests as abuse, only within the consultant's own organisation (ids of
   * another organisation's requests are skipped like unknown ones). Each is audited with its
   * source address (admins investigate from the trail; the console never shows it) and its
   * person, if still there, sees a neutral ending.
   */
  const dismiss = async (conn: Connection, me: Authenticated, m: Extract<ConsoleMessage, { type: 'queue.dismiss' }>) => {
    const { orgId, id: consultantId } = me.consultant;
    const ids = new Set(m.requestIds);
    if (m.sameNetwork) {
      const networks = new Set<string>();
      for (const id of m.requestIds) {
        const request = await requests.get(id);
        if (request?.orgId === orgId && request.state === 'waiting') networks.add(request.sourceNetwork);
      }
      for (const id of await requests.waitingInNetworks(orgId, [...networks])) ids.add(id);
    }
    let count = 0;
    for (const id of ids) {
      if (!(await requests.dismiss(id, orgId, now()))) continue;
      count += 1;
      const dismissed = await requests.get(id);
      await audit.append({ type: 'request.dismissed', actor: 'consultant', orgId, consultantId, requestId: id, address: dismissed?.sourceAddress ?? null, detail: { reason: m.reason, sameNetwork: m.sameNetwork === true } }, now());
      if (dismissed) await live.sendStatus(dismissed);
    }
    conn.send({ type: 'queue.dismissed', count });
    if (count > 0) await live.broadcast(orgId);
  };

  const handle = async (conn: Connection, m: ConsoleMessage): Promise<void> => {
    const me = await deps.identify(conn);
    if (!me) return conn.sendError('unauthorized', 'Sign in to see the queue.');
    const { consultant } = me;
    const orgId = consultant.orgId;
    switch (m.type) {
      case 'queue.subscribe':
        await live.subscribe(conn, orgId, consultant.id);
        return live.broadcast(orgId);
      case 'queue.unsubscribe':
        await live.unsubscribe(conn);
        return live.broadcast(orgId);
      case 'queue.colleagues': {
        const online = await live.onlineConsultants(orgId);
        const all = (await deps.accounts.listConsultants(orgId)).filter((c) => !c.disabled);
        return conn.send({ type: 'queue.colleagues', consultants: all.slice(0, 500).map((c) => ({ id: c.id, name: c.name, role: c.role, online: online.has(c.id) })) });
      }
      case 'queue.detail': {
        const request = await requests.get(m.requestId);
        if (!request || request.orgId !== orgId) return conn.sendError('not-found', 'No such request.');
        const names = new Map((await deps.accounts.listConsultants(orgId)).map((c) => [c.id, c.name]));
        const targetMs = targetMsOf(await deps.targets.get(orgId), request.category);
        const item = baseItemOf(request, names, await live.isWatched(orgId, request.id), now(), live.networkGroup(request), targetMs);
        const mail = await deps.mail?.detailOf(request);
        const detail = { ...item, description: request.description, details: await requests.details(request.id), diagnostics: await requests.diagnostics(request.id), intake: request.intake, ...(mail ? { mail } : {}) };
        return conn.send({ type: 'queue.request', request: detail });
      }
      case 'queue.targets':
        return conn.send({ type: 'queue.targets', targets: await deps.targets.get(orgId) });
      case 'queue.set-targets': {
        if (consultant.role !== 'admin') return conn.sendError('forbidden', 'Only an admin can change the target waits.');
        await deps.targets.set(orgId, m.targets);
        await audit.append({ type: 'queue.targets-changed', actor: 'consultant', orgId, consultantId: consultant.id, detail: Object.fromEntries(m.targets.map((t) => [t.category, t.minutes])) }, now());
        conn.send({ type: 'queue.targets', targets: await deps.targets.get(orgId) });
        return live.broadcast(orgId);
      }
      case 'queue.claim':
        await claim(conn, me, m.requestId);
        return;
      case 'queue.mail-reply':
      case 'queue.mail-invite':
        return mailTo(conn, me, m);
      case 'queue.dismiss':
        return dismiss(conn, me, m);
      case 'queue.handoff': {
        const colleague = await deps.accounts.consultantById(m.consultantId);
        if (!colleague || colleague.orgId !== orgId || colleague.disabled || colleague.id === consultant.id) return conn.sendError('not-found', 'No such colleague.');
        if (!(await requests.handOff(m.requestId, consultant.id, colleague.id))) return conn.sendError('invalid-state', 'You can only hand over a request you hold.');
        await live.pendingCodes.delete(m.requestId);
        await deps.hub.endRequestSession(m.requestId, 'peer-left');
        await audit.append({ type: 'request.handed-off', actor: 'consultant', orgId, consultantId: consultant.id, requestId: m.requestId, detail: { to: colleague.id } }, now());
        return live.broadcast(orgId);
      }
      case 'queue.close': {
        // Admins may close a colleague's request (someone left for the day); consultants only their own.
        const by = consultant.role === 'admin' ? null : consultant.id;
        if (!(await requests.close(m.requestId, orgId, by, m.outcome, m.note ?? null, now()))) return conn.sendError('invalid-state', 'Only a claimed request you hold can be closed.');
        await live.pendingCodes.delete(m.requestId);
        await audit.append({ type: 'request.closed', actor: 'consultant', orgId, consultantId: consultant.id, requestId: m.requestId, detail: { outcome: m.outcome } }, now());
        const closed = await requests.get(m.requestId);
        if (closed) await live.sendStatus(closed);
        return live.broadcast(orgId);
      }
    }
  };

  return { handle };
}
