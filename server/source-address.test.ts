import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { isProxyEntry, LOOPBACK_PROXIES, NO_PROXIES, sourceAddress, throttleKey, trustProxies } from './source-address';

const requestFrom = (remoteAddress: string, forwardedFor?: string) =>
  ({ socket: { remoteAddress }, headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor } }) as unknown as IncomingMessage;

describe('source address', () => {
  const proxies = trustProxies(['10.0.0.0/8', '2001:db8:ffff::/48', '192.0.2.10']);

  it('ignores X-Forwarded-For unless a proxy is trusted', () => {
    expect(sourceAddress(requestFrom('10.0.0.1', '1.2.3.4'), NO_PROXIES)).toBe('10.0.0.1');
  });

  it('ignores a forged X-Forwarded-For from a peer that is not one of our proxies', () => {
    expect(sourceAddress(requestFrom('198.51.100.7', '1.2.3.4'), proxies)).toBe('198.51.100.7');
    expect(sourceAddress(requestFrom('::ffff:198.51.100.7', '10.0.0.2, 1.2.3.4'), proxies)).toBe('198.51.100.7');
  });

  it('takes the right-most hop that is not a trusted proxy, not the client-written ones', () => {
    expect(sourceAddress(requestFrom('10.0.0.1', '6.6.6.6, 1.2.3.4'), proxies)).toBe('1.2.3.4');
    // Two of our proxies in a row (192.0.2.10 forwarded to 10.0.0.1): the hop before them is the client.
    expect(sourceAddress(requestFrom('::ffff:10.0.0.1', '6.6.6.6, 1.2.3.4, 192.0.2.10'), proxies)).toBe('1.2.3.4');
    expect(sourceAddress(requestFrom('2001:db8:ffff:1::5', '2001:db8:1:2::9'), proxies)).toBe('2001:db8:1:2::/64');
    expect(sourceAddress(requestFrom('10.0.0.1', 'garbage'), proxies)).toBe('10.0.0.1');
    expect(sourceAddress(requestFrom('10.0.0.1', '6.6.6.6, garbage, 10.0.0.3'), proxies)).toBe('10.0.0.3');
    expect(sourceAddress(requestFrom('10.0.0.1'), proxies)).toBe('10.0.0.1');
  });

  it('the deprecated TRUST_PROXY means a proxy on loopback only', () => {
    const loopback = trustProxies(LOOPBACK_PROXIES);
    expect(sourceAddress(requestFrom('127.0.0.1', '1.2.3.4'), loopback)).toBe('1.2.3.4');
    expect(sourceAddress(requestFrom('::1', '1.2.3.4'), loopback)).toBe('1.2.3.4');
    expect(sourceAddress(requestFrom('10.0.0.1', '1.2.3.4'), loopback)).toBe('10.0.0.1');
  });

  it('accepts addresses and CIDR blocks only', () => {
    expect(['10.0.0.1', '10.0.0.0/8', '::1', 'fd00::/8', '0.0.0.0/0'].every(isProxyEntry)).toBe(true);
    expect(['10.0.0.0/33', 'fd00::/129', 'proxy.local', '10.0.0.0/8/1', '10.0.0.0/', ''].some(isProxyEntry)).toBe(false);
    expect(() => trustProxies(['nope'])).toThrow(/nope/);
  });

  it('unwraps IPv4-mapped addresses and groups IPv6 by /64', () => {
    expect(throttleKey('::ffff:127.0.0.1')).toBe('127.0.0.1');
    expect(throttleKey('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(throttleKey('2001:0db8:0001:0002:ffff:ffff:ffff:ffff')).toBe('2001:db8:1:2::/64');
    expect(throttleKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(throttleKey('::1')).toBe('0:0:0:0::/64');
  });
});
