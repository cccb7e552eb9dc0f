import type { ConsentPrompter } from '../../electron/services/control/control-service';

/**
 * Stands in for Electron's native control prompt. The test plays the user answering it;
 * the request goes through the same ControlService and handler table as in the app.
 */
export class HarnessConsent implements ConsentPrompter {
  readonly asked: string[] = [];
  private pending: ((allow: boolean) => void) | null = null;
  private waiters: (() => void)[] = [];

  ask({ consultantName }: { consultantName: string }, signal: AbortSignal): Promise<boolean> {
    this.asked.push(consultantName);
    return new Promise((resolve) => {
      this.pending = resolve;
      signal.addEventListener('abort', () => {
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
        const timer = setTimeout(() => reject(new Error('no control prompt was shown')), timeoutMs);
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
