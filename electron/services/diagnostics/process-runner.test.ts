import { describe, expect, it } from 'vitest';
import { launchDetached, runProcess } from './process-runner';

const node = process.execPath;

describe('runProcess', () => {
  it('runs a program with an argument array, no shell', async () => {
    const result = await runProcess(node, ['-e', 'process.stdout.write(process.argv[1])', '$(echo injected); rm -rf /']);
    expect(result).toMatchObject({ status: 'ok', exitCode: 0, stdout: '$(echo injected); rm -rf /' });
  });
  it('reports a missing program as unavailable', async () => {
    expect(await runProcess('tandem-no-such-program', [])).toMatchObject({ status: 'unavailable', exitCode: null });
  });
  it('reports a non-zero exit with its code and stderr', async () => {
    expect(await runProcess(node, ['-e', 'process.stderr.write("bad"); process.exit(3)'])).toMatchObject({ status: 'failed', exitCode: 3, stderr: 'bad' });
  });
  it('kills a program that runs past its timeout', async () => {
    expect(await runProcess(node, ['-e', 'setInterval(() => {}, 1000)'], { timeoutMs: 100 })).toMatchObject({ status: 'timed-out' });
  });
  it('stops on abort', async () => {
    const controller = new AbortController();
    const pending = runProcess(node, ['-e', 'setInterval(() => {}, 1000)'], { signal: controller.signal });
    controller.abort();
    expect((await pending).status).toBe('timed-out');
  });
  it('bounds the output it keeps', async () => {
    const result = await runProcess(node, ['-e', 'process.stdout.write("x".repeat(200000))'], { maxOutputBytes: 1000 });
    expect(result.status).toBe('ok');
    expect(result.stdout.length).toBe(1000);
  });
  it('passes extra environment variables', async () => {
    expect((await runProcess(node, ['-e', 'process.stdout.write(process.env.LC_ALL ?? "")'], { env: { LC_ALL: 'C' } })).stdout).toBe('C');
  });
  it('launchDetached reports whether the program started', async () => {
    expect((await launchDetached(node, ['-e', '0'])).status).toBe('ok');
    expect((await launchDetached('tandem-no-such-program', [])).status).toBe('unavailable');
  });
});
