import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RtcConfig } from '../../../shared/signaling';

/**
 * The peer link's ICE configuration: built from the session's servers, and moved to fresh ones
 * while the link is up (the session's TURN credentials are short-lived). simple-peer is
 * replaced by a stand-in holding a fake RTCPeerConnection, since Node has no WebRTC.
 */
const created: { options: { config: RTCConfiguration }; pc: FakePc }[] = [];

class FakePc extends EventTarget {
  configuration: RTCConfiguration;
  refuse = false;
  constructor(configuration: RTCConfiguration) {
    super();
    this.configuration = { ...configuration, certificates: [{ expires: 1 } as RTCCertificate] };
  }
  getTransceivers() {
    return [];
  }
  getConfiguration() {
    return this.configuration;
  }
  setConfiguration(configuration: RTCConfiguration) {
    if (this.refuse) throw new DOMException('refused', 'InvalidModificationError');
    this.configuration = configuration;
  }
}

vi.mock('simple-peer', () => ({
  default: class {
    _pc: FakePc;
    connected = false;
    constructor(options: { config: RTCConfiguration }) {
      this._pc = new FakePc(options.config);
      created.push({ options, pc: this._pc });
    }
    on() {}
    destroy() {}
  },
}));

const { createPeerLink } = await import('./peer-link');

const rtc: RtcConfig = { iceServers: [{ urls: 'stun:127.0.0.1:3478' }, { urls: 'turn:127.0.0.1:3478', username: '1:tag', credential: 'old' }], iceTransportPolicy: 'relay', candidateFilter: 'any' };
const events = { onSignal: vi.fn(), onConnect: vi.fn(), onStream: vi.fn(), onClose: vi.fn(), onData: vi.fn() };

beforeEach(() => {
  vi.stubGlobal('RTCRtpSender', { getCapabilities: () => null });
});
afterEach(() => {
  vi.unstubAllGlobals();
  created.splice(0);
});

describe('the peer link’s ICE servers', () => {
  it('starts with the servers and the transport policy it is given', () => {
    const link = createPeerLink({ initiator: true, rtc }, events);
    expect(created[0]?.options.config).toEqual({ iceServers: rtc.iceServers, iceTransportPolicy: 'relay' });
    link.destroy();
  });

  it('moves to fresh servers and keeps the rest of its configuration (certificates, policy)', () => {
    const link = createPeerLink({ initiator: true, rtc }, events);
    const before = created[0]?.pc.getConfiguration();
    const fresh = [{ urls: 'turn:127.0.0.1:3478', username: '2:tag', credential: 'new' }];
    link.setIceServers?.(fresh);
    expect(created[0]?.pc.getConfiguration()).toEqual({ ...before, iceServers: fresh });
    link.destroy();
  });

  it('a configuration the browser refuses leaves the previous one, and the link goes on', () => {
    const link = createPeerLink({ initiator: true, rtc }, events);
    const pc = created[0]?.pc;
    if (!pc) throw new Error('no peer connection');
    pc.refuse = true;
    expect(() => link.setIceServers?.([])).not.toThrow();
    expect(pc.getConfiguration().iceServers).toEqual(rtc.iceServers);
    link.destroy();
  });

  it('a destroyed link is not touched', () => {
    const link = createPeerLink({ initiator: true, rtc }, events);
    link.destroy();
    link.setIceServers?.([]);
    expect(created[0]?.pc.getConfiguration().iceServers).toEqual(rtc.iceServers);
  });
});
