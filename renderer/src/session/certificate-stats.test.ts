import { describe, expect, it } from 'vitest';
import { certificatesKey, negotiatedCertificates } from './certificate-stats';

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

describe('certificatesKey', () => {
  it('ignores case, and tells a changed certificate apart', () => {
    const pair = { local: { algorithm: 'sha-256', fingerprint: 'AA:BB' }, remote: { algorithm: 'sha-256', fingerprint: 'CC:DD' } };
    expect(certificatesKey({ ...pair, local: { algorithm: 'SHA-256', fingerprint: 'aa:bb' } })).toBe(certificatesKey(pair));
    expect(certificatesKey({ ...pair, remote: { algorithm: 'sha-256', fingerprint: 'CC:DE' } })).not.toBe(certificatesKey(pair));
  });
});
