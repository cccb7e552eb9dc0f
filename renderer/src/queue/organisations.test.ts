import { describe, expect, it, vi } from 'vitest';
import type { ClientMessage, RtcConfig, ServerMessage } from '../../../shared/signaling';
import type { SignalingAccess } from '../session/signaling-client';
import { durationText } from './duration';
import { listOrganisations } from './organisations';

describe('listOrganisations', () => {
  const rtc: RtcConfig = { iceServers: [], iceTransportPolicy: 'all', candidateFilter: 'any' };
  /** A fake server answering each message with `reply` (or nothing), recording what it got. */
  function server(reply: ((message: ClientMessage) => ServerMessage | null) | 'unreachable') {
    const sent: ClientMessage[] = [];
    const close = vi.fn();
    const access: SignalingAccess = {
      serverUrl: () => Promise.resolve('ws://h/ws'),
      connect: (_url, handlers) => {
        if (reply === 'unreachable') return Promise.reject(new Error('down'));
        return Promise.resolve({
          rtc,
          send: (message) => {
            sent.push(message);
            const answer = reply(message);
            if (answer) queueMicrotask(() => handlers.onMessage(answer));
          },
          close,
        });
      },
    };
    return { access, sent, close };
  }

  it('asks over the socket and returns the list, then closes the connection', async () => {
    const s = server(() => ({ type: 'organisations', organisations: [{ slug: 'acme', name: 'Acme IT' }], total: 1 }));
    expect(await listOrganisations(s.access)).toEqual([{ slug: 'acme', name: 'Acme IT' }]);
    expect(s.sent).toEqual([{ type: 'organisations.list' }]);
    expect(s.close).toHaveBeenCalled();
  });

  it('returns null when the list is partial, refused, or the server cannot be reached', async () => {
    expect(await listOrganisations(server(() => ({ type: 'organisations', organisations: [{ slug: 'acme', name: 'Acme IT' }], total: 300 })).access)).toBeNull();
    const refused = server((m) => ({ type: 'error', code: 'rate-limited', message: 'slow down', replyTo: m.type }));
    expect(await listOrganisations(refused.access)).toBeNull();
    expect(refused.close).toHaveBeenCalled();
    expect(await listOrganisations(server('unreachable').access)).toBeNull();
  });

  it('gives up on a silent server', async () => {
    vi.useFakeTimers();
    try {
      const silent = server(() => null);
      const listed = listOrganisations(silent.access);
      await vi.advanceTimersByTimeAsync(5000);
      expect(await listed).toBeNull();
      expect(silent.close).toHaveBeenCalled();
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('durationText', () => {
  it('rounds to calm units', () => {
    expect(durationText(20_000)).toEqual({ key: 'time.underAMinute', vars: {} });
    expect(durationText(5 * 60_000 + 10_000)).toEqual({ key: 'time.minutes', vars: { minutes: 5 } });
    expect(durationText(95 * 60_000)).toEqual({ key: 'time.hours', vars: { hours: 1, minutes: 35 } });
  });
});
