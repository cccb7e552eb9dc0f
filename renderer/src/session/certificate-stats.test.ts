import { describe, expect, it } from 'vitest';
import { certificatesKey, negotiatedCertificates, sdpFingerprint } from './certificate-stats';

function report(entries: object[]): RTCStatsReport {
  return new Map(entries.map((entry, i) => ['id' in entry && typeof entry.id === 'string' ? entry.id : `e${i}`, entry]));
}
const localCert = { id: 'CL', type: 'certificate', fingerprint: 'AA:BB', fingerprintAlgorithm: 'sha-256' };
const remoteCert = { id: 'CR', type: 'certificate', fingerprint: 'CC:DD', fingerprintAlgorithm: 'sha-256' };

describe('negotiatedCertificates', () => {
  it('follows the transport to its local and remote certificates', () => {
    const stats = report([{ id: 'T', type: 'transport', localCertificateId: 'CL', remoteCertificateId: 'CR' }, localCert, remoteCert]);
    expect(negotiatedCertificates(stats)).toEqual({
      local: { algorithm: 'sha-256', fingerprint: 'AA:BB' },
      remote: { algorithm: 'sha-256', fingerprint: 'CC:DD' },
    });
  });

  it('is null before DTLS is up (no remote certificate yet) or when an id leads nowhere', () => {
    expect(negotiatedCertificates(report([{ id: 'T', type: 'transport', localCertificateId: 'CL' }, localCert]))).toBeNull();
    expect(negotiatedCertificates(report([{ id: 'T', type: 'transport', localCertificateId: 'CL', remoteCertificateId: 'missing' }, localCert]))).toBeNull();
    // An id that points at something that is not a certificate.
    expect(negotiatedCertificates(report([{ id: 'T', type: 'transport', localCertificateId: 'CL', remoteCertificateId: 'T' }, localCert]))).toBeNull();
  });
});

describe('a connected transport whose remote certificate Chromium does not report', () => {
  const sdp = (...fingerprints: string[]) => ['v=0', 'm=application 9 UDP/DTLS/SCTP webrtc-datachannel', ...fingerprints.map((f) => `a=fingerprint:sha-256 ${f}`), 'a=setup:actpass', ''].join('\r\n');

  it('takes the remote description’s fingerprint, which the handshake checked, once DTLS is connected', () => {
    const stats = report([{ id: 'T', type: 'transport', dtlsState: 'connected', localCertificateId: 'CL' }, localCert]);
    expect(negotiatedCertificates(stats, sdp('EE:FF', 'EE:FF'))).toEqual({
      local: { algorithm: 'sha-256', fingerprint: 'AA:BB' },
      remote: { algorithm: 'sha-256', fingerprint: 'EE:FF' },
    });
  });

  it('gives nothing before DTLS is connected, without a remote description, or when the SDP names several certificates', () => {
    const connecting = report([{ id: 'T', type: 'transport', dtlsState: 'connecting', localCertificateId: 'CL' }, localCert]);
    expect(negotiatedCertificates(connecting, sdp('EE:FF'))).toBeNull();
    const connected = report([{ id: 'T', type: 'transport', dtlsState: 'connected', localCertificateId: 'CL' }, localCert]);
    expect(negotiatedCertificates(connected)).toBeNull();
    expect(negotiatedCertificates(connected, sdp('EE:FF', '11:22'))).toBeNull();
    expect(sdpFingerprint(sdp())).toBeNull();
  });

  it('prefers the reported remote certificate when there is one', () => {
    const stats = report([{ id: 'T', type: 'transport', dtlsState: 'connected', localCertificateId: 'CL', remoteCertificateId: 'CR' }, localCert, remoteCert]);
    expect(negotiatedCertificates(stats, sdp('EE:FF'))?.remote).toEqual({ algorithm: 'sha-256', fingerprint: 'CC:DD' });
  });
});

describe('certificatesKey', () => {
  it('ignores case, and tells a changed certificate apart', () => {
    const pair = { local: { algorithm: 'sha-256', fingerprint: 'AA:BB' }, remote: { algorithm: 'sha-256', fingerprint: 'CC:DD' } };
    expect(certificatesKey({ ...pair, local: { algorithm: 'SHA-256', fingerprint: 'aa:bb' } })).toBe(certificatesKey(pair));
    expect(certificatesKey({ ...pair, remote: { algorithm: 'sha-256', fingerprint: 'CC:DE' } })).not.toBe(certificatesKey(pair));
  });
});
