import { describe, expect, it } from 'vitest';
import { serverUrlProblem, serverUrlSchema } from './server-url';

describe('server address', () => {
  it.each(['wss://help.example.com/ws', 'wss://10.0.0.5:8787/ws', 'ws://127.0.0.1:8787/ws', 'ws://127.8.9.10/ws', 'ws://localhost:8787/ws', 'ws://LOCALHOST/ws', 'ws://[::1]:8787/ws'])('accepts %s', (url) => {
    expect(serverUrlProblem(url)).toBeNull();
    expect(serverUrlSchema.safeParse(url).success).toBe(true);
  });

  it.each(['ws://help.example.com/ws', 'ws://192.168.1.10:8787/ws', 'ws://[2001:db8::1]/ws', 'ws://127.0.0.1.evil.example/ws', 'ws://localhost.evil.example/ws', 'ws://0.0.0.0:8787/ws'])(
    'refuses the clear-text %s (passwords would cross the network unencrypted)',
    (url) => {
      expect(serverUrlProblem(url)).toBe('insecure');
      const parsed = serverUrlSchema.safeParse(url);
      expect(parsed.success).toBe(false);
      expect(parsed.error?.issues[0]?.message).toMatch(/must be wss:\/\//);
    },
  );

  it.each(['http://127.0.0.1:8787', 'https://help.example.com', 'wss://user:pw@help.example.com/ws', 'not a url', ''])('refuses %o as not a server address', (url) => {
    expect(serverUrlProblem(url)).toBe('invalid');
    expect(serverUrlSchema.safeParse(url).success).toBe(false);
  });
});
