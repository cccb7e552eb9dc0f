import type { CertificateFingerprint } from '../../../shared/safety-code';

export interface NegotiatedCertificates {
  local: CertificateFingerprint;
  remote: CertificateFingerprint;
}

type StatsEntry = {
  type: string;
  id?: string;
  localCertificateId?: string;
  remoteCertificateId?: string;
  dtlsState?: string;
  fingerprint?: string;
  fingerprintAlgorithm?: string;
};

/**
 * The two DTLS certificates this connection actually negotiated, from its own stats (the
 * transport's local and remote certificate ids), never from an SDP alone: an SDP can say
 * anything, the DTLS handshake cannot. Null until DTLS is up.
 *
 * Chromium sometimes reports a connected DTLS transport without its remote certificate (seen
 * in the e2e run with someone in the middle, DTLS 1.3: the id stays missing for good), so one
 * side would never show a code. Then, and only with `dtlsState` 'connected', the remote
 * description's fingerprint stands in: WebRTC completes the handshake only with a peer whose
 * certificate has exactly that fingerprint (RFC 8827), so once connected it names the same
 * certificate. Anything ambiguous (several different fingerprints) gives null.
 */
export function negotiatedCertificates(stats: RTCStatsReport, remoteSdp?: string): NegotiatedCertificates | null {
  const entries = stats as unknown as Map<string, StatsEntry>;
  let transport: StatsEntry | undefined;
  entries.forEach((entry) => {
    if (entry.type === 'transport' && entry.localCertificateId && (entry.remoteCertificateId || entry.dtlsState === 'connected')) transport ??= entry;
  });
  if (!transport?.localCertificateId) return null;
  const local = certificate(entries.get(transport.localCertificateId));
  const remote = transport.remoteCertificateId
    ? certificate(entries.get(transport.remoteCertificateId))
    : transport.dtlsState === 'connected' && remoteSdp !== undefined
      ? sdpFingerprint(remoteSdp)
      : null;
  return local && remote ? { local, remote } : null;
}

/** The one certificate fingerprint an SDP names (`a=fingerprint:sha-256 AB:CD:…`); null for none or several different ones. */
export function sdpFingerprint(sdp: string): CertificateFingerprint | null {
  const found = new Map<string, CertificateFingerprint>();
  for (const match of sdp.matchAll(/^a=fingerprint:(\S+) (\S+)\s*$/gim)) {
    const [, algorithm, fingerprint] = match;
    if (algorithm && fingerprint) found.set(`${algorithm.toLowerCase()} ${fingerprint.toUpperCase()}`, { algorithm, fingerprint });
  }
  return found.size === 1 ? ([...found.values()][0] ?? null) : null;
}

function certificate(entry: StatsEntry | undefined): CertificateFingerprint | null {
  if (entry?.type !== 'certificate' || !entry.fingerprint || !entry.fingerprintAlgorithm) return null;
  return { algorithm: entry.fingerprintAlgorithm, fingerprint: entry.fingerprint };
}

/** The same pair in a stable form: a renegotiation that kept both certificates keeps the confirmation. */
export function certificatesKey(certificates: NegotiatedCertificates): string {
  return [certificates.local, certificates.remote].map((c) => `${c.algorithm.toLowerCase()} ${c.fingerprint.toUpperCase()}`).join('|');
}
