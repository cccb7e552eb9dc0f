/**
 * `tandem://join/<code>` links, e.g. in a help-desk e-mail. A link only ever pre-fills the
 * join screen: the user still reads who is asking and confirms. Anything a web page or an
 * e-mail can produce arrives here, so only that one form is accepted: no other host, no
 * query, no fragment, no user info or port, no other scheme. The code must normalise to
 * 9 digits with shared/session-code's rules.
 */
import { parseRequestLink } from '../../shared/mail';
import { normalizeSessionCode } from '../../shared/session-code';

export const DEEP_LINK_SCHEME = 'tandem';

// Digits with the separators people use ("482 193 675", "482-193-675", "482.193.675"),
// a space possibly percent-encoded by the browser, and at most one trailing slash (Windows
// and some mail clients add one).
const JOIN_LINK = /^tandem:\/\/join\/((?:[0-9 .-]|%20){9,40})\/?$/i;
const MAX_LINK_LENGTH = 128;

/** The session code in a join link, or null for anything else. */
export function parseJoinLink(link: string): string | null {
  if (link.length > MAX_LINK_LENGTH) return null;
  const match = JOIN_LINK.exec(link);
  if (!match) return null;
  return normalizeSessionCode((match[1] ?? '').replace(/%20/g, ' '));
}

/** Windows and Linux hand the link over as a command-line argument: the last one that is a valid join link. */
export function findJoinLinkInArgv(argv: readonly string[]): string | null {
  for (let index = argv.length - 1; index >= 0; index--) {
    const arg = argv[index];
    if (arg === undefined || !arg.toLowerCase().startsWith(`${DEEP_LINK_SCHEME}:`)) continue;
    const code = parseJoinLink(arg);
    if (code !== null) return code;
  }
  return null;
}

/** A link Tandem acts on: a join code, or a help request sent by e-mail (shared/mail.ts's request links). */
export type DeepLink = { type: 'join'; code: string } | { type: 'request'; requestId: string; resumeToken: string };

export function parseDeepLink(link: string): DeepLink | null {
  const code = parseJoinLink(link);
  if (code !== null) return { type: 'join', code };
  const request = parseRequestLink(link);
  return request && { type: 'request', ...request };
}

/** The last argument that is a valid link of either kind. */
export function findDeepLinkInArgv(argv: readonly string[]): DeepLink | null {
  for (let index = argv.length - 1; index >= 0; index--) {
    const arg = argv[index];
    if (arg === undefined || !arg.toLowerCase().startsWith(`${DEEP_LINK_SCHEME}:`)) continue;
    const link = parseDeepLink(arg);
    if (link !== null) return link;
  }
  return null;
}
