import { DESKTOP_PICKER_SOURCE_ID, type HostApi } from '../../../shared/host-api';
import { normalizeSessionCode } from '../../../shared/session-code';
import type { RtcConfig, ServerMessage, SessionIce } from '../../../shared/signaling';
import type { AppAuditEvent } from '../../../shared/audit';
import type { ScreenInfo } from '../../../shared/control';
import type { PeerLink, PeerLinkEvents, PeerLinkOptions } from './peer-link';
import type { VerifiedIdentity } from '../../../shared/names';
import {
  DEFAULT_RECONNECT_LIMIT_SECONDS,
  DEFAULT_RECONNECT_TICKET_MINUTES,
  reconnectTicketSchema,
  type ReconnectTicket,
} from '../../../shared/reconnect';
import { ResumableSignaling } from './resumable-signaling';
import type { FeatureKey, SessionFeature } from './session-feature';
import { connectionOk, endReasonFromServer, problemFromError, type ConnectionStatus, type EndedReason, type Problem, type SessionState } from './session-state';
import type { SignalingConnection, SignalingHandlers } from './signaling-client';
import { deriveSafetyCode } from '../../../shared/safety-code';
import { certificatesKey } from './certificate-stats';
import type { SafetyCodeReading } from './safety-code-store';

export interface SessionDeps {
  host: HostApi;
  connect(url: string, handlers: SignalingHandlers): Promise<SignalingConnection>;
  createPeer(options: PeerLinkOptions, events: PeerLinkEvents): PeerLink;
  captureScreen(): Promise<MediaStream>;
  /**
   * Resolves once the track carries its first frame. On Wayland the desktop's own window is
   * still open when the capture starts; nothing is shared before the person answers it there.
   */
  firstFrame?: (track: MediaStreamTrack) => Promise<void>;
  getState(): SessionState;
  setState: (state: SessionState) => void;
  /** User side: the screens the host lists and the one shared, whenever they change. */
  onScreens?: (screens: ScreenInfo[], current: string | null) => void;
  /** The capabilities started in every live session (control, toolkit, chat, …). */
  features: readonly FeatureKey<SessionFeature>[];
  /** How long a peer connection may take before the session is called failed. */
  connectTimeoutMs?: number;
  /** The live session's connection notices, whenever they change. */
  onConnection?: (status: ConnectionStatus) => void;
  /** User side: the last chat lines, carried across a restart of the computer in the reconnect ticket. */
  recentChat?: () => ReconnectTicket['chat'];
  /** Shows the chat lines a reconnect ticket carried again (after the chat feature started). */
  restoreChat?: (lines: ReconnectTicket['chat']) => void;
  /** The safety code of the live link whenever it is read (after each negotiation); null when the session ends. */
  onSafetyCode?: (reading: SafetyCodeReading | null) => void;
  /** For the reconnection jitter (tests pass a fixed one). */
  random?: () => number;
  now?: () => number;
}

/** A session's resume secret as the server handed it out last. */
export interface ResumeTicket {
  sessionId: string;
  token: string;
  expiresAt: number;
}

/** Everything one session attempt owns; replaced as a whole, so late events of an old attempt are ignored. */
interface Attempt {
  connection: SignalingConnection | null;
  peer: PeerLink | null;
  stream: MediaStream | null;
  /** The user's consent to view is on record (consent.given sent): only then can it be revoked. */
  viewGiven: boolean;
  peerName: string | null;
  timer: ReturnType<typeof setTimeout> | null;
  /** The live session's features, by name; empty until the peer link is up. */
  features: Map<string, SessionFeature>;
  /** The connection belongs to someone else (the signed-in queue console): never closed here. */
  shared: boolean;
  /** User side: the screens the host listed, and the one being shared. */
  screens: ScreenInfo[];
  sourceId: string | null;
  /** Messages that arrived before the features started. */
  early: unknown[];
  /** Set while a suspicious-contact report waits for the server's receipt (the connection stays open until then). */
  reported: ((recorded: boolean) => void) | null;
  /** This side offers (the user's app): it is the one that restarts ICE. */
  initiator: boolean;
  resume: ResumeTicket | null;
  /** How long a lost connection is restored before giving up (policy.reconnect.limitSeconds). */
  limitMs: number;
  connectionStatus: ConnectionStatus;
  /** Set while the media path is lost: the next ICE restart and the give-up. */
  linkLost: { retry: ReturnType<typeof setTimeout> | null; giveUp: ReturnType<typeof setTimeout>; recheck: ReturnType<typeof setTimeout> } | null;
  /** What the features were last told: something between the two sides is lost. */
  linkDown: boolean;
  /** Shared connection only: gives up when the signed-in socket does not come back in time. */
  serverGiveUp: ReturnType<typeof setTimeout> | null;
  /** Consultant: the user's computer is restarting; its peer link closing is expected, a new one will come. */
  peerRestarting: boolean;
  /** The signaling server's address, kept for a reconnect ticket. */
  url: string | null;
  verified: VerifiedIdentity | null;
  /** User: this attempt takes a session back after the computer restarted (ticket chat lines to show again). */
  afterRestart: { chat: ReconnectTicket['chat'] } | null;
  /** User: how long the server should keep the place while the computer restarts, once the ticket is saved. */
  restartForMs: number | null;
  /** The session's TURN servers, from the server's pairing or resume message (never the hello's). */
  ice: SessionIce | null;
  /** Asks for fresh TURN credentials before these lapse (an ICE restart makes new allocations). */
  iceRefresh: ReturnType<typeof setTimeout> | null;
}

/** How long the user's app waits for the server to confirm a suspicious-contact report. */
export const REPORT_RECEIPT_TIMEOUT_MS = 5000;

/**
 * Drives one help session for either role: signaling, consent, capture and the peer link.
 * It holds no UI; it only moves the session state, which the screens render.
 */
export class SessionController {
  private attempt: Attempt | null = null;

  constructor(private readonly deps: SessionDeps) {}

  // ---- consultant ----

  async startAsConsultant(consultantName: string): Promise<void> {
    const attempt = this.begin({ phase: 'starting' });
    const settings = await this.deps.host.settings.update({ consultantName });
    const connection = await this.open(attempt, settings.serverUrl);
    connection?.send({ type: 'session.create', consultantName });
  }

  /**
   * Consultant: a session on a signed-in connection owned by the queue console (a claimed help
   * request; the server sends session.created to that socket). The owner forwards this
   * socket's session messages to the returned handlers and keeps the socket after the session.
   */
  startOnSharedConnection(connection: SignalingConnection): SignalingHandlers {
    const attempt = this.begin({ phase: 'starting' });
    attempt.connection = connection;
    attempt.shared = true;
    return {
      onMessage: (message) => this.onServerMessage(attempt, message),
      onLost: () => {
        if (this.attempt !== attempt) return;
        if (!attempt.resume) return this.finish(attempt, 'network', null);
        // The owner reconnects its socket and hands it over (onReconnected); the peer link goes on.
        this.serverAway(attempt, true);
        attempt.serverGiveUp ??= setTimeout(() => this.finish(attempt, 'reconnect-failed', null), attempt.limitMs);
      },
      onReconnected: (next) => {
        if (this.attempt !== attempt || !attempt.resume) return;
        attempt.connection = next;
        next.send({ type: 'session.resume', token: attempt.resume.token });
      },
    };
  }

  /**
   * User, before an approved restart of the computer (a repair): keeps what is needed to take
   * the session back afterwards in the host's protected, single-use ticket. True when saved;
   * the host refuses the restart without it.
   */
  async prepareRestart(): Promise<boolean> {
    const attempt = this.attempt;
    if (!attempt?.resume || !attempt.url || !attempt.initiator) return false;
    const minutes = await this.deps.host.policy
      .get()
      .then(({ policy }) => policy.reconnect.ticketMinutes)
      .catch(() => DEFAULT_RECONNECT_TICKET_MINUTES);
    const parsed = reconnectTicketSchema.safeParse({
      serverUrl: attempt.url,
      sessionId: attempt.resume.sessionId,
      token: attempt.resume.token,
      consultantName: attempt.peerName ?? '',
      organisation: attempt.verified?.organisation ?? null,
      organisationId: attempt.verified?.organisationId ?? null,
      expiresAt: Math.min(this.now() + minutes * 60_000, attempt.resume.expiresAt),
      chat: (this.deps.recentChat?.() ?? []).slice(-MAX_TICKET_CHAT_LINES),
    });
    if (!parsed.success || this.attempt !== attempt) return false;
    try {
      await this.deps.host.reconnect.saveTicket({ ticket: parsed.data });
    } catch {
      return false;
    }
    attempt.restartForMs = minutes * 60_000;
    return this.attempt === attempt;
  }

  /** The restart was approved: the server keeps the place, and this side says goodbye calmly (no leave). */
  restartApproved(): void {
    const attempt = this.attempt;
    if (!attempt?.restartForMs) return;
    attempt.connection?.send({ type: 'session.away', reason: 'restart', forMs: attempt.restartForMs });
    this.finish(attempt, 'restarting', null);
  }

  /** The restart did not happen (declined, failed): the ticket is forgotten. */
  restartCancelled(): void {
    if (this.attempt) this.attempt.restartForMs = null;
    void this.deps.host.reconnect.discard().catch(() => undefined);
  }

  /**
   * User, after the computer restarted and the person chose Continue: takes the session back
   * with the ticket's secret. A fresh link is negotiated, and the screen is shared only after
   * the person allows it again, through the usual prompt.
   */
  async resumeAfterRestart(ticket: ReconnectTicket): Promise<void> {
    const attempt = this.begin({ phase: 'joining', peerName: ticket.consultantName });
    attempt.resume = { sessionId: ticket.sessionId, token: ticket.token, expiresAt: ticket.expiresAt };
    attempt.peerName = ticket.consultantName;
    attempt.verified = ticket.organisation ? { name: ticket.consultantName, organisation: ticket.organisation, ...(ticket.organisationId ? { organisationId: ticket.organisationId } : {}) } : null;
    attempt.afterRestart = { chat: ticket.chat };
    const connection = await this.open(attempt, ticket.serverUrl);
    connection?.send({ type: 'session.resume', token: ticket.token });
  }

  /** The current resume secret of the live session (for a reconnect ticket before a restart). */
  resumeTicket(): ResumeTicket | null {
    return this.attempt?.resume ?? null;
  }

  // ---- user ----

  async joinAsUser(typedCode: string): Promise<void> {
    const code = normalizeSessionCode(typedCode);
    if (code === null) {
      this.deps.setState({ phase: 'idle', problem: { kind: 'wrong-code' } });
      return;
    }
    const attempt = this.begin({ phase: 'joining' });
    const settings = await this.deps.host.settings.get();
    const connection = await this.open(attempt, settings.serverUrl);
    connection?.send({ type: 'session.join', code });
  }

  /** The user allowed sharing: pick the screen (in-app when the host lists several), then capture. */
  async allow(): Promise<void> {
    const attempt = this.attempt;
    const state = this.deps.getState();
    if (!attempt || state.phase !== 'confirm') return;
    const sources = await this.deps.host.capture.listSources();
    if (this.attempt !== attempt) return;
    attempt.screens = sources.map(({ id, name }) => ({ id, name }));
    // Several screens: the person picks one. Wayland: the desktop's own window will ask, so the
    // app explains it first (same 'picking' step, one entry).
    if (sources.length > 1 || sources[0]?.id === DESKTOP_PICKER_SOURCE_ID) {
      this.deps.setState({ phase: 'picking', peerName: state.peerName, sources });
      return;
    }
    await this.share(sources[0]?.id ?? null);
  }

  async share(sourceId: string | null): Promise<void> {
    const attempt = this.attempt;
    if (!attempt?.connection) return;
    this.deps.setState({ phase: 'connecting', peerName: attempt.peerName });
    let stream: MediaStream;
    try {
      if (sourceId !== null) await this.deps.host.capture.selectSource({ id: sourceId });
      stream = await this.deps.captureScreen();
    } catch {
      this.finish(attempt, 'capture-failed', { type: 'session.leave' });
      return;
    }
    if (this.attempt !== attempt) {
      stopTracks(stream);
      return;
    }
    attempt.stream = stream;
    attempt.sourceId = sourceId;
    for (const track of stream.getVideoTracks()) this.watchScreenTrack(attempt, track);
    if (sourceId === DESKTOP_PICKER_SOURCE_ID && !(await this.desktopAnswered(attempt, stream))) return;
    // The link (chat, voice) is already up; the screen joins it by renegotiation.
    attempt.peer?.addStream(stream);
    // For the audit trail: only the user's app may report consent, and it does so here.
    attempt.connection?.send({ type: 'audit.report', event: { type: 'consent.given', scope: 'view' } });
    attempt.viewGiven = true;
    this.deps.setState({ phase: 'live', peerName: attempt.peerName, stream: null, route: null });
    this.announceScreens(attempt);
  }

  /**
   * Chromium resolves the capture on Wayland before the desktop's dialog is answered, so the
   * banner, the consent record and the consultant's view wait for the first frame: a person
   * still choosing in that dialog is not told "they can see your screen" yet. A refusal there
   * ends the track, and with it the session.
   */
  private async desktopAnswered(attempt: Attempt, stream: MediaStream): Promise<boolean> {
    const track = stream.getVideoTracks()[0];
    if (!track || !this.deps.firstFrame) return true;
    this.deps.setState({ phase: 'connecting', peerName: attempt.peerName, awaitingDesktop: true });
    try {
      await this.deps.firstFrame(track);
    } catch {
      // The dialog was cancelled (the track ended) or no frame can come: nothing was shared.
      this.finish(attempt, 'capture-failed', { type: 'session.leave' });
      return false;
    }
    return this.attempt === attempt && attempt.stream === stream;
  }

  /**
   * The user shares another of their screens (the consultant asked, the user agreed): the new
   * capture replaces the old track on the same connection, so nothing else is interrupted.
   */
  async switchScreen(sourceId: string): Promise<void> {
    const attempt = this.attempt;
    const stream = attempt?.stream;
    const oldTrack = stream?.getVideoTracks()[0];
    if (!attempt?.peer || !stream || !oldTrack || sourceId === attempt.sourceId) return;
    let next: MediaStream;
    try {
      // Listing again refreshes what the host offers; only a listed screen can be selected.
      await this.deps.host.capture.listSources();
      await this.deps.host.capture.selectSource({ id: sourceId });
      next = await this.deps.captureScreen();
    } catch {
      return; // the current screen stays shared
    }
    const newTrack = next.getVideoTracks()[0];
    if (this.attempt !== attempt || !newTrack) {
      stopTracks(next);
      return;
    }
    this.watchScreenTrack(attempt, newTrack);
    attempt.peer.replaceTrack(oldTrack, newTrack, stream);
    stream.removeTrack(oldTrack);
    stream.addTrack(newTrack);
    oldTrack.stop();
    attempt.sourceId = sourceId;
    this.announceScreens(attempt);
  }

  private watchScreenTrack(attempt: Attempt, track: MediaStreamTrack): void {
    // 'text': the encoder's screen-content tools, and resolution kept when it must choose;
    // the consultant reads screens (issue 20, docs/performance.md).
    track.contentHint = 'text';
    // 'ended' fires when the capture stops from outside (the OS or browser UI), not on stop().
    track.addEventListener('ended', () => {
      if (attempt.stream?.getVideoTracks().includes(track)) this.finish(attempt, 'capture-stopped', { type: 'session.leave' });
    });
  }

  /** Tells the consultant which screens exist and which is shared (when the link is up). */
  private announceScreens(attempt: Attempt): void {
    if (!attempt.stream || attempt.screens.length === 0) return;
    this.deps.onScreens?.(attempt.screens, attempt.sourceId);
    attempt.peer?.send({ t: 'screens', screens: attempt.screens, current: attempt.sourceId });
  }

  /** The live session's instance of a feature, or null outside a live session. */
  feature<T extends SessionFeature>(key: FeatureKey<T>): T | null {
    return (this.attempt?.features.get(key.name) as T | undefined) ?? null;
  }

  decline(): void {
    if (this.attempt) this.finish(this.attempt, 'you-declined', { type: 'session.decline' });
  }

  /**
   * Declines and reports the helper as suspicious: everything stops at once, and the server
   * records it for their organisation. Resolves true once the server confirmed the report
   * (only then is the person told it was sent), false when that did not happen.
   */
  reportSuspicious(reason?: 'safety-code-mismatch'): Promise<boolean> {
    const attempt = this.attempt;
    if (!attempt?.connection) return Promise.resolve(false);
    const connection = attempt.connection;
    const recorded = new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => attempt.reported?.(false), REPORT_RECEIPT_TIMEOUT_MS);
      attempt.reported = (ok) => {
        clearTimeout(timer);
        attempt.reported = null;
        resolve(ok);
      };
    });
    // A code that does not match: someone may sit between the two apps; the server tells the consultant why.
    if (reason) this.finish(attempt, 'safety-code-mismatch', { type: 'session.report-suspicious', reason });
    else this.finish(attempt, 'you-declined', { type: 'session.report-suspicious' });
    void recorded.then(() => {
      if (!attempt.shared) connection.close();
    });
    return recorded;
  }

  /** Ends the session at once, from either side: media stops before anything else happens. */
  end(): void {
    if (this.attempt) this.finish(this.attempt, 'you-ended', { type: 'session.leave' });
  }

  /** Leaves any session quietly (navigating away from the screens). */
  reset(): void {
    if (this.attempt) this.teardown(this.attempt, { type: 'session.leave' });
    this.deps.setState({ phase: 'idle', problem: null });
  }

  // ---- internals ----

  private begin(state: SessionState): Attempt {
    if (this.attempt) this.teardown(this.attempt, { type: 'session.leave' });
    const attempt: Attempt = {
      connection: null, peer: null, stream: null, viewGiven: false, peerName: null, timer: null, features: new Map(), early: [], shared: false, screens: [], sourceId: null, reported: null,
      initiator: false, resume: null, limitMs: DEFAULT_RECONNECT_LIMIT_SECONDS * 1000, connectionStatus: connectionOk, linkLost: null, serverGiveUp: null, peerRestarting: false,
      url: null, verified: null, afterRestart: null, restartForMs: null, linkDown: false, ice: null, iceRefresh: null,
    };
    this.attempt = attempt;
    this.deps.setState(state);
    this.deps.onConnection?.(connectionOk);
    void this.deps.host.policy
      .get()
      .then(({ policy }) => (attempt.limitMs = policy.reconnect.limitSeconds * 1000))
      .catch(() => undefined);
    return attempt;
  }

  private now(): number {
    return (this.deps.now ?? Date.now)();
  }

  private patchConnection(attempt: Attempt, change: Partial<ConnectionStatus>): void {
    if (this.attempt !== attempt) return;
    attempt.connectionStatus = { ...attempt.connectionStatus, ...change };
    this.deps.onConnection?.(attempt.connectionStatus);
  }

  /**
   * Keeps the session's latest TURN servers: the next peer link starts with them, and the live
   * one gathers with them at its next ICE restart. REST credentials are short-lived (they only
   * matter when a relay allocation is made), so fresh ones are asked for halfway through.
   */
  private useIce(attempt: Attempt, ice: SessionIce | undefined): void {
    if (!ice || this.attempt !== attempt) return;
    attempt.ice = ice;
    if (attempt.connection) attempt.peer?.setIceServers?.(rtcFor(attempt.connection.rtc, ice).iceServers);
    if (attempt.iceRefresh) clearTimeout(attempt.iceRefresh);
    attempt.iceRefresh = null;
    if (ice.validForMs === undefined) return;
    const ask = () => {
      if (this.attempt !== attempt) return;
      attempt.connection?.send({ type: 'session.ice-refresh' });
      // Until the answer comes (it replaces this timer): the server may have been away.
      attempt.iceRefresh = setTimeout(ask, ICE_REFRESH_RETRY_MS);
    };
    attempt.iceRefresh = setTimeout(ask, Math.max(ICE_REFRESH_MIN_MS, ice.validForMs / 2));
  }

  /** The signaling server went away (true) or took this side back (false); the peer link is left alone. */
  private serverAway(attempt: Attempt, away: boolean): void {
    if (this.attempt !== attempt) return;
    if (!away && attempt.serverGiveUp) clearTimeout(attempt.serverGiveUp);
    if (!away) attempt.serverGiveUp = null;
    if (away === (attempt.connectionStatus.serverAwaySince !== null)) return;
    this.patchConnection(attempt, { serverAwaySince: away ? this.now() : null });
    // While the server is away nothing reaches the audit trail: control stops, and is asked for again after.
    this.updateLink(attempt);
    if (!away) this.offerAgain(attempt);
  }

  /** An ICE restart's offer sent on a socket that was already dead is lost: send it again once signaling is back. */
  private offerAgain(attempt: Attempt): void {
    if (attempt.linkLost && attempt.initiator) attempt.peer?.resendOffer();
  }

  /** The media path went down: notice, ICE restarts from the offering side, and a limit. */
  private pathLost(attempt: Attempt): void {
    if (this.attempt !== attempt || attempt.linkLost || attempt.peerRestarting) return;
    attempt.linkLost = {
      retry: null,
      giveUp: setTimeout(() => this.finish(attempt, 'reconnect-failed', { type: 'session.leave' }), attempt.limitMs),
      // A network cut can leave the signaling socket open but dead (nothing says so for a long
      // time), and with it every offer and answer of the restart: take a fresh socket.
      recheck: setTimeout(() => {
        if (this.attempt === attempt && attempt.linkLost && attempt.connection instanceof ResumableSignaling) attempt.connection.recycle();
      }, SIGNALING_RECHECK_MS),
    };
    this.patchConnection(attempt, { link: 'lost' });
    this.updateLink(attempt);
    if (attempt.initiator) this.scheduleIceRestart(attempt, ICE_RESTART_DELAY_MS);
  }

  private scheduleIceRestart(attempt: Attempt, delay: number): void {
    const lost = attempt.linkLost;
    if (!lost) return;
    lost.retry = setTimeout(() => {
      if (this.attempt !== attempt || attempt.linkLost !== lost) return;
      attempt.peer?.restartIce();
      // A restart can fail too (the relay still down): try again until the limit.
      this.scheduleIceRestart(attempt, ICE_RESTART_RETRY_MS);
    }, delay);
  }

  private pathUp(attempt: Attempt): void {
    if (this.attempt !== attempt || !attempt.linkLost) return;
    clearLinkTimers(attempt);
    this.patchConnection(attempt, { link: 'ok' });
    this.updateLink(attempt);
  }

  /**
   * Tells the features once when anything between the two sides is lost (the media path, this
   * side's server connection, the other side's) and once when everything is back: control
   * asked for again in between would be lost on the way.
   */
  private updateLink(attempt: Attempt): void {
    const status = attempt.connectionStatus;
    const down = status.link === 'lost' || status.serverAwaySince !== null || status.peerAway !== null || attempt.peer === null;
    if (down === attempt.linkDown) return;
    attempt.linkDown = down;
    for (const feature of attempt.features.values()) feature.onLink?.(down ? 'lost' : 'back');
  }

  private async open(attempt: Attempt, url: string): Promise<SignalingConnection | null> {
    attempt.url = url;
    const connection = new ResumableSignaling(
      {
        connect: (target, handlers) => this.deps.connect(target, handlers),
        url,
        token: () => attempt.resume?.token ?? null,
        limitMs: () => attempt.limitMs,
        ...(this.deps.random ? { random: this.deps.random } : {}),
        ...(this.deps.now ? { now: this.deps.now } : {}),
      },
      {
        onMessage: (message) => this.onServerMessage(attempt, message),
        onDown: () => this.serverAway(attempt, true),
        onResumed: (resumed) => {
          this.useIce(attempt, resumed.ice);
          this.serverAway(attempt, false);
        },
        onGone: (reason) => {
          attempt.reported?.(false);
          this.finish(attempt, reason === 'refused' ? 'resume-refused' : reason === 'unreachable' ? 'reconnect-failed' : 'network', null);
        },
      },
    );
    try {
      await connection.open();
      if (this.attempt !== attempt) {
        connection.close();
        return null;
      }
      attempt.connection = connection;
      return connection;
    } catch {
      if (this.attempt === attempt) this.fail(attempt, { kind: 'server-unreachable' });
      return null;
    }
  }

  private onServerMessage(attempt: Attempt, message: ServerMessage): void {
    // The receipt arrives after the session ended here; it belongs to the attempt that reported.
    if (message.type === 'session.reported') return attempt.reported?.(true);
    if (this.attempt !== attempt) return;
    switch (message.type) {
      case 'session.created':
        this.deps.setState({ phase: 'waiting-for-user', code: message.code, validMinutes: Math.max(1, Math.round((message.expiresAt - Date.now()) / 60_000)) });
        return;
      case 'peer.joined':
        // The session's TURN servers come with the pairing; the peer starts with the user's offer.
        this.useIce(attempt, message.ice);
        this.deps.setState({ phase: 'waiting-for-consent' });
        return;
      case 'session.joined':
        attempt.peerName = message.consultantName;
        attempt.verified = message.verified ?? null;
        this.useIce(attempt, message.ice);
        this.deps.setState({ phase: 'confirm', peerName: message.consultantName, verified: message.verified ?? null });
        // The link opens now, before any sharing, so both sides can chat while the user decides.
        if (attempt.connection) this.startPeer(attempt, { initiator: true, rtc: rtcFor(attempt.connection.rtc, attempt.ice) });
        return;
      case 'session.ice':
        this.useIce(attempt, message.ice);
        return;
      case 'signal':
        // The consultant's side answers the user's offer; its peer starts with the first signal.
        if (!attempt.peer && attempt.connection) this.startPeer(attempt, { initiator: false, rtc: rtcFor(attempt.connection.rtc, attempt.ice) });
        attempt.peer?.signal(message.data);
        return;
      case 'session.ended':
        this.finish(attempt, endReasonFromServer[message.reason], null);
        return;
      case 'session.resume-token':
        attempt.resume = { sessionId: message.sessionId, token: message.token, expiresAt: message.expiresAt };
        return;
      case 'session.resumed':
        // Fresh TURN credentials: the ones from before may have lapsed (or, after a restart, be gone).
        this.useIce(attempt, message.ice);
        if (attempt.afterRestart && !attempt.peer && attempt.connection) {
          // Back after the restart: the person decides again, and the link opens at once for chat.
          this.deps.setState({ phase: 'confirm', peerName: attempt.peerName ?? '', verified: attempt.verified });
          this.startPeer(attempt, { initiator: true, rtc: rtcFor(attempt.connection.rtc, attempt.ice) });
          return;
        }
        // On this side's own connection the resume is handled by ResumableSignaling; here it is the shared one's.
        this.serverAway(attempt, false);
        return;
      case 'peer.away':
        if (message.reason === 'restart') {
          // The link is expected to die with the user's app: no ICE restart, no give-up before the server's own time.
          attempt.peerRestarting = true;
          clearLinkTimers(attempt);
        }
        this.patchConnection(attempt, { peerAway: { reason: message.reason, since: this.now(), until: message.until }, ...(message.reason === 'restart' ? { link: 'ok' as const } : {}) });
        // The other side is out of reach of the server (and its audit trail): control stops here too.
        this.updateLink(attempt);
        return;
      case 'peer.back':
        this.patchConnection(attempt, { peerAway: null });
        // After a restart the features hear 'back' when the new link is up, not before.
        this.updateLink(attempt);
        this.offerAgain(attempt);
        return;
      case 'error': {
        if (message.code === 'resume-refused') return this.finish(attempt, 'resume-refused', null);
        const phase = this.deps.getState().phase;
        if (phase === 'joining' || phase === 'starting') this.fail(attempt, problemFromError(message.code, message.retryAfterMs));
        return;
      }
      case 'hello':
        return;
    }
  }

  /**
   * Opens the peer link as soon as the two sides are paired. Features (chat, control, …) start
   * when it is up; the consultant's view goes live when the user's screen arrives on it.
   */
  private startPeer(attempt: Attempt, options: PeerLinkOptions): void {
    attempt.timer = setTimeout(() => this.finish(attempt, 'network', { type: 'session.leave' }), this.deps.connectTimeoutMs ?? 30_000);
    const role = options.initiator ? 'user' : 'consultant';
    attempt.initiator = options.initiator;
    const goLive = (remote: MediaStream) => {
      if (this.attempt !== attempt) return;
      this.deps.setState({ phase: 'live', peerName: attempt.peerName, stream: remote, route: null });
      void this.watchRoute(attempt);
    };
    const peer: PeerLink = this.deps.createPeer(options, {
      onSignal: (data) => attempt.connection?.send({ type: 'signal', data }),
      onPath: (path) => {
        if (attempt.peer !== peer) return;
        if (path === 'lost') this.pathLost(attempt);
        else this.pathUp(attempt);
      },
      onNegotiated: () => {
        if (attempt.peer === peer) void this.readSafetyCode(attempt, peer);
      },
      onConnect: () => {
        if (this.attempt !== attempt) return;
        if (attempt.timer) clearTimeout(attempt.timer);
        attempt.timer = null;
        attempt.peerRestarting = false;
        void this.readSafetyCode(attempt, peer);
        if (attempt.features.size === 0) this.startFeatures(attempt, role);
        // Features already running: this link replaces one that closed (the user's computer restarted).
        else this.updateLink(attempt);
        this.announceScreens(attempt);
      },
      onData: (message) => {
        // The other side may write as soon as its end of the channel opens, a moment before
        // this side's features exist: keep those first messages (a few) instead of losing them.
        if (attempt.features.size === 0) {
          if (attempt.early.length < MAX_EARLY_MESSAGES) attempt.early.push(message);
          return;
        }
        this.dispatch(attempt, message);
      },
      onStream: (stream) => {
        // The screen is the stream with video; anything else (a microphone) belongs to a feature.
        if (role === 'consultant' && stream.getVideoTracks().length > 0) goLive(stream);
        else for (const feature of attempt.features.values()) if (feature.onRemoteStream?.(stream)) return;
      },
      onClose: () => {
        if (attempt.peer !== peer) return;
        peer.destroy();
        if (attempt.peerRestarting) {
          // The user's computer is restarting (the server said so): its app will offer a new
          // link when it is back; the session screen, chat and features stay meanwhile.
          attempt.peer = null;
          clearLinkTimers(attempt);
          return;
        }
        // When the other side ends on purpose, its peer link usually closes a moment before
        // the server's session.ended arrives; wait briefly so the message can say why.
        if (attempt.timer) clearTimeout(attempt.timer);
        attempt.timer = setTimeout(() => {
          // peer.away (restart) may arrive just after the link closed.
          if (attempt.peerRestarting) attempt.peer = null;
          else this.finish(attempt, 'peer-disconnected', { type: 'session.leave' });
        }, PEER_CLOSE_GRACE_MS);
      },
    });
    attempt.peer = peer;
  }

  private startFeatures(attempt: Attempt, role: 'user' | 'consultant'): void {
    if (!attempt.peer) return;
    // Features talk to whichever link is current: after the user's computer restarted, a new
    // link replaces the old one and the features (and what their stores hold) carry on.
    const peer: PeerLink = {
      signal: (data) => attempt.peer?.signal(data),
      addStream: (stream) => attempt.peer?.addStream(stream),
      removeStream: (stream) => attempt.peer?.removeStream(stream),
      replaceTrack: (oldTrack, newTrack, stream) => attempt.peer?.replaceTrack(oldTrack, newTrack, stream),
      send: (message) => attempt.peer?.send(message) ?? false,
      route: () => attempt.peer?.route() ?? Promise.resolve(null),
      restartIce: () => attempt.peer?.restartIce(),
      resendOffer: () => attempt.peer?.resendOffer(),
      destroy: () => attempt.peer?.destroy(),
    };
    const context = {
      role,
      host: this.deps.host,
      peerName: attempt.peerName ?? '',
      verified: attempt.verified,
      send: (message: object) => void peer.send(message),
      peer,
      audit: (event: AppAuditEvent) => attempt.connection?.send({ type: 'audit.report', event }),
      sessionId: () => attempt.resume?.sessionId ?? null,
      localStream: () => attempt.stream,
      restart: {
        prepare: () => (this.attempt === attempt ? this.prepareRestart() : Promise.resolve(false)),
        approved: () => this.attempt === attempt && this.restartApproved(),
        cancelled: () => this.restartCancelled(),
      },
    };
    for (const key of this.deps.features) attempt.features.set(key.name, key.create(context));
    if (attempt.afterRestart) this.deps.restoreChat?.(attempt.afterRestart.chat);
    // The features start with the link up; they hear of a loss from here on.
    attempt.linkDown = false;
    this.updateLink(attempt);
    for (const message of attempt.early.splice(0)) this.dispatch(attempt, message);
  }

  /** Finds whether media goes direct or through TURN; stats may need a moment after (re)negotiation. */
  private async watchRoute(attempt: Attempt): Promise<void> {
    for (let tries = 0; tries < ROUTE_TRIES && this.attempt === attempt; tries += 1) {
      const route = await attempt.peer?.route().catch(() => null);
      const state = this.deps.getState();
      if (this.attempt !== attempt || state.phase !== 'live') return;
      if (route) {
        this.deps.setState({ ...state, route });
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, ROUTE_RETRY_MS));
    }
  }

  /**
   * Derives the safety code from the certificates this link negotiated. DTLS completes a moment
   * after the offer/answer settle, so a link without them yet is asked again, a few times.
   */
  private async readSafetyCode(attempt: Attempt, peer: PeerLink): Promise<void> {
    for (let tries = 0; tries < SAFETY_CODE_TRIES; tries += 1) {
      if (this.attempt !== attempt || attempt.peer !== peer || !peer.certificates) return;
      const certificates = await peer.certificates().catch(() => null);
      const sessionId = attempt.resume?.sessionId;
      if (certificates && sessionId) {
        const code = await deriveSafetyCode({ sessionId, ...certificates }).catch(() => null);
        if (code && this.attempt === attempt && attempt.peer === peer) this.deps.onSafetyCode?.({ code, key: certificatesKey(certificates) });
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, SAFETY_CODE_RETRY_MS));
    }
  }

  private dispatch(attempt: Attempt, message: unknown): void {
    for (const feature of attempt.features.values()) if (feature.handle(message)) return;
  }

  private fail(attempt: Attempt, problem: Problem): void {
    this.teardown(attempt, null);
    this.deps.setState({ phase: 'idle', problem });
  }

  private finish(attempt: Attempt, reason: EndedReason, farewell: Farewell | null): void {
    if (this.attempt !== attempt) return;
    this.teardown(attempt, farewell);
    this.deps.setState({ phase: 'ended', reason });
  }

  private teardown(attempt: Attempt, farewell: Farewell | null): void {
    if (this.attempt === attempt) this.attempt = null;
    if (attempt.timer) clearTimeout(attempt.timer);
    if (attempt.serverGiveUp) clearTimeout(attempt.serverGiveUp);
    if (attempt.iceRefresh) clearTimeout(attempt.iceRefresh);
    clearLinkTimers(attempt);
    this.deps.onConnection?.(connectionOk);
    this.deps.onSafetyCode?.(null);
    // Every feature (control first of all) ends with the session, whatever ended it.
    for (const feature of attempt.features.values()) void feature.dispose();
    attempt.features.clear();
    // Both happen in the same tick: the farewell is queued first so the server can tell the
    // other side why before its peer link notices the close.
    if (farewell && attempt.viewGiven) attempt.connection?.send({ type: 'audit.report', event: { type: 'consent.revoked', scope: 'view' } });
    if (farewell) attempt.connection?.send(farewell);
    if (attempt.stream) stopTracks(attempt.stream);
    attempt.peer?.destroy();
    // A report keeps the connection until its receipt (reportSuspicious closes it then).
    if (!attempt.shared && !attempt.reported) attempt.connection?.close();
  }
}

/** What the server is told when this side ends the session. */
type Farewell = { type: 'session.leave' | 'session.decline' } | { type: 'session.report-suspicious'; reason?: 'safety-code-mismatch' };

/** Chat lines a reconnect ticket carries at most (shared/reconnect.ts allows 50). */
const MAX_TICKET_CHAT_LINES = 20;

/** Data-channel messages kept while the features start. */
const MAX_EARLY_MESSAGES = 32;
const ROUTE_TRIES = 20;
const SAFETY_CODE_TRIES = 20;
const SAFETY_CODE_RETRY_MS = 250;
const ROUTE_RETRY_MS = 500;

/** How long a closed peer link waits for the server to say why before calling it a lost connection. */
const PEER_CLOSE_GRACE_MS = 1500;
/** A disconnected path often heals by itself within a second; after that the offering side restarts ICE, then again every 1.5 s until the policy limit (cheap: one offer through the server and a TURN allocation). */
export const ICE_RESTART_DELAY_MS = 1000;
export const ICE_RESTART_RETRY_MS = 1500;
/** A path still lost after this long gets a fresh signaling socket too (the old one may be dead without knowing). */
export const SIGNALING_RECHECK_MS = 8000;

/** TURN credentials are renewed halfway through their validity, never more often than this; unanswered, asked again after the retry. */
export const ICE_REFRESH_MIN_MS = 30_000;
export const ICE_REFRESH_RETRY_MS = 30_000;

/** The hello's configuration (STUN, policy) with the session's TURN servers added. */
export function rtcFor(hello: RtcConfig, ice: SessionIce | null): RtcConfig {
  return ice ? { ...hello, iceServers: [...hello.iceServers, ...ice.iceServers] } : hello;
}

function clearLinkTimers(attempt: Attempt): void {
  if (attempt.linkLost?.retry) clearTimeout(attempt.linkLost.retry);
  if (attempt.linkLost) clearTimeout(attempt.linkLost.giveUp);
  if (attempt.linkLost) clearTimeout(attempt.linkLost.recheck);
  attempt.linkLost = null;
}

function stopTracks(stream: MediaStream): void {
  for (const track of stream.getTracks()) track.stop();
}
