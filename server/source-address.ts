import { isIP } from 'node:net';
import type { IncomingMessage } from 'node:http';

/**
 * The address a join attempt is throttled under.
 *
 * X-Forwarded-For is only believed when the operator says a proxy is in front (TRUST_PROXY);
 * otherwise any client could pick a fresh "address" per attempt. Even then we take the
 * entry nearest to us (the last one: the address our own proxy saw and appended), because
 * everything to its left was written by the client and can be forged.
 */
export function sourceAddress(request: IncomingMessage, trustProxy: boolean): string {
  const direct = request.socket.remoteAddress ?? 'unknown';
  if (!trustProxy) return throttleKey(direct);
  const header = request.headers['x-forwarded-for'];
  const value = Array.isArray(header) ? header.join(',') : header;
  const hops = (value ?? '').split(',').map((hop) => hop.trim()).filter((hop) => hop !== '');
  const nearest = hops.at(-1);
  return throttleKey(nearest !== undefined && isIP(nearest) !== 0 ? nearest : direct);
}

/**
 * IPv4 addresses as-is (IPv4-mapped IPv6 unwrapped); IPv6 addresses reduced to their /64,
 * since one subscriber usually holds a whole /64 and could otherwise rotate through 2^64
 * addresses to escape the throttle.
 */
export function throttleKey(address: string): string {
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  if (mapped?.[1]) return mapped[1];
  if (isIP(address) !== 6) return address;
  const groups = expandIpv6(address);
  return groups ? `${groups.slice(0, 4).join(':')}::/64` : address;
}

function expandIpv6(address: string): string[] | null {
  const withoutZone = address.split('%')[0] ?? address;
  const [head = '', tail] = withoutZone.split('::');
  const parse = (part: string) => (part === '' ? [] : part.split(':'));
  const left = parse(head);
  const right = tail === undefined ? [] : parse(tail);
  // An embedded IPv4 tail (::1.2.3.4) occupies two groups; the prefix is all we need, so pad it.
  const ipv4Groups = right.at(-1)?.includes('.') || left.at(-1)?.includes('.') ? 1 : 0;
  const missing = 8 - left.length - right.length - ipv4Groups;
  if (tail === undefined && missing !== 0) return null;
  const groups = [...left, ...Array<string>(Math.max(missing, 0)).fill('0'), ...right];
  return groups.map((group) => (group.includes('.') ? group : group.toLowerCase().replace(/^0+(?=.)/, '')));
}
