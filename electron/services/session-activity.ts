/**
 * Whether a support session is in progress, as the renderer reports it ('app.setBusy').
 * Only used to hold back things that would cut the person off, such as restarting into an
 * update; it grants nothing, so a renderer that lies can only delay its own update.
 */
export interface SessionActivity {
  isBusy(): boolean;
  setBusy(busy: boolean): void;
  /** Called each time a session ends (busy → not busy); returns the unsubscribe. */
  onEnded(listener: () => void): () => void;
}

export function createSessionActivity(): SessionActivity {
  let busy = false;
  const ended = new Set<() => void>();
  return {
    isBusy: () => busy,
    setBusy: (next) => {
      const wasBusy = busy;
      busy = next;
      if (wasBusy && !next) for (const listener of ended) listener();
    },
    onEnded: (listener) => {
      ended.add(listener);
      return () => ended.delete(listener);
    },
  };
}
