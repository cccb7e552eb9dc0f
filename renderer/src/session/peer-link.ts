import SimplePeer from 'simple-peer';
import { mayLeaveThisMachine } from '../../../shared/ice';
import { MAX_CHANNEL_MESSAGE_BYTES } from '../../../shared/control';
import { signalDataSchema, type IceServer, type RtcConfig, type SignalData } from '../../../shared/signaling';
import { peerConnectionOf, restartIce, surviveIceFailure } from './simple-peer-internals';
import { BEAT, startBeats } from './link-beats';
import { preferCodecs, SCREEN_SHARE, tuneVideoSender } from './video-sender';
import { DEGRADATION } from './sharpness-policy';
import { watchSharpness, type SharpnessWatch } from './sharpness-watch';
import { negotiatedCertificates, type NegotiatedCertificates } from './certificate-stats';

const decoder = new TextDecoder();

export interface PeerLinkEvents {
  onSignal: (data: SignalData) => void;
  onConnect: () => void;
  onStream: (stream: MediaStream) => void;
  onClose: () => void;
  /** A data-channel message from the other side: parsed JSON, not yet validated. */
  onData: (message: unknown) => void;
  /** The media path: 'lost' when ICE reports disconnected or failed, 'up' when it is connected again. */
  onPath?: (path: 'up' | 'lost') => void;
  /** A (re)negotiation completed: the DTLS certificates may have changed (see certificate-stats.ts). */
  onNegotiated?: () => void;
}

export interface PeerLink {
  /** Feeds a signal relayed from the other side; it is validated again here. */
  signal(data: unknown): void;
  /** Adds a stream (the user's screen, a microphone) to a link that is already up (renegotiates). */
  addStream(stream: MediaStream): void;
  removeStream(stream: MediaStream): void;
  /** Swaps a track being sent (another screen) without renegotiating or ending anything. */
  replaceTrack(oldTrack: MediaStreamTrack, newTrack: MediaStreamTrack, stream: MediaStream): void;
  /** Sends one message on the data channel; false when the channel is not open (nothing is queued). */
  send(message: object): boolean;
  /** 'relayed' when media goes through a TURN server, 'direct' otherwise. */
  route(): Promise<'direct' | 'relayed' | null>;
  /** The DTLS certificates this connection negotiated (for the safety code); null before DTLS is up. */
  certificates?(): Promise<NegotiatedCertificates | null>;
  /** Offers again with fresh ICE credentials (the offering side, after a network cut). */
  restartIce(): void;
  /**
   * The ICE servers the next gathering uses (an ICE restart): the session's TURN credentials
   * are short-lived and renewed while the link is up. Candidates already gathered stay.
   */
  setIceServers?(iceServers: IceServer[]): void;
  /**
   * Sends the offer still waiting for its answer once more (with the candidates gathered so
   * far): after the signaling socket died unnoticed, the first copy may never have left.
   */
  resendOffer(): void;
  destroy(): void;
}

export interface PeerLinkOptions {
  initiator: boolean;
  rtc: RtcConfig;
  stream?: MediaStream;
}

export function createPeerLink(options: PeerLinkOptions, events: PeerLinkEvents): PeerLink {
  const peer = new SimplePeer({
    initiator: options.initiator,
    trickle: true,
    ...(options.stream ? { stream: options.stream } : {}),
    config: { iceServers: options.rtc.iceServers, iceTransportPolicy: options.rtc.iceTransportPolicy },
  });
  // Video tuning (docs/performance.md). Codec order must be set before simple-peer makes its
  // offer (on a microtask after this synchronous code); encoder caps need a negotiated sender,
  // so they are (re)applied whenever a negotiation completes. Only senders with a video track
  // are touched: on the consultant's side this does nothing.
  const pc = peerConnectionOf(peer);
  const preferVideoCodecs = () => pc && preferCodecs(pc.getTransceivers(), RTCRtpSender.getCapabilities('video'));
  preferVideoCodecs();
  // One sharpness watch per video sender: full resolution while the screen is still, the
  // encoder's choice during motion (sharpness-watch.ts). Re-tuning keeps the watch's state.
  const watches = new Map<RTCRtpSender, SharpnessWatch>();
  const stopWatches = () => {
    for (const watch of watches.values()) watch.stop();
    watches.clear();
  };
  pc?.addEventListener('signalingstatechange', () => {
    if (pc.signalingState !== 'stable') return;
    for (const sender of pc.getSenders()) {
      if (sender.track?.kind !== 'video') continue;
      const watch = watches.get(sender) ?? watchSharpness(sender);
      watches.set(sender, watch);
      void tuneVideoSender(sender, { ...SCREEN_SHARE, degradationPreference: DEGRADATION[watch.content()] });
    }
    events.onNegotiated?.();
  });
  // The path is 'lost' when ICE says so, or when the other side's beats stop: Chromium marks a
  // dead path disconnected only ~5-7 s after the last packet, far too late to start repairing it.
  let iceLost = false;
  let silent = false;
  let reported = false;
  const report = () => {
    const lost = iceLost || silent;
    if (lost === reported) return;
    reported = lost;
    events.onPath?.(lost ? 'lost' : 'up');
  };
  if (pc) {
    surviveIceFailure(pc);
    pc.addEventListener('iceconnectionstatechange', () => {
      const state = pc.iceConnectionState;
      if (state === 'disconnected' || state === 'failed') iceLost = true;
      else if (state === 'connected' || state === 'completed') iceLost = false;
      else return;
      report();
    });
  }
  const beats = startBeats({
    send: () => peer.connected && sendRaw(BEAT),
    onSilence: (isSilent) => {
      silent = isSilent;
      report();
    },
  });
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    beats.stop();
    stopWatches();
    events.onClose();
  };
  const sendRaw = (text: string): boolean => {
    try {
      peer.send(text);
      return true;
    } catch {
      return false;
    }
  };

  peer.on('signal', (data: SimplePeer.SignalData) => {
    const parsed = signalDataSchema.safeParse(data);
    if (parsed.success && mayLeaveThisMachine(parsed.data, options.rtc.candidateFilter)) events.onSignal(parsed.data);
  });
  peer.on('connect', () => {
    beats.heard();
    events.onConnect();
  });
  peer.on('stream', (stream: MediaStream) => events.onStream(stream));
  peer.on('data', (chunk: Uint8Array) => {
    // Oversized or non-JSON messages are dropped here; the receiver validates the shape.
    if (chunk.byteLength > MAX_CHANNEL_MESSAGE_BYTES) return;
    beats.heard();
    const text = decoder.decode(chunk);
    if (text === BEAT) return;
    try {
      events.onData(JSON.parse(text));
    } catch {
      // not JSON: ignored
    }
  });
  peer.on('close', close);
  peer.on('error', close);

  return {
    signal(data) {
      const parsed = signalDataSchema.safeParse(data);
      if (!parsed.success || closed) return;
      try {
        peer.signal(parsed.data as SimplePeer.SignalData);
      } catch {
        close();
      }
    },
    addStream(stream) {
      if (closed) return;
      peer.addStream(stream);
      preferVideoCodecs();
    },
    removeStream(stream) {
      if (!closed) peer.removeStream(stream);
    },
    replaceTrack(oldTrack, newTrack, stream) {
      if (!closed) peer.replaceTrack(oldTrack, newTrack, stream);
    },
    send(message) {
      if (closed || !peer.connected) return false;
      return sendRaw(JSON.stringify(message));
    },
    route: () => selectedRoute(peerConnectionOf(peer)),
    certificates: async () => (pc ? negotiatedCertificates(await pc.getStats(), pc.remoteDescription?.sdp) : null),
    restartIce() {
      if (!closed && pc) restartIce(peer, pc);
    },
    setIceServers(iceServers) {
      if (closed || !pc) return;
      try {
        pc.setConfiguration({ ...pc.getConfiguration(), iceServers });
      } catch {
        // A configuration the browser refuses leaves the previous servers in place: the link goes on.
      }
    },
    resendOffer() {
      const offer = pc?.localDescription;
      if (closed || pc?.signalingState !== 'have-local-offer' || offer?.type !== 'offer') return;
      const parsed = signalDataSchema.safeParse({ type: 'offer', sdp: offer.sdp });
      if (parsed.success) events.onSignal(parsed.data);
    },
    destroy() {
      closed = true;
      beats.stop();
      stopWatches();
      peer.destroy();
    },
  };
}

async function selectedRoute(pc: RTCPeerConnection | undefined): Promise<'direct' | 'relayed' | null> {
  if (!pc) return null;
  const stats = await pc.getStats();
  let pairId: string | undefined;
  stats.forEach((report: { type: string; selectedCandidatePairId?: string }) => {
    if (report.type === 'transport' && report.selectedCandidatePairId) pairId = report.selectedCandidatePairId;
  });
  const pair = pairId ? (stats.get(pairId) as { localCandidateId?: string; remoteCandidateId?: string } | undefined) : undefined;
  if (!pair) return null;
  const types = [pair.localCandidateId, pair.remoteCandidateId].map(
    (id) => (id ? (stats.get(id) as { candidateType?: string } | undefined)?.candidateType : undefined),
  );
  return types.includes('relay') ? 'relayed' : 'direct';
}
