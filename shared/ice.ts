import type { RtcConfig, SignalData } from './signaling';

/** Address part of an ICE candidate line ("candidate:… 1 udp 2122 127.0.0.1 5000 typ host"). */
export function candidateAddress(candidateLine: string): string | null {
  const fields = candidateLine.trim().split(/\s+/);
  return fields.length >= 8 ? (fields[4] ?? null) : null;
}

export function isLoopbackAddress(address: string): boolean {
  return /^127(\.\d{1,3}){3}$/.test(address) || address === '::1';
}

/**
 * Whether a locally gathered signal may be sent to the other side under the configured filter.
 * An empty candidate (end of gathering) always passes; under 'loopback' every other address is dropped.
 */
export function mayLeaveThisMachine(data: SignalData, filter: RtcConfig['candidateFilter']): boolean {
  if (filter === 'any' || !('type' in data) || data.type !== 'candidate') return true;
  const line = data.candidate.candidate;
  if (line === '') return true;
  const address = candidateAddress(line);
  return address !== null && isLoopbackAddress(address);
}
