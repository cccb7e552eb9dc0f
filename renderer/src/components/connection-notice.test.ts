// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { translate } from '../i18n/i18n';
import { connectionOk } from '../session/session-state';
import { elapsedText, noticeKind, SERVER_NOTICE_AFTER_MS } from './connection-notice';

describe('connection notices', () => {
  it('a lost path comes first, then the other side away, then the server (only once it lasts)', () => {
    expect(noticeKind(connectionOk, 0, 'user')).toBeNull();
    expect(noticeKind({ ...connectionOk, serverAwaySince: 1000 }, 1000 + SERVER_NOTICE_AFTER_MS - 1, 'user')).toBeNull();
    expect(noticeKind({ ...connectionOk, serverAwaySince: 1000 }, 1000 + SERVER_NOTICE_AFTER_MS, 'user')).toBe('server');
    const away = { reason: 'restart' as const, since: 0, until: 1 };
    expect(noticeKind({ ...connectionOk, peerAway: away, serverAwaySince: 0 }, 10_000, 'consultant')).toBe('peer-restarting');
    expect(noticeKind({ ...connectionOk, peerAway: { ...away, reason: 'network' } }, 0, 'consultant')).toBe('peer-away');
    expect(noticeKind({ ...connectionOk, peerAway: away }, 0, 'user')).toBe('peer-away');
    expect(noticeKind({ link: 'lost', peerAway: away, serverAwaySince: 0 }, 10_000, 'consultant')).toBe('link-lost');
  });

  it('counts the restart wait in minutes and seconds, in both languages', () => {
    expect(elapsedText((key, vars) => translate('en', key, vars), 80_500)).toBe('1 min 20 s');
    expect(elapsedText((key, vars) => translate('fr', key, vars), 45_000)).toBe('45 s');
  });
});
