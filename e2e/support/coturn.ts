import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { accepts, freePort } from '../../server/test-support/free-port';

export interface Coturn {
  url: string;
  secret: string;
  /** Stops the relay (every allocation is lost), as a network cut between the apps and it would. */
  halt(): Promise<void>;
  /** Starts it again on the same port with the same secret. */
  start(): Promise<void>;
  stop(): Promise<void>;
}


/**
 * A real coturn on loopback with the TURN REST secret the signaling server shares: the
 * same credential scheme a deployment uses, relaying only between 127.0.0.1 addresses.
 */
export async function startCoturn(): Promise<Coturn> {
  const dir = await mkdtemp(join(tmpdir(), 'tandem-coturn-'));
  const port = await freePort();
  const relayBase = 40000 + Math.floor(Math.random() * 20000);
  const secret = randomBytes(16).toString('hex');
  let child: ChildProcess | null = null;
  let exited: Promise<void> = Promise.resolve();
  const launch = async () => {
    const started = spawn(
      'turnserver',
      [
        '-n',
        '--listening-ip=127.0.0.1',
        '--relay-ip=127.0.0.1',
        '--use-auth-secret',
        `--static-auth-secret=${secret}`,
        '--realm=tandem.test',
        '--no-tls',
        '--no-dtls',
        `-p`,
        String(port),
        '--allow-loopback-peers',
        '--no-cli',
        // The hardening of build/turnserver.conf, but for loopback (the test apps are on 127.0.0.1):
        // a session must connect, and restart ICE, within these quotas.
        '--no-multicast-peers',
        '--denied-peer-ip=10.0.0.0-10.255.255.255',
        '--denied-peer-ip=172.16.0.0-172.31.255.255',
        '--denied-peer-ip=192.168.0.0-192.168.255.255',
        '--user-quota=20',
        '--total-quota=1200',
        '--max-bps=500000',
        `--min-port=${relayBase}`,
        `--max-port=${relayBase + 200}`,
        `--pidfile=${join(dir, 'turnserver.pid')}`,
        `--userdb=${join(dir, 'turndb')}`,
        '--log-file=stdout',
      ],
      { stdio: 'ignore' },
    );
    child = started;
    exited = new Promise<void>((resolve) => started.once('exit', () => resolve()));
    for (let waited = 0; !(await accepts(port)); waited += 100) {
      if (waited > 10_000 || started.exitCode !== null) throw new Error('coturn did not start');
      await sleep(100);
    }
  };
  const halt = async () => {
    child?.kill('SIGTERM');
    child = null;
    await exited;
  };
  await launch();
  return {
    url: `turn:127.0.0.1:${port}?transport=udp`,
    secret,
    halt,
    start: launch,
    async stop() {
      await halt();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
