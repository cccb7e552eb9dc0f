/**
 * Help in good time (issue 17, part 4): each organisation sets how long a request of each
 * category should wait at most. A request is "approaching" its target from APPROACHING_SHARE
 * of it, and "overdue" past it; the console marks both, consultants are alerted once per
 * level, and the person waiting is told honestly that it takes longer than hoped.
 */
import * as z from 'zod';
import { REQUEST_CATEGORIES, requestCategorySchema, type RequestCategory } from './request-category';

export const APPROACHING_SHARE = 0.8;
export const WAIT_TARGET_MINUTES = { min: 1, max: 8 * 60, default: 30 } as const;

export const waitLevelSchema = z.enum(['on-time', 'approaching', 'overdue']);
export type WaitLevel = z.infer<typeof waitLevelSchema>;
/** The levels an alert is sent for, in the order they are reached. */
export type AlertLevel = Exclude<WaitLevel, 'on-time'>;

const minutesSchema = z.number().int().min(WAIT_TARGET_MINUTES.min).max(WAIT_TARGET_MINUTES.max);

/** One target per category, every category listed once. */
export const waitTargetsSchema = z
  .array(z.strictObject({ category: requestCategorySchema, minutes: minutesSchema }))
  .length(REQUEST_CATEGORIES.length)
  .refine((targets) => new Set(targets.map((t) => t.category)).size === targets.length, 'each category is listed once');
export type WaitTargets = z.infer<typeof waitTargetsSchema>;

export const DEFAULT_WAIT_TARGETS: WaitTargets = REQUEST_CATEGORIES.map((category) => ({ category, minutes: WAIT_TARGET_MINUTES.default }));

/** The organisation's stored targets over the defaults, in category order. */
export function withDefaults(stored: readonly { category: RequestCategory; minutes: number }[]): WaitTargets {
  const byCategory = new Map(stored.map((t) => [t.category, t.minutes]));
  return REQUEST_CATEGORIES.map((category) => ({ category, minutes: byCategory.get(category) ?? WAIT_TARGET_MINUTES.default }));
}

export const targetMsOf = (targets: WaitTargets, category: RequestCategory): number => (targets.find((t) => t.category === category)?.minutes ?? WAIT_TARGET_MINUTES.default) * 60_000;

/** Where a wait stands against its target. */
export function waitLevel(waitedMs: number, targetMs: number): WaitLevel {
  if (waitedMs >= targetMs) return 'overdue';
  return waitedMs >= targetMs * APPROACHING_SHARE ? 'approaching' : 'on-time';
}

const rank: Record<WaitLevel, number> = { 'on-time': 0, approaching: 1, overdue: 2 };

/**
 * The alert due now, given the last level already alerted for this request (null: none yet):
 * each level once, and a request that jumped straight past its target (a sweep missed the
 * approaching window) gets only the overdue alert.
 */
export function alertDue(level: WaitLevel, alerted: AlertLevel | null): AlertLevel | null {
  if (level === 'on-time') return null;
  return rank[level] > rank[alerted ?? 'on-time'] ? level : null;
}
