import jsQR from 'jsqr';
import { describe, expect, it } from 'vitest';
import type { AccountClient } from './account-client';
import { qrPath } from './qr-code';
import { groupedKey, TotpSetup, type TotpSetupState } from './totp-setup';

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const URI = `otpauth://totp/Tandem:bob%40acme.test?secret=${SECRET}&issuer=Tandem`;

type Outcome = Awaited<ReturnType<AccountClient['request']>>;

/** A fake account whose answers the test gives one by one, in the order questions were asked. */
function setup() {
  let state: TotpSetupState = { phase: 'idle' };
  const asked: unknown[] = [];
  const answers: ((outcome: Outcome) => void)[] = [];
  const totp = new TotpSetup({
    account: {
      request: (question) => {
        asked.push(question);
        return new Promise((resolve) => answers.push(resolve as (outcome: Outcome) => void));
      },
    },
    getState: () => state,
    setState: (next) => {
      state = next;
    },
  });
  /** Answers the oldest unanswered question and lets the setup react. */
  const answer = async (outcome: Outcome) => {
    answers.shift()?.(outcome);
    await Promise.resolve();
    await Promise.resolve();
  };
  return { totp, asked, state: () => state, answer };
}

const enrolment: Outcome = { ok: true, answer: { type: 'totp.enrolment', secret: SECRET, uri: URI } };

describe('TotpSetup', () => {
  it('asks for the password, shows the key, and turns on once the first code is accepted', async () => {
    const s = setup();
    s.totp.open();
    expect(s.state()).toEqual({ phase: 'password', busy: false, problem: null });
    void s.totp.submitPassword('wrong');
    void s.totp.submitPassword('wrong'); // a double click asks once
    expect(s.asked).toEqual([{ type: 'totp.enrol', password: 'wrong' }]);
    await s.answer({ ok: false, reason: 'refused', code: 'invalid-credentials' });
    expect(s.state()).toEqual({ phase: 'password', busy: false, problem: { kind: 'wrong-password' } });

    void s.totp.submitPassword('right');
    await s.answer(enrolment);
    expect(s.state()).toEqual({ phase: 'scan', secret: SECRET, uri: URI, confirming: false, wrongCodes: 0 });

    void s.totp.confirm('123456');
    void s.totp.confirm('123456');
    expect(s.asked.slice(2)).toEqual([{ type: 'totp.confirm', code: '123456' }]);
    await s.answer({ ok: false, reason: 'refused', code: 'invalid-totp' });
    expect(s.state()).toMatchObject({ phase: 'scan', confirming: false, wrongCodes: 1 });

    void s.totp.confirm('654321');
    await s.answer({ ok: true, answer: { type: 'totp.enabled' } });
    expect(s.state()).toEqual({ phase: 'enabled' });
    s.totp.close();
    expect(s.state()).toEqual({ phase: 'idle' });
  });

  it('says when the server refuses (already on) or makes the person wait', async () => {
    const s = setup();
    s.totp.open();
    void s.totp.submitPassword('pw');
    await s.answer({ ok: false, reason: 'refused', code: 'too-many-attempts', retryAfterMs: 8000 });
    expect(s.state()).toEqual({ phase: 'password', busy: false, problem: { kind: 'too-many-attempts', retryAfterMs: 8000 } });
    void s.totp.submitPassword('pw');
    await s.answer({ ok: false, reason: 'refused', code: 'forbidden' });
    expect(s.state()).toEqual({ phase: 'failed', reason: 'refused' });
  });

  it('fails plainly when the connection is lost or the server never answers', async () => {
    for (const reason of ['lost', 'timeout', 'offline'] as const) {
      const s = setup();
      s.totp.open();
      void s.totp.submitPassword('pw');
      await s.answer(enrolment);
      void s.totp.confirm('123456');
      await s.answer({ ok: false, reason });
      expect(s.state()).toEqual({ phase: 'failed', reason: 'lost' });
    }
  });

  it('ignores the answer to a setup that was closed and opened again (the key shown is the one the server keeps)', async () => {
    const s = setup();
    s.totp.open();
    void s.totp.submitPassword('pw');
    s.totp.close();
    s.totp.open();
    void s.totp.submitPassword('pw');
    await s.answer({ ok: true, answer: { type: 'totp.enrolment', secret: 'A'.repeat(32), uri: 'otpauth://old' } });
    expect(s.state()).toEqual({ phase: 'password', busy: true, problem: null });
    await s.answer(enrolment);
    expect(s.state()).toMatchObject({ phase: 'scan', secret: SECRET });
  });
});

describe('qrPath and groupedKey', () => {
  it('draws one unit square per dark module inside a quiet zone', () => {
    const { size, d } = qrPath(URI);
    // Version 5 or so for this length: 37 modules plus 4 on each side.
    expect(size).toBeGreaterThanOrEqual(21 + 8);
    const squares = [...d.matchAll(/M(\d+) (\d+)h1v1h-1z/g)].map((m) => [Number(m[1]), Number(m[2])] as const);
    expect(squares.length).toBe(d.split('M').length - 1);
    // Nothing in the quiet zone; the top-left finder pattern's corner is dark.
    expect(squares.every(([x, y]) => x >= 4 && y >= 4 && x < size - 4 && y < size - 4)).toBe(true);
    expect(squares).toContainEqual([4, 4]);
  });

  it('draws a code a scanner reads back as the otpauth address', () => {
    const { size, d } = qrPath(URI);
    const scale = 4;
    const width = size * scale;
    // White canvas; each drawn square painted black, as the SVG would render.
    const pixels = new Uint8ClampedArray(width * width * 4).fill(255);
    for (const [, x, y] of d.matchAll(/M(\d+) (\d+)h1v1h-1z/g)) {
      for (let dy = 0; dy < scale; dy++) {
        for (let dx = 0; dx < scale; dx++) {
          const offset = ((Number(y) * scale + dy) * width + Number(x) * scale + dx) * 4;
          pixels.fill(0, offset, offset + 3);
        }
      }
    }
    expect(jsQR(pixels, width, width)?.data).toBe(URI);
  });

  it('groups the key by four for typing', () => {
    expect(groupedKey(SECRET)).toBe('JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP');
  });
});
