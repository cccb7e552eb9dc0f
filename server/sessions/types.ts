import type { AwayReason, ServerMessage, SignalData } from '../../shared/signaling';

/** The two members of a session. */
export type Role = 'consultant' | 'user';

export const otherRole = (role: Role): Role => (role === 'consultant' ? 'user' : 'consultant');

/** Who created a session, as the account database knows them. */
export interface VerifiedConsultant {
  id: number;
  orgId: number;
  name: string;
  organisation: string;
  /** The organisation's identifier, which managed policies list (allowedConsultantOrganizations). */
  organisationId: string;
}

/** Where a member's socket is: which server instance, which of its connections. */
export interface MemberRef {
  readonly instance: string;
  readonly conn: number;
}

/** Delivers to members connected to other instances (Redis pub/sub in a cluster). */
export interface RemoteRelay {
  /** False when no instance of that name is listening any more (it died). */
  publish(ref: MemberRef, message: ServerMessage): Promise<boolean>;
}

/** One member's place in a session; it outlives the member's socket while the member is away. */
export interface MemberSlot {
  /** The socket holding the place, or null while the member is away. */
  at: MemberRef | null;
  /** The nonce of the one resume secret that is valid now; null after a re-registration until this member comes back. */
  nonce: string | null;
  /** While away: when the place is given up (the session then ends). */
  awayUntil: number | null;
  awayReason: AwayReason | null;
  /** Announced before the socket goes (a restart the user approved): how long the place is kept then. */
  restartUntil: number | null;
  /** Signals relayed while the member was away, delivered when it comes back (bounded). */
  queued: SignalData[];
}

export interface SessionRecord {
  /** Names the session in the audit trail; also what resume secrets are bound to. */
  readonly id: string;
  readonly lookup: string;
  readonly consultantName: string;
  /** Null when created without logging in. */
  readonly verified: VerifiedConsultant | null;
  readonly requestId: string | null;
  /** When the code stops being redeemable (only matters before the user joined). */
  readonly codeExpiresAt: number;
  consultant: MemberSlot;
  /** Null until the user joined with the code. */
  user: MemberSlot | null;
  /** App events recorded for this session (capped; see session-reports.ts). */
  reports: number;
}

export function presentSlot(at: MemberRef, nonce: string | null): MemberSlot {
  return { at, nonce, awayUntil: null, awayReason: null, restartUntil: null, queued: [] };
}

export function sameRef(a: MemberRef, b: MemberRef): boolean {
  return a.instance === b.instance && a.conn === b.conn;
}

/** A user reported a verified consultant's session as suspicious. */
export interface ContactReport {
  orgId: number;
  at: number;
  /** The reported consultant. */
  consultantId: number;
  consultantName: string;
  sessionId: string;
  requestId: string | null;
  /** The reporting user's address. */
  address: string;
}
