import { describe, expect, it } from 'vitest';
import { alertDue, DEFAULT_WAIT_TARGETS, targetMsOf, waitLevel, waitTargetsSchema, withDefaults } from './wait-targets';

describe('target waits', () => {
  it('is approaching from 80 % of the target and overdue from the target on', () => {
    const target = 10 * 60_000;
    expect(waitLevel(0, target)).toBe('on-time');
    expect(waitLevel(target * 0.8 - 1, target)).toBe('on-time');
    expect(waitLevel(target * 0.8, target)).toBe('approaching');
    expect(waitLevel(target - 1, target)).toBe('approaching');
    expect(waitLevel(target, target)).toBe('overdue');
  });

  it('makes each alert due once per level, and only the overdue one after a jump past the target', () => {
    expect(alertDue('on-time', null)).toBeNull();
    expect(alertDue('approaching', null)).toBe('approaching');
    expect(alertDue('approaching', 'approaching')).toBeNull();
    expect(alertDue('overdue', 'approaching')).toBe('overdue');
    expect(alertDue('overdue', null)).toBe('overdue');
    expect(alertDue('overdue', 'overdue')).toBeNull();
    expect(alertDue('approaching', 'overdue')).toBeNull();
  });

  it('fills categories an organisation never set with the default, and validates what an admin sends', () => {
    const targets = withDefaults([{ category: 'printer', minutes: 5 }]);
    expect(targetMsOf(targets, 'printer')).toBe(5 * 60_000);
    expect(targetMsOf(targets, 'network')).toBe(30 * 60_000);
    expect(waitTargetsSchema.safeParse(DEFAULT_WAIT_TARGETS).success).toBe(true);
    expect(waitTargetsSchema.safeParse(DEFAULT_WAIT_TARGETS.slice(1)).success).toBe(false);
    const twice = [...DEFAULT_WAIT_TARGETS.slice(1), { category: 'printer', minutes: 5 }];
    expect(waitTargetsSchema.safeParse(twice).success).toBe(false);
    expect(waitTargetsSchema.safeParse(DEFAULT_WAIT_TARGETS.map((t) => ({ ...t, minutes: 0 }))).success).toBe(false);
    expect(waitTargetsSchema.safeParse(DEFAULT_WAIT_TARGETS.map((t) => ({ ...t, minutes: 1.5 }))).success).toBe(false);
    expect(waitTargetsSchema.safeParse(DEFAULT_WAIT_TARGETS.map((t) => ({ ...t, extra: true }))).success).toBe(false);
  });
});
