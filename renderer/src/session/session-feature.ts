import type { AppAuditEvent } from '../../../shared/audit';
import type { HostApi } from '../../../shared/host-api';
import type { PeerLink } from './peer-link';
import type { VerifiedIdentity } from '../../../shared/names';

/** What a live session offers each feature (control, toolkit, chat, …). */
export interface FeatureContext {
  role: 'user' | 'consultant';
  host: HostApi;
  /** The other side's name as shown to this side (the user knows the consultant's). */
  peerName: string;
  /** User side: the helper as the server's accounts know them, or null for a name typed by anyone. */
  verified: VerifiedIdentity | null;
  /** Sends one message on the data channel; nothing is queued when it is closed. */
  send: (message: object) => void;
  peer: PeerLink;
  /** Records an event of this session in the server's audit trail (the server checks who may report what). */
  audit: (event: AppAuditEvent) => void;
  /** The session's id in the server's audit trail, once the server gave it. */
  sessionId: () => string | null;
  /** The user's captured screen, once sharing started (always null on the consultant's side). */
  localStream: () => MediaStream | null;
  /** User side: around an approved restart of the computer (the `system.restart-computer` repair). */
  restart: RestartHooks;
}

export interface RestartHooks {
  /** Saves the reconnect ticket before the host is asked (it refuses the restart without one); false when it could not. */
  prepare(): Promise<boolean>;
  /** Approved: the server is told to keep the session, and this side says goodbye. */
  approved(): void;
  /** Declined or failed: the ticket is forgotten. */
  cancelled(): void;
}

/** One capability living inside a session; created when the peer link is up, disposed with the session. */
export interface SessionFeature {
  /** Takes one data-channel message; returns false when it is not this feature's. */
  handle(message: unknown): boolean;
  /** A media stream from the other side that is not the shared screen; true when taken. */
  onRemoteStream?(stream: MediaStream): boolean;
  /**
   * The connection was lost ('lost': the media path, or the server and with it the audit
   * trail) or restored ('back'). Control stops on a loss and is asked for again afterwards.
   */
  onLink?(event: 'lost' | 'back'): void;
  dispose(): void | Promise<void>;
}

/** A typed handle to a feature: its name and how to build it for a session. */
export class FeatureKey<T extends SessionFeature> {
  constructor(
    readonly name: string,
    readonly create: (context: FeatureContext) => T,
  ) {}
}
