/** Parsing of configured targets; anything malformed is reported, never guessed at. */
export interface TcpTarget {
  kind: 'tcp';
  label: string;
  host: string;
  port: number;
}
export interface HttpTarget {
  kind: 'http';
  label: string;
  url: URL;
}
export type Target = TcpTarget | HttpTarget;

/** `host:port`, `[v6]:port` or an http(s) URL (credentials stripped from the label). */
export function parseTarget(text: string): Target | undefined {
  if (/^https?:\/\//i.test(text)) {
    try {
      const url = new URL(text);
      url.username = '';
      url.password = '';
      return { kind: 'http', label: url.origin + url.pathname, url };
    } catch {
      return undefined;
    }
  }
  const match = /^(?:\[([0-9a-fA-F:.]+)\]|([^\s:/[\]]+)):(\d{1,5})$/.exec(text);
  const host = match?.[1] ?? match?.[2];
  const port = Number(match?.[3]);
  if (!host || !Number.isInteger(port) || port < 1 || port > 65535) return undefined;
  return { kind: 'tcp', label: `${host}:${port}`, host, port };
}

/** The organisation's server: ws(s) is checked over http(s), at its health endpoint. */
export function serverTargets(serverUrl: string): { tcp: TcpTarget; http: HttpTarget } | undefined {
  let url: URL;
  try {
    url = new URL(serverUrl);
  } catch {
    return undefined;
  }
  const secure = url.protocol === 'wss:' || url.protocol === 'https:';
  if (!secure && url.protocol !== 'ws:' && url.protocol !== 'http:') return undefined;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const port = Number(url.port) || (secure ? 443 : 80);
  const health = new URL(`${secure ? 'https' : 'http'}://${url.host}/healthz`);
  return { tcp: { kind: 'tcp', label: `${url.host}`, host, port }, http: { kind: 'http', label: health.href, url: health } };
}

export function hostOf(serverUrl: string | undefined): string | undefined {
  if (!serverUrl) return undefined;
  try {
    return new URL(serverUrl).hostname.replace(/^\[|\]$/g, '') || undefined;
  } catch {
    return undefined;
  }
}
