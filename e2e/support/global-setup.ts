import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

export const SCREEN = { width: 1280, height: 800 };

/** A private Xvfb display of the given size on the first free number; resolves once its socket is up. */
export async function startXvfb(size: { width: number; height: number }): Promise<{ display: string; stop: () => Promise<void> }> {
  let display = 99;
  while (existsSync(`/tmp/.X11-unix/X${display}`) || existsSync(`/tmp/.X${display}-lock`)) display += 1;
  // -noreset: without it the server resets whenever its last client (a browser) leaves.
  const xvfb = spawn('Xvfb', [`:${display}`, '-screen', '0', `${size.width}x${size.height}x24`, '-nolisten', 'tcp', '-noreset'], {
    stdio: 'ignore',
  });
  const exited = new Promise<void>((resolve) => xvfb.once('exit', () => resolve()));
  for (let waited = 0; !existsSync(`/tmp/.X11-unix/X${display}`); waited += 50) {
    if (waited > 10_000 || xvfb.exitCode !== null) throw new Error(`Xvfb did not start on :${display}`);
    await sleep(50);
  }
  return {
    display: `:${display}`,
    stop: async () => {
      xvfb.kill('SIGTERM');
      await exited;
    },
  };
}

/** Starts a private Xvfb display for the whole run and returns its teardown. */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const xvfb = await startXvfb(SCREEN);
  process.env.DISPLAY = xvfb.display;
  return xvfb.stop;
}
