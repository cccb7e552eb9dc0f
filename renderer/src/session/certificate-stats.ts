import type { CertificateFingerprint } from '../../../shared/safety-code';

export interface NegotiatedCertificates {
  local: CertificateFingerprint;
  remote: CertificateFingerprint;
}

type StatsEntry = { type: string; id?: string; localCertificateId?: string; remoteCertificateId?: string; fingerprint?: string; fingerprintAlgorithm?: string };

/**
 * The two DTLS certificates this connection actually negotiated, from its own stats (the
 * transport's local and remote certificate ids), never from the SDP that the signaling server
 * relayed: an SDP can say anything, the DTLS handshake cannot. Null until DTLS is up.
 */
export function negotiatedCertificates(stats: RTCStatsReport): NegotiatedCertificates | null {
  const entries = stats as unknown as Map<string, StatsEntry>;
  let transport: StatsEntry | undefined;
  entries.forEach((entry) => {
    if (entry.type === 'transport' && entry.localCertificateId && entry.remoteCertificateId) transport ??= entry;
  });
  if (!transport?.localCertificateId || !transport.remoteCertificateId) return null;
  const local = certificate(entries.get(transport.localCertificateId));
  const remote = certificate(entries.get(transport.remoteCertificateId));
  return local && remote ? { local, remote } : null;
}

function certificate(entry: StatsEntry | undefined): CertificateFingerprint | null {
  if (entry?.type !== 'certificate' || !entry.fingerprint || !entry.fingerprintAlgorithm) return null;
  return { algorithm: entry.fingerprintAlgorithm, fingerprint: entry.fingerprint };
}

/** The same pair in a stable form: a renegotiation that kept both certificates keeps the confirmation. */
export function certificatesKey(certificates: NegotiatedCertificates): string {
  return [certificates.local, certificates.remote].map((c) => `${c.algorithm.toLowerCase()} ${c.fingerprint.toUpperCase()}`).join('|');
}
