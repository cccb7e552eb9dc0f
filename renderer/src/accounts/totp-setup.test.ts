import jsQR from 'jsqr';
import { describe, expect, it, vi } from 'vitest';
import type { ClientMessage, ServerMessage } from '../../../shared/signaling';
import type { AccountListener } from './account-client';
import { qrPath } from './qr-code';
import { groupedKey, TotpSetup, type TotpSetupState } from './totp-setup';

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const URI = `otpauth://totp/Tandem:bob%40acme.test?secret=${SECRET}&issuer=Tandem`;

function setup() {
  let state: TotpSetupState = { phase: 'idle' };
  const sent: ClientMessage[] = [];
  let listener: AccountListener | null = null;
  const unlisten = vi.fn(() => {
    listener = null;
  });
  const totp = new TotpSetup({
    account: {
      send: (message) => sent.push(message),
      listen: (l) => {
        listener = l;
        return unlisten;
      },
    },
    getState: () => state,
    setState: (next) => {
      state = next;
    },
  });
  return { totp, sent, state: () => state, fromServer: (message: ServerMessage) => listener?.onMessage(message), lose: () => listener?.onLost?.(), unlisten };
}

describe('TotpSetup', () => {
  it('asks for a key, shows it, and turns on once the first code is accepted', () => {
    const s = setup();
    s.totp.start();
    expect(s.sent).toEqual([{ type: 'totp.enrol' }]);
    expect(s.state()).toEqual({ phase: 'requesting' });
    s.fromServer({ type: 'totp.enrolment', secret: SECRET, uri: URI });
    expect(s.state()).toEqual({ phase: 'scan', secret: SECRET, uri: URI, confirming: false, problem: null });

    s.totp.confirm('123456');
    s.totp.confirm('123456'); // a double click sends once
    expect(s.sent.slice(1)).toEqual([{ type: 'totp.confirm', code: '123456' }]);
    s.fromServer({ type: 'error', code: 'invalid-totp', message: 'no', replyTo: 'totp.confirm' });
    expect(s.state()).toMatchObject({ phase: 'scan', confirming: false, problem: 'invalid-code' });

    s.totp.confirm('654321');
    s.fromServer({ type: 'totp.enabled' });
    expect(s.state()).toEqual({ phase: 'enabled' });
    s.totp.close();
    expect(s.unlisten).toHaveBeenCalled();
    expect(s.state()).toEqual({ phase: 'idle' });
  });

  it('says when the server refuses (already on) and ignores other features’ errors', () => {
    const s = setup();
    s.totp.start();
    s.fromServer({ type: 'error', code: 'forbidden', message: 'claimed by a colleague', replyTo: 'queue.claim' });
    expect(s.state()).toEqual({ phase: 'requesting' });
    s.fromServer({ type: 'error', code: 'forbidden', message: 'already on', replyTo: 'totp.enrol' });
    expect(s.state()).toEqual({ phase: 'failed', reason: 'refused' });
  });

  it('fails plainly when the connection is lost half-way', () => {
    const s = setup();
    s.totp.start();
    s.fromServer({ type: 'totp.enrolment', secret: SECRET, uri: URI });
    s.lose();
    expect(s.state()).toEqual({ phase: 'failed', reason: 'lost' });
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
