import { describe, expect, it } from 'vitest';
import { buildContentSecurityPolicy, signalingOrigin } from './csp';

describe('buildContentSecurityPolicy', () => {
  it('allows only the app bundle and the signaling server origin', () => {
    expect(buildContentSecurityPolicy('wss://signal.example.org/ws?room=1')).toBe(
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; media-src 'self' blob:; font-src 'self'; " +
        "connect-src 'self' wss://signal.example.org; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    );
  });

  it('keeps a non-default port and drops the path', () => {
    expect(buildContentSecurityPolicy('ws://127.0.0.1:8787/ws')).toContain("connect-src 'self' ws://127.0.0.1:8787;");
  });

  it('allows no connection but to the app bundle when the URL is not a plain ws(s) URL', () => {
    for (const url of ['https://signal.example.org', 'not a url', 'ws://user:pw@signal.example.org/', '']) {
      expect(buildContentSecurityPolicy(url)).toContain("connect-src 'self';");
    }
  });

  it('cannot be widened through the URL', () => {
    expect(signalingOrigin("wss://signal.example.org/;script-src 'unsafe-inline' *")).toBe('wss://signal.example.org');
    expect(buildContentSecurityPolicy('wss://signal.example.org/ *; script-src *')).not.toContain('script-src *');
  });
});
