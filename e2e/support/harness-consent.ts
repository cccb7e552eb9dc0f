/**
 * Stands in for the host's native prompts (control consent, repair approval). The test plays
 * the user answering; the request goes through the same services and handler table as in the app.
 */
export class HarnessPrompt<Request> {
  readonly asked: Request[] = [];
  private pending: ((allow: boolean) => void) | null = null;
  private waiters: (() => void)[] = [];

  ask(request: Request, signal?: AbortSignal): Promise<boolean> {
    this.asked.push(request);
    return new Promise((resolve) => {
      this.pending = resolve;
      signal?.addEventListener('abort', () => {
        this.pending = null;
        resolve(false);
      });
      this.waiters.splice(0).forEach((wake) => wake());
    });
  }

  /** Waits for the prompt to be shown, then answers it. */
  async answer(allow: boolean, timeoutMs = 15_000): Promise<void> {
    if (!this.pending) {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no prompt was shown')), timeoutMs);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    const answer = this.pending;
    this.pending = null;
    answer?.(allow);
  }
}
