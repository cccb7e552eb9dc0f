/**
 * The harness's stand-ins for the host's file and clipboard glue: a temporary Downloads
 * folder per app, the native open dialog answered by the test, and an in-memory clipboard.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HarnessPrompt } from './harness-consent';

const created: string[] = [];
process.once('exit', () => {
  for (const dir of created) rmSync(dir, { recursive: true, force: true });
});

/** A fresh, empty "Downloads" folder, removed when the test process exits. */
export function temporaryDownloadsDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tandem-downloads-'));
  created.push(dir);
  return dir;
}

/** The open dialog: each `pick` waits for the test to choose a path (or cancel with null). */
export class HarnessFilePicker {
  readonly prompt = new HarnessPrompt<'pick'>();
  private chosen: string | null = null;

  async pick(): Promise<string | null> {
    const picked = await this.prompt.ask('pick');
    return picked ? this.chosen : null;
  }

  /** Waits for the dialog to open, then picks `path` (null: the user cancels). */
  async choose(path: string | null, timeoutMs?: number): Promise<void> {
    this.chosen = path;
    await this.prompt.answer(path !== null, timeoutMs);
  }
}
