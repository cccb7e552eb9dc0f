import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { sourceAddress, throttleKey } from './source-address';

const requestFrom = (remoteAddress: string, forwardedFor?: string) =>
  ({ socket: { remoteAddress }, headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor } }) as unknown as IncomingMessage;

describe('source address', () => {
  it('ignores X-Forwarded-For unless a proxy is trusted', () => {
    expect(sourceAddress(requestFrom('10.0.0.1', '1.2.3.4'), false)).toBe('10.0.0.1');
  });

  it('takes the hop our proxy appended (the last), not the client-written ones', () => {
    expect(sourceAddress(requestFrom('10.0.0.1', '6.6.6.6, 1.2.3.4'), true)).toBe('1.2.3.4');
    expect(sourceAddress(requestFrom('10.0.0.1', 'garbage'), true)).toBe('10.0.0.1');
    expect(sourceAddress(requestFrom('10.0.0.1'), true)).toBe('10.0.0.1');
  });

  it('unwraps IPv4-mapped addresses and groups IPv6 by /64', () => {
    expect(throttleKey('::ffff:127.0.0.1')).toBe('127.0.0.1');
    expect(throttleKey('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(throttleKey('2001:0db8:0001:0002:ffff:ffff:ffff:ffff')).toBe('2001:db8:1:2::/64');
    expect(throttleKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(throttleKey('::1')).toBe('0:0:0:0::/64');
  });
});
