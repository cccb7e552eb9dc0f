/**
 * A sweep run from the server's periodic tick at most once per `intervalMs` by its clock, and
 * never twice at once (a slow run is not overlapped by the next tick).
 */
export function intervalSweep(intervalMs: number, now: () => number, run: (now: number) => Promise<void>): () => Promise<void> {
  let lastRun = Number.NEGATIVE_INFINITY;
  let running = false;
  return async () => {
    const at = now();
    if (running || at - lastRun < intervalMs) return;
    running = true;
    lastRun = at;
    try {
      await run(at);
    } finally {
      running = false;
    }
  };
}
