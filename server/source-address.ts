import { BlockList, isIP } from 'node:net';
import type { IncomingMessage } from 'node:http';

/** Which direct peers are our own proxies (TRUSTED_PROXIES): only their X-Forwarded-For is believed. */
export type ProxyTrust = (address: string) => boolean;

export const NO_PROXIES: ProxyTrust = () => false;
/** What the deprecated TRUST_PROXY meant in practice: a proxy on this machine. */
export const LOOPBACK_PROXIES: readonly string[] = ['127.0.0.0/8', '::1'];

/** A single address or a CIDR block, IPv4 or IPv6; anything else is a configuration error. */
export function isProxyEntry(entry: string): boolean {
  const [address = '', bits, extra] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || extra !== undefined) return false;
  if (bits === undefined) return true;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128);
}

export function trustProxies(entries: readonly string[]): ProxyTrust {
  if (entries.length === 0) return NO_PROXIES;
  const list = new BlockList();
  for (const entry of entries) {
    if (!isProxyEntry(entry)) throw new Error(`not an address or CIDR block: ${entry}`);
    const [address = '', bits] = entry.split('/');
    const type = isIP(address) === 4 ? 'ipv4' : 'ipv6';
    if (bits === undefined) list.addAddress(address, type);
    else list.addSubnet(address, Number(bits), type);
  }
  return (address) => {
    const plain = unmapped(address);
    const family = isIP(plain);
    return family !== 0 && list.check(plain, family === 4 ? 'ipv4' : 'ipv6');
  };
}

/**
 * The address a join attempt is throttled under.
 *
 * X-Forwarded-For is read only when the direct peer is one of our proxies; otherwise any
 * client could pick a fresh "address" per attempt by writing the header itself. Even then the
 * hops are walked from the right (each appended by the proxy that saw the one before) and the
 * first one that is not a trusted proxy is taken: everything to its left was written by the
 * client and can be forged.
 */
export function sourceAddress(request: IncomingMessage, trusted: ProxyTrust): string {
  let address = request.socket.remoteAddress ?? 'unknown';
  const header = request.headers['x-forwarded-for'];
  const value = Array.isArray(header) ? header.join(',') : header;
  const hops = (value ?? '').split(',').map((hop) => hop.trim()).filter((hop) => hop !== '');
  while (trusted(address)) {
    const hop = hops.pop();
    // A garbled hop ends the walk at the proxy that passed it on: no better address is known.
    if (hop === undefined || isIP(hop) === 0) break;
    address = hop;
  }
  return throttleKey(address);
}

/**
 * IPv4 addresses as-is (IPv4-mapped IPv6 unwrapped); IPv6 addresses reduced to their /64,
 * since one subscriber usually holds a whole /64 and could otherwise rotate through 2^64
 * addresses to escape the throttle.
 */
export function throttleKey(address: string): string {
  const plain = unmapped(address);
  if (plain !== address) return plain;
  if (isIP(address) !== 6) return address;
  const groups = expandIpv6(address);
  return groups ? `${groups.slice(0, 4).join(':')}::/64` : address;
}

/**
 * The network a source belongs to, for limits shared by neighbours: /24 for IPv4, /48 for IPv6
 * (a site). Takes an address or a throttle key (`…::/64`); anything else is its own network.
 */
export function networkPrefix(source: string): string {
  const address = unmapped(source.split('/')[0] ?? source);
  if (isIP(address) === 4) return `${address.split('.').slice(0, 3).join('.')}.0/24`;
  const groups = isIP(address) === 6 ? expandIpv6(address) : null;
  return groups ? `${groups.slice(0, 3).join(':')}::/48` : source;
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

function unmapped(address: string): string {
  return /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address)?.[1] ?? address;
}
