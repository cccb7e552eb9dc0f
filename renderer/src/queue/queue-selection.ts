import type { QueueItem } from '../../../shared/queue';

/**
 * The consultant's selection of waiting requests to dismiss together: pure helpers, so the
 * screen keeps only a set of ids and whatever left the queue (claimed, ended) drops out of it.
 */
export function pruneSelection(selected: ReadonlySet<string>, items: readonly QueueItem[]): Set<string> {
  return new Set(items.filter((item) => item.state === 'waiting' && selected.has(item.id)).map((item) => item.id));
}

export function toggleSelected(selected: ReadonlySet<string>, id: string): Set<string> {
  const next = new Set(selected);
  if (!next.delete(id)) next.add(id);
  return next;
}

/** The shown waiting requests from the same network as `id` (its opaque group label), itself included. */
export function sameNetworkAs(items: readonly QueueItem[], id: string): string[] {
  const group = items.find((item) => item.id === id)?.networkGroup;
  return group === undefined ? [] : items.filter((item) => item.state === 'waiting' && item.networkGroup === group).map((item) => item.id);
}

export function withAll(selected: ReadonlySet<string>, ids: readonly string[]): Set<string> {
  return new Set([...selected, ...ids]);
}
