/**
 * The renderer's Content-Security-Policy, sent as a response header by the app protocol.
 * Nothing is allowed by default; scripts and styles come only from the app bundle, and the
 * only network peer is the configured signaling server (WebRTC media itself is not
 * governed by connect-src). `connect-src 'self'` lets the renderer fetch files of its own
 * bundle (the fonts a PDF report embeds), which reaches nothing outside the app.
 */
export function buildContentSecurityPolicy(serverUrl: string): string {
  const signaling = signalingOrigin(serverUrl);
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "media-src 'self' blob:",
    "font-src 'self'",
    signaling ? `connect-src 'self' ${signaling}` : "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** The ws(s) origin of the signaling URL, or null when it is not one (then the renderer reaches only its own bundle). */
export function signalingOrigin(serverUrl: string): string | null {
  try {
    const url = new URL(serverUrl);
    if (url.protocol !== 'ws:' && url.protocol !== 'wss:') return null;
    if (url.username !== '' || url.password !== '') return null;
    // `url.origin` is built by the URL parser, so no quote, semicolon or space from the
    // settings file can reach the header and widen the policy.
    return url.origin;
  } catch {
    return null;
  }
}
