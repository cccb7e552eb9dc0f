/**
 * Whether a support session is in progress, as the renderer reports it ('app.setBusy').
 * Only used to hold back things that would cut the person off, such as restarting into an
 * update; it grants nothing, so a renderer that lies can only delay its own update.
 */
export interface SessionActivity {
  isBusy(): boolean;
  setBusy(busy: boolean): void;
}

export function createSessionActivity(): SessionActivity {
  let busy = false;
  return {
    isBusy: () => busy,
    setBusy: (next) => {
      busy = next;
    },
  };
}
