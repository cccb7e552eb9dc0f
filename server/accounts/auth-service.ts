import type { ConsultantView } from '../../shared/accounts';
import type { AuditLog } from '../audit/audit-log';
import { createKeyedSerializer } from '../keyed-serializer';
import type { ThrottleStore } from '../throttle';
import type { AccountStore, ConsultantRecord } from './account-store';
import { dummyHash, verifyPassword } from './password';
import { createPasswordGate, type PasswordGate } from './password-gate';
import { hashToken, newToken } from './tokens';
import { matchTotp, newTotpSecret, otpauthUri } from './totp';

/** Login, token checks, logout and TOTP enrolment, over the stores only (no sockets, no HTTP). */
export const DEFAULT_AUTH_TOKEN_TTL_MS = 12 * 60 * 60 * 1000;

export interface AuthDeps {
  accounts: AccountStore;
  audit: AuditLog;
  /** Failed logins are throttled per account and per source address, with growing delays (throttle.ts). */
  throttleByAccount: ThrottleStore;
  throttleByAddress: ThrottleStore;
  now: () => number;
  tokenTtlMs: number;
  /** The global bound on attempts that check a password (scrypt); default password-gate.ts's. */
  passwordGate?: PasswordGate;
}

/** The server has too many password checks running and waiting: try again shortly (not a failure). */
export type Busy = { ok: false; error: 'busy'; retryAfterMs: number };
/** How soon a refused client may try again: about one scrypt's time, enough for a place to free. */
export const BUSY_RETRY_MS = 1000;
export const FAILURES_SHOWN_MAX = 1000;

export interface Authenticated {
  consultant: ConsultantRecord;
  view: ConsultantView;
  tokenHash: string;
  expiresAt: number;
}

export type LoginResult =
  /** `failedElsewhere`: failed sign-ins to this account from other addresses since its last sign-in. */
  | { ok: true; token: string; auth: Authenticated; failedElsewhere: number }
  | { ok: false; error: 'too-many-attempts'; retryAfterMs: number }
  | Busy
  | { ok: false; error: 'invalid-credentials' | 'totp-required' | 'invalid-totp' };

export type EnrolResult =
  | { ok: true; secret: string; uri: string }
  | { ok: false; error: 'too-many-attempts'; retryAfterMs: number }
  | Busy
  | { ok: false; error: 'invalid-credentials' | 'already-enabled' };

export type ConfirmResult = { ok: true } | { ok: false; error: 'too-many-attempts'; retryAfterMs: number } | { ok: false; error: 'invalid-totp' };

export interface LoginRequest {
  email: string;
  password: string;
  totp?: string | undefined;
}

export function createAuthService(deps: AuthDeps) {
  const { accounts, audit, now } = deps;
  // Attempts are serialised per address and per account so that a parallel burst cannot pass the
  // throttle check before the first failure is counted (always address first: no lock-order cycle).
  const byAddress = createKeyedSerializer();
  const byAccount = createKeyedSerializer();
  const gate = deps.passwordGate ?? createPasswordGate();
  /**
   * The whole attempt (serialiser waits included) holds a place at the gate: attempts queued
   * behind one account in the serialisers count too, so nothing waits unbounded anywhere.
   */
  const gated = async <T>(address: string, attemptIt: () => Promise<T>, priority = false): Promise<T | Busy> => {
    const outcome = await gate.run(address, attemptIt, priority);
    return outcome.ok ? outcome.value : { ok: false, error: 'busy', retryAfterMs: BUSY_RETRY_MS };
  };

  const view = async (c: ConsultantRecord): Promise<ConsultantView> => {
    const org = await accounts.organisationById(c.orgId);
    if (!org) throw new Error(`consultant ${c.id} has no organisation`);
    return { id: c.id, name: c.name, email: c.email, role: c.role, organisation: { slug: org.slug, name: org.name }, totpEnabled: c.totpSecret !== null };
  };

  /**
   * Failed sign-ins are counted three ways: per source address, per (account, address) and per
   * account. The first two refuse outright. The account-wide count alone never refuses: anyone
   * can drive it up from many addresses, and refusing on it would let them lock an admin out
   * (issue 15, weakness 4). It only puts the account on guard (see `attempt`).
   */
  const accountKey = (email: string, epoch: number) => `account:${email}#${epoch}`;
  const pairKey = (email: string, epoch: number, address: string) => `${accountKey(email, epoch)}|from:${address}`;
  /**
   * The time of the operator's last `unlock` of this account (admin CLI), 0 if none. The account's
   * throttle keys carry it, so an unlock starts them from zero on every instance, with no
   * message to the running servers; the old keys expire on their own. Looked up for unknown
   * e-mails too (organisation 0 has no rows), so the time taken does not reveal accounts.
   */
  const unlockEpoch = async (consultant: ConsultantRecord | undefined): Promise<number> => {
    const [latest] = await audit.query(consultant?.orgId ?? 0, { consultant: consultant?.id ?? 0, type: 'account.unlocked' }, 1);
    return latest?.at ?? 0;
  };
  const throttled = async (email: string, address: string, at: number): Promise<{ retryAfterMs: number; guarded: boolean; epoch: number }> => {
    const epoch = await unlockEpoch(await accounts.consultantByEmail(email));
    const [perAddress, perPair, perAccount] = await Promise.all([
      deps.throttleByAddress.check(address, at),
      deps.throttleByAccount.check(pairKey(email, epoch, address), at),
      deps.throttleByAccount.check(accountKey(email, epoch), at),
    ]);
    const retryAfterMs = perAddress.allowed && perPair.allowed ? 0 : Math.max(perAddress.retryAfterMs, perPair.retryAfterMs, 1);
    return { retryAfterMs, guarded: !perAccount.allowed, epoch };
  };
  /** Counts a failure against the address, the (account, address) pair and the account, and records it. */
  const recordFailure = async (email: string, epoch: number, address: string, at: number, consultant: ConsultantRecord | undefined, reason: string) => {
    await deps.throttleByAddress.recordFailure(address, at);
    await deps.throttleByAccount.recordFailure(pairKey(email, epoch, address), at);
    await deps.throttleByAccount.recordFailure(accountKey(email, epoch), at);
    // The typed e-mail is not stored for unknown accounts: people paste passwords into it.
    await audit.append({ type: 'login.failed', actor: 'consultant', orgId: consultant?.orgId ?? null, consultantId: consultant?.id ?? null, address, detail: { reason } }, at);
  };

  /**
   * Told to the consultant at sign-in, so that someone trying their password elsewhere does not
   * go unnoticed (their organisation's admins see the same login.failed rows in the audit trail).
   * Counted up to FAILURES_SHOWN_MAX rows: past that, the number only needs to say "many".
   */
  const failuresElsewhereSinceLastVisit = async (consultant: ConsultantRecord, address: string): Promise<number> => {
    const [last] = await audit.query(consultant.orgId, { consultant: consultant.id, type: 'login.succeeded' }, 1);
    const failed = await audit.query(consultant.orgId, { consultant: consultant.id, type: 'login.failed', ...(last ? { from: last.at } : {}) }, FAILURES_SHOWN_MAX);
    // After the last success by id too: several rows may share its millisecond.
    return failed.filter((entry) => entry.address !== address && (!last || entry.id > last.id)).length;
  };

  /**
   * Whether a sign-in carries a currently valid second-factor code of its account: only the
   * owner has one, so such attempts go first at the password gate (a cheap HMAC, no scrypt). It
   * is not the check itself: `attempt` still verifies the password, then the code, and uses its step.
   */
  const carriesLiveSecondFactor = async (request: LoginRequest): Promise<boolean> => {
    if (request.totp === undefined) return false;
    const consultant = await accounts.consultantByEmail(request.email);
    return consultant?.totpSecret != null && !consultant.disabled && matchTotp(consultant.totpSecret, request.totp, now()) !== null;
  };

  const attempt = async (request: LoginRequest, address: string): Promise<LoginResult> => {
    const at = now();
    const { retryAfterMs, guarded, epoch } = await throttled(request.email, address, at);
    if (retryAfterMs > 0) return { ok: false, error: 'too-many-attempts', retryAfterMs };
    // On guard (many failures elsewhere), a clean address is let through only with password and
    // second factor together, checked as one: the reply cannot tell which was wrong, and without a
    // code nothing is checked at all. Every e-mail is answered alike, so this reveals no account.
    // (An account without a second factor therefore waits for the account-wide delay to pass.)
    if (guarded && request.totp === undefined) return { ok: false, error: 'totp-required' };
    const consultant = await accounts.consultantByEmail(request.email);
    const usable = consultant && !consultant.disabled ? consultant : undefined;
    // Unknown and disabled accounts still cost one scrypt, so timing does not reveal them.
    const passwordOk = await verifyPassword(request.password, usable?.passwordHash ?? (await dummyHash()));
    const fail = async (error: 'invalid-credentials' | 'invalid-totp', reason: string): Promise<LoginResult> => {
      await recordFailure(request.email, epoch, address, at, usable, reason);
      return { ok: false, error: guarded ? 'invalid-credentials' : error };
    };
    if (!usable || !passwordOk) return fail('invalid-credentials', usable ? 'password' : 'unknown-account');
    if (guarded && usable.totpSecret === null) return { ok: false, error: 'invalid-credentials' };
    if (usable.totpSecret !== null) {
      // Not a failure: the password was right, the second factor is simply still to come.
      if (request.totp === undefined) return { ok: false, error: 'totp-required' };
      const step = matchTotp(usable.totpSecret, request.totp, at);
      if (step === null) return fail('invalid-totp', 'totp');
      if (!(await accounts.useTotpStep(usable.id, step))) return fail('invalid-totp', 'totp-replay');
    }
    const failedElsewhere = await failuresElsewhereSinceLastVisit(usable, address);
    const token = newToken();
    const tokenHash = hashToken(token);
    const expiresAt = at + deps.tokenTtlMs;
    await accounts.createAuthSession(tokenHash, usable.id, at, expiresAt);
    await audit.append({ type: 'login.succeeded', actor: 'consultant', orgId: usable.orgId, consultantId: usable.id, address, detail: { totp: usable.totpSecret !== null } }, at);
    return { ok: true, token, auth: { consultant: usable, view: await view(usable), tokenHash, expiresAt }, failedElsewhere };
  };

  /** The account behind a token hash, re-checked on every use so that logout and expiry apply at once. */
  const authenticateHash = async (tokenHash: string): Promise<Authenticated | undefined> => {
    const session = await accounts.authSession(tokenHash, now());
    const consultant = session && (await accounts.consultantById(session.consultantId));
    if (!session || !consultant || consultant.disabled) return undefined;
    return { consultant, view: await view(consultant), tokenHash, expiresAt: session.expiresAt };
  };

  return {
    login: async (request: LoginRequest, address: string): Promise<LoginResult> => {
      const owner = await carriesLiveSecondFactor(request);
      const run = () => attempt(request, address);
      // The owner does not queue behind a flood on their own account either: the account-wide
      // count only puts it on guard, and their code already answers that; the per-address order holds.
      return gated(address, () => byAddress(address, () => (owner ? run() : byAccount(request.email, run))), owner);
    },
    authenticate: (token: string) => authenticateHash(hashToken(token)),
    authenticateHash,
    async logout(auth: Authenticated, address: string): Promise<void> {
      await accounts.deleteAuthSession(auth.tokenHash);
      await audit.append({ type: 'logout', actor: 'consultant', orgId: auth.consultant.orgId, consultantId: auth.consultant.id, address }, now());
    },
    /**
     * A new pending key, once the password is typed again (throttled like a sign-in): holding
     * a sign-in token is not enough to put one's own authenticator on someone's account.
     */
    enrolTotp: (auth: Authenticated, password: string, address: string): Promise<EnrolResult> =>
      gated(address, () =>
      byAddress(address, () =>
        byAccount(auth.consultant.email, async (): Promise<EnrolResult> => {
          const at = now();
          const { retryAfterMs, epoch } = await throttled(auth.consultant.email, address, at);
          if (retryAfterMs > 0) return { ok: false, error: 'too-many-attempts', retryAfterMs };
          if (!(await verifyPassword(password, auth.consultant.passwordHash))) {
            await recordFailure(auth.consultant.email, epoch, address, at, auth.consultant, 'password-confirm');
            return { ok: false, error: 'invalid-credentials' };
          }
          const secret = newTotpSecret();
          if (!(await accounts.setTotpPending(auth.consultant.id, secret))) return { ok: false, error: 'already-enabled' };
          const org = await accounts.organisationById(auth.consultant.orgId);
          return { ok: true, secret, uri: otpauthUri(secret, auth.consultant.email, `Tandem ${org?.name ?? ''}`.trim()) };
        }),
      )),
    /**
     * Activates the pending secret once the consultant proves their app produces its codes,
     * and signs the account out everywhere else: a sign-in made before with the password
     * alone (perhaps a stolen one) does not outlive the new second factor.
     */
    confirmTotp: (auth: Authenticated, code: string, address: string) =>
      byAddress(address, () =>
        byAccount(auth.consultant.email, async (): Promise<ConfirmResult> => {
          const at = now();
          // Wrong codes are throttled like wrong passwords: guessing at a pending key is no faster than at a sign-in.
          const { retryAfterMs, epoch } = await throttled(auth.consultant.email, address, at);
          if (retryAfterMs > 0) return { ok: false, error: 'too-many-attempts', retryAfterMs };
          const fresh = await accounts.consultantById(auth.consultant.id);
          if (!fresh?.totpPendingSecret) return { ok: false, error: 'invalid-totp' };
          const step = matchTotp(fresh.totpPendingSecret, code, at);
          // The confirming step counts as used: the same code cannot then log in (replay).
          if (step === null || !(await accounts.activateTotp(fresh.id, step))) {
            await recordFailure(auth.consultant.email, epoch, address, at, fresh, 'totp-confirm');
            return { ok: false, error: 'invalid-totp' };
          }
          await accounts.deleteAuthSessionsOf(fresh.id, auth.tokenHash);
          await audit.append({ type: 'totp.enabled', actor: 'consultant', orgId: fresh.orgId, consultantId: fresh.id }, at);
          return { ok: true };
        }),
      ),
    purge: () => accounts.purgeAuthSessions(now()),
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
