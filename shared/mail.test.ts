import { describe, expect, it } from 'vitest';
import { mailTokenFrom, mailTokenSchema, parseRequestLink, requestLink, subjectTag, tokenInAddress, tokenInSubject } from './mail';

const ID = '3f1c1f0e-8a8b-4c55-9a55-2a7c1d7e0b11';
const TOKEN = 'A'.repeat(43);

describe('thread tokens', () => {
  it('are 8 unambiguous characters found back in a subject or a plus address', () => {
    const token = mailTokenFrom(new Uint8Array([0, 1, 2, 3, 30, 31, 62, 255]));
    expect(token).toBe('0123YZYZ');
    expect(mailTokenSchema.safeParse(token).success).toBe(true);
    expect(tokenInSubject(`Re: Re: printer ${subjectTag(token)}`)).toBe(token);
    expect(tokenInSubject('Re: [#k7wq2m9d] lower case')).toBe('K7WQ2M9D');
    expect(tokenInSubject('no tag [#SHORT]')).toBeNull();
    expect(tokenInAddress('support+K7WQ2M9D@example.org')).toBe('K7WQ2M9D');
    expect(tokenInAddress('support@example.org')).toBeNull();
  });
});

describe('request links', () => {
  it('round-trip, and nothing but that one form is accepted', () => {
    expect(parseRequestLink(requestLink(ID, TOKEN))).toEqual({ requestId: ID, resumeToken: TOKEN });
    expect(parseRequestLink(`${requestLink(ID, TOKEN)}/`)).toEqual({ requestId: ID, resumeToken: TOKEN });
    for (const bad of [`${requestLink(ID, TOKEN)}?x=1`, `https://request/${ID}/${TOKEN}`, `tandem://request/${ID}/${TOKEN.slice(1)}`, `tandem://request/not-a-uuid-not-a-uuid-not-a-uuid-xxxx/${TOKEN}`, `tandem://join/${ID}/${TOKEN}`]) {
      expect(parseRequestLink(bad)).toBeNull();
    }
  });
});
