import { vi } from 'vitest';

/** Test helper: a peer link whose every method is a mock; `route` answers what the test says the path is. */
export function fakePeerLink(route: 'direct' | 'relayed' | null = null) {
  return {
    signal: vi.fn(),
    send: vi.fn(() => true),
    addStream: vi.fn(),
    removeStream: vi.fn(),
    replaceTrack: vi.fn(),
    route: vi.fn(() => Promise.resolve(route)),
    restartIce: vi.fn(),
    resendOffer: vi.fn(),
    destroy: vi.fn(),
    setIceServers: vi.fn(),
  };
}
