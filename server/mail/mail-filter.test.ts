import { describe, expect, it } from 'vitest';
import type { HeaderValue } from 'mailparser';
import { whyIgnored } from './mail-filter';

const mail = (headers: Record<string, HeaderValue>, from: string | null = 'jeanne@example.fr', contentType = 'text/plain') => ({
  headers: new Map(Object.entries(headers)),
  from,
  messageId: '<m1@example.fr>',
  contentType,
});
const notOurs = () => false;

describe('mail that must never get an answer', () => {
  it('lets a person’s message through', () => {
    expect(whyIgnored(mail({ 'auto-submitted': 'no' }), notOurs)).toBeNull();
    expect(whyIgnored(mail({}), notOurs)).toBeNull();
  });

  it('recognises automatic replies, bulk and list mail, bounces and our own messages', () => {
    expect(whyIgnored(mail({ 'auto-submitted': 'auto-replied' }), notOurs)).toBe('auto-submitted');
    expect(whyIgnored(mail({ 'x-autoreply': 'yes' }), notOurs)).toBe('auto-reply');
    expect(whyIgnored(mail({ 'x-auto-response-suppress': 'All' }), notOurs)).toBe('auto-reply');
    for (const precedence of ['bulk', 'junk', 'list']) expect(whyIgnored(mail({ precedence }), notOurs)).toBe('bulk');
    expect(whyIgnored(mail({ 'list-id': { value: '<news.example.fr>', params: {} } }), notOurs)).toBe('bulk');
    expect(whyIgnored(mail({}, 'MAILER-DAEMON@mx.example.fr'), notOurs)).toBe('bounce');
    expect(whyIgnored(mail({}, 'postmaster@example.fr'), notOurs)).toBe('bounce');
    expect(whyIgnored(mail({}, 'jeanne@example.fr', 'multipart/report; report-type=delivery-status'), notOurs)).toBe('bounce');
    expect(whyIgnored(mail({ 'return-path': '<>' }), notOurs)).toBe('bounce');
    expect(whyIgnored(mail({}), (id) => id === '<m1@example.fr>')).toBe('own-message');
  });
});
