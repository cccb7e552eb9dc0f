import type SimplePeer from 'simple-peer';

/**
 * The only place that reaches into simple-peer's private fields. simple-peer keeps its
 * RTCPeerConnection in the undocumented `_pc` and offers no way to restart ICE or to read
 * stats in the shape we need, and it destroys the whole peer when ICE reports 'failed' — which
 * a network cut of a few seconds can cause, although an ICE restart would recover it. Keeping
 * this access in one small file means a simple-peer upgrade is checked here, once.
 */
export function peerConnectionOf(peer: SimplePeer.Instance): RTCPeerConnection | undefined {
  return (peer as unknown as { _pc?: RTCPeerConnection })._pc;
}

/**
 * Stops simple-peer from destroying the peer on an ICE or connection state of 'failed': the
 * session decides (it restarts ICE, and gives up after the policy's limit). simple-peer sets
 * these handlers as properties in its constructor, so wrapping them here is enough; every
 * other state still reaches simple-peer unchanged.
 */
export function surviveIceFailure(pc: RTCPeerConnection): void {
  const onIce = pc.oniceconnectionstatechange;
  pc.oniceconnectionstatechange = (event) => {
    if (pc.iceConnectionState !== 'failed') onIce?.call(pc, event);
  };
  const onConnection = pc.onconnectionstatechange;
  pc.onconnectionstatechange = (event) => {
    if (pc.connectionState !== 'failed') onConnection?.call(pc, event);
  };
}

/** Asks for an offer with fresh ICE credentials (new candidates, new TURN allocations) through simple-peer's usual negotiation. */
export function restartIce(peer: SimplePeer.Instance, pc: RTCPeerConnection): void {
  pc.restartIce();
  // simple-peer ignores 'negotiationneeded'; its (untyped) negotiate() makes the offer, which now restarts ICE.
  (peer as unknown as { negotiate(): void }).negotiate();
}
