import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { accepts, freePort } from './test-support/free-port';

/**
 * The sample coturn configuration operators copy (build/turnserver.conf) and the snippet of
 * docs/deployment.md: a real coturn accepts every line of it, and the two stay in step.
 */
const SAMPLE = readFileSync(new URL('../build/turnserver.conf', import.meta.url), 'utf8');
const DOCS = readFileSync(new URL('../docs/deployment.md', import.meta.url), 'utf8');

const settings = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));

describe('build/turnserver.conf', () => {
  it('hands out no static accounts, denies private and loopback peers, and sets the quotas', () => {
    const lines = settings(SAMPLE);
    expect(lines).toEqual(expect.arrayContaining(['use-auth-secret', 'no-cli', 'no-multicast-peers', 'denied-peer-ip=127.0.0.0-127.255.255.255', 'denied-peer-ip=10.0.0.0-10.255.255.255', 'denied-peer-ip=192.168.0.0-192.168.255.255', 'denied-peer-ip=::1']));
    for (const quota of ['user-quota=', 'total-quota=', 'max-bps=']) expect(lines.some((line) => line.startsWith(quota))).toBe(true);
    expect(lines.filter((line) => /^(user|lt-cred-mech|allow-loopback-peers|allowed-peer-ip)(=|$)/.test(line))).toEqual([]);
  });

  it('holds every setting of the snippet in docs/deployment.md', () => {
    const section = DOCS.slice(DOCS.indexOf('**Hardening.**'));
    const snippet = /```\n([\s\S]*?)```/.exec(section)?.[1];
    expect(snippet).toBeDefined();
    const sample = new Set(settings(SAMPLE));
    expect(settings(snippet ?? '').filter((line) => !sample.has(line))).toEqual([]);
  });

  it('is accepted by a real coturn, line by line', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tandem-turnconf-'));
    const [port, tlsPort] = [await freePort(), await freePort()];
    const relayBase = 40000 + Math.floor(Math.random() * 20000);
    // The machine-specific lines change (ports, addresses, files); every other line is the sample's.
    const local = SAMPLE.split('\n')
      .filter((line) => !/^(cert|pkey|log-file|min-port|max-port)=/.test(line))
      .map((line) => line.replace(/^listening-port=.*/, `listening-port=${port}`).replace(/^tls-listening-port=.*/, `tls-listening-port=${tlsPort}`).replace('<the same value as TURN_SECRET>', 'a-long-shared-secret-for-the-test'))
      .concat([`listening-ip=127.0.0.1`, `relay-ip=127.0.0.1`, `min-port=${relayBase}`, `max-port=${relayBase + 50}`, `pidfile=${join(dir, 'pid')}`, `userdb=${join(dir, 'db')}`, 'log-file=stdout']);
    const file = join(dir, 'turnserver.conf');
    await writeFile(file, local.join('\n'));
    const child = spawn('turnserver', ['-c', file], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    try {
      for (let waited = 0; !(await accepts(port)); waited += 100) {
        if (waited > 10_000 || child.exitCode !== null) throw new Error(`coturn did not start:\n${output}`);
        await sleep(100);
      }
      // coturn read the file: it lists each denied range as it takes it.
      const denied = settings(SAMPLE).filter((line) => line.startsWith('denied-peer-ip=')).map((line) => line.slice('denied-peer-ip='.length));
      expect(denied.length).toBeGreaterThan(10);
      for (const range of denied) expect(output).toContain(`Black listing: ${range}`);
      expect(output).not.toMatch(/Bad configuration format|CONFIG ERROR|Unknown/i);
    } finally {
      child.kill('SIGTERM');
      await exited;
      await rm(dir, { recursive: true, force: true });
    }
  });
});
