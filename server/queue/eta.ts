/**
 * Estimated wait for a waiting help request, from the organisation's recent handling times.
 *
 *   H = median of (closedAt − claimedAt) over the organisation's last ETA_SAMPLE requests
 *       closed within ETA_WINDOW_MS (the median, so one marathon session does not skew it)
 *   c = number of distinct consultants of the organisation currently watching the queue (at least 1)
 *   estimatedWaitMs(position p) = round(H × p / c)
 *
 * p rather than p − 1: consultants are assumed busy with the request they hold, so even the
 * first in line waits about one handling time per consultant. With no closed request in the
 * window there is no estimate (null): the user is told it will be as soon as possible rather
 * than a made-up number.
 */
export const ETA_SAMPLE = 20;
export const ETA_WINDOW_MS = 7 * 24 * 60 * 60 * 1000;

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const upper = sorted[middle] ?? 0;
  return sorted.length % 2 === 1 ? upper : ((sorted[middle - 1] ?? upper) + upper) / 2;
}

export function estimateWaitMs(handlingTimes: readonly number[], position: number, consultants: number): number | null {
  const typical = median(handlingTimes.filter((ms) => Number.isFinite(ms) && ms >= 0));
  if (typical === null) return null;
  return Math.round((typical * position) / Math.max(1, consultants));
}
