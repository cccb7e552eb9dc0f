/**
 * Init scripts the bench adds to the two app browsers (test instrumentation, not app code).
 * They run inside the pages, so they only use DOM APIs; Playwright serialises them.
 */

/** A bench-only override of the user's video sender, for comparing settings (BENCH_VIDEO). */
export interface VideoOverride {
  codec?: 'VP8' | 'VP9' | 'H264' | 'AV1';
  contentHint?: '' | 'motion' | 'detail' | 'text';
  maxBitrate?: number;
  maxFramerate?: number;
  scaleResolutionDownBy?: number;
  degradationPreference?: RTCDegradationPreference;
  /** Asks the capture for another frame rate (applyConstraints on the screen track). */
  captureFrameRate?: number;
}

export interface UserBench {
  pcs: RTCPeerConnection[];
  promptAt: number;
  /** When getDisplayMedia resolved (the screen capture is running). */
  captureAt: number;
  clicks: { at: number; text: string }[];
}

export interface ConsultantBench {
  pcs: RTCPeerConnection[];
  firstFrameAt: number;
  video: HTMLVideoElement | null;
  sentAt: Map<number, number>;
  rtts: number[];
  pointerDowns: number[];
}

/** User side: records clicks and the consent prompt, keeps the peer connections, echoes input events. */
export function userInit(override: VideoOverride | null): void {
  const bench: UserBench = { pcs: [], promptAt: 0, captureAt: 0, clicks: [] };
  Object.defineProperty(window, '__bench', { value: bench });
  const devices = navigator.mediaDevices as MediaDevices | undefined;
  if (devices) {
    const getDisplayMedia = devices.getDisplayMedia.bind(devices);
    devices.getDisplayMedia = async (constraints?: DisplayMediaStreamOptions) => {
      const stream = await getDisplayMedia(constraints);
      bench.captureAt = Date.now();
      return stream;
    };
  }
  document.addEventListener('click', (event) => bench.clicks.push({ at: Date.now(), text: (event.target as Element | null)?.textContent ?? '' }), true);
  new MutationObserver(() => {
    if (!bench.promptAt && document.querySelector('[data-testid="consent-prompt"]')) bench.promptAt = Date.now();
  }).observe(document, { childList: true, subtree: true });

  // The round-trip probe: every input event the consultant's app sends is echoed at once,
  // before the app (and the host) handle it. Registered before simple-peer's onmessage.
  const echo = (channel: RTCDataChannel) =>
    channel.addEventListener('message', (event: MessageEvent) => {
      if (typeof event.data !== 'string' || !event.data.startsWith('{"t":"input"')) return;
      const { seq } = JSON.parse(event.data) as { seq: number };
      channel.send(JSON.stringify({ t: 'bench.echo', seq }));
    });

  const Native = window.RTCPeerConnection;
  window.RTCPeerConnection = class extends Native {
    constructor(config?: RTCConfiguration) {
      super(config);
      bench.pcs.push(this);
      this.addEventListener('datachannel', (event) => echo(event.channel));
      if (override) {
        this.addEventListener('connectionstatechange', () => {
          if (this.connectionState !== 'connected') return;
          for (const sender of this.getSenders()) if (sender.track?.kind === 'video') void sender.setParameters(sender.getParameters());
        });
      }
    }
    override createDataChannel(label: string, init?: RTCDataChannelInit): RTCDataChannel {
      const channel = super.createDataChannel(label, init);
      echo(channel);
      return channel;
    }
    override addTrack(track: MediaStreamTrack, ...streams: MediaStream[]): RTCRtpSender {
      if (override?.contentHint !== undefined && track.kind === 'video') track.contentHint = override.contentHint;
      if (override?.captureFrameRate !== undefined && track.kind === 'video') void track.applyConstraints({ frameRate: override.captureFrameRate });
      const sender = super.addTrack(track, ...streams);
      const codec = override?.codec;
      const transceiver = this.getTransceivers().find((candidate) => candidate.sender === sender);
      if (codec && transceiver && track.kind === 'video') transceiver.setCodecPreferences(RTCRtpReceiver.getCapabilities('video')?.codecs ?? []);
      return sender;
    }
  };
  if (override?.codec) {
    // Whatever order the app asks for, the override's codec goes first.
    const wanted = (c: RTCRtpCodec) => c.mimeType.toLowerCase() === `video/${override.codec?.toLowerCase()}`;
    // eslint-disable-next-line @typescript-eslint/unbound-method -- a prototype patch: always called with .call(this)
    const setCodecPreferences = RTCRtpTransceiver.prototype.setCodecPreferences;
    RTCRtpTransceiver.prototype.setCodecPreferences = function (this: RTCRtpTransceiver, codecs: RTCRtpCodec[]) {
      setCodecPreferences.call(this, [...codecs.filter(wanted), ...codecs.filter((c) => !wanted(c))]);
    };
  }
  if (override) {
    // Whatever the app sets, the bench's override is merged on top (and applied once connected).
    // eslint-disable-next-line @typescript-eslint/unbound-method -- a prototype patch: always called with .call(this)
    const setParameters = RTCRtpSender.prototype.setParameters;
    RTCRtpSender.prototype.setParameters = function (this: RTCRtpSender, parameters: RTCRtpSendParameters) {
      if (this.track?.kind === 'video') {
        if (override.degradationPreference) parameters.degradationPreference = override.degradationPreference;
        for (const encoding of parameters.encodings) {
          if (override.maxBitrate !== undefined) encoding.maxBitrate = override.maxBitrate;
          if (override.maxFramerate !== undefined) encoding.maxFramerate = override.maxFramerate;
          if (override.scaleResolutionDownBy !== undefined) encoding.scaleResolutionDownBy = override.scaleResolutionDownBy;
        }
      }
      return setParameters.call(this, parameters);
    };
  }
}

/** Consultant side: first decoded frame, peer connections, send times of input events and their echoes. */
export function consultantInit(): void {
  const bench: ConsultantBench = { pcs: [], firstFrameAt: 0, video: null, sentAt: new Map(), rtts: [], pointerDowns: [] };
  Object.defineProperty(window, '__bench', { value: bench });
  // Capture phase on window: runs before the app's own pointerdown handler sends the click.
  window.addEventListener('pointerdown', () => bench.pointerDowns.push(Date.now()), true);

  // eslint-disable-next-line @typescript-eslint/unbound-method -- a prototype patch: always called with .call(this)
  const send = RTCDataChannel.prototype.send as (this: RTCDataChannel, data: string) => void;
  RTCDataChannel.prototype.send = function (this: RTCDataChannel, data: string) {
    if (typeof data === 'string' && data.startsWith('{"t":"input"')) bench.sentAt.set((JSON.parse(data) as { seq: number }).seq, performance.now());
    send.call(this, data);
  } as RTCDataChannel['send'];
  const onMessage = (event: MessageEvent) => {
    if (typeof event.data !== 'string' || !event.data.startsWith('{"t":"bench.echo"')) return;
    const sentAt = bench.sentAt.get((JSON.parse(event.data) as { seq: number }).seq);
    if (sentAt !== undefined) bench.rtts.push(performance.now() - sentAt);
  };

  const Native = window.RTCPeerConnection;
  window.RTCPeerConnection = class extends Native {
    constructor(config?: RTCConfiguration) {
      super(config);
      bench.pcs.push(this);
      this.addEventListener('datachannel', (event) => event.channel.addEventListener('message', onMessage));
    }
  };

  // The first frame the remote video presents, in wall-clock ms (same clock as the user's page).
  const descriptor = Object.getOwnPropertyDescriptor(HTMLMediaElement.prototype, 'srcObject');
  Object.defineProperty(HTMLMediaElement.prototype, 'srcObject', {
    ...descriptor,
    set(this: HTMLMediaElement, value: MediaProvider | null) {
      descriptor?.set?.call(this, value);
      if (!value || !(this instanceof HTMLVideoElement)) return;
      bench.video = this;
      this.requestVideoFrameCallback((_now, meta) => {
        bench.firstFrameAt ||= Date.now() - (performance.now() - meta.presentationTime);
      });
    },
  });
}
