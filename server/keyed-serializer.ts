/**
 * Runs async tasks one after another per key. Join attempts from one address go through it
 * so that a burst of parallel attempts cannot all pass the throttle check before the first
 * failure is recorded. (It only serializes within one process; a shared store will need an
 * atomic check-and-count of its own.)
 */
export function createKeyedSerializer(): <T>(key: string, task: () => Promise<T>) => Promise<T> {
  const tails = new Map<string, Promise<unknown>>();
  return <T>(key: string, task: () => Promise<T>): Promise<T> => {
    const previous = tails.get(key) ?? Promise.resolve();
    const result = previous.then(task);
    const tail = result.catch(() => undefined);
    tails.set(key, tail);
    void tail.then(() => {
      if (tails.get(key) === tail) tails.delete(key);
    });
    return result;
  };
}
