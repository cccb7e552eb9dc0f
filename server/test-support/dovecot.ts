/**
 * Test helper: a real Dovecot IMAP server (Debian's dovecot-imapd) on a free loopback port, in a
 * throwaway directory, as an unprivileged process (`nobody` when the tests run as root), with
 * plaintext logins from a passwd-file: every user has the password `secret` and an empty Maildir.
 * Starts in well under a second. Used only by *.test.ts.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import { accepts, freePort } from './free-port';

export const DOVECOT_BIN = process.env.DOVECOT_BIN ?? '/usr/sbin/dovecot';
export const MAILBOX_PASSWORD = 'secret';

export interface TestDovecot {
  readonly port: number;
  /** Stops the server (the mail stays on disk), to simulate an outage. */
  pause(): Promise<void>;
  resume(): Promise<void>;
  stop(): Promise<void>;
}

const asRoot = () => process.getuid?.() === 0;

export async function startDovecot(users: readonly string[]): Promise<TestDovecot> {
  if (!existsSync(DOVECOT_BIN)) throw new Error(`Dovecot is not installed (no ${DOVECOT_BIN}): install Debian's dovecot-imapd package, or set DOVECOT_BIN`);
  const dir = mkdtempSync(path.join(tmpdir(), 'tandem-dovecot-'));
  for (const sub of ['run', 'state', 'home']) mkdirSync(path.join(dir, sub));
  // The unprivileged server writes its sockets, state and mailboxes here.
  for (const sub of ['', 'run', 'state', 'home']) chmodSync(path.join(dir, sub), 0o777);
  const me = asRoot() ? { user: 'nobody', group: 'nogroup' } : { user: userInfo().username, group: String(process.getgid?.() ?? userInfo().gid) };
  const port = await freePort();
  writeFileSync(path.join(dir, 'users'), users.map((u) => `${u}:{PLAIN}${MAILBOX_PASSWORD}`).join('\n') + '\n', { mode: 0o644 });
  const uid = asRoot() ? 'nobody' : String(userInfo().uid);
  const gid = asRoot() ? 'nogroup' : String(process.getgid?.() ?? userInfo().gid);
  writeFileSync(
    path.join(dir, 'dovecot.conf'),
    `base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${dir}/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
listen = 127.0.0.1
protocols = imap
default_internal_user = ${me.user}
default_login_user = ${me.user}
default_internal_group = ${me.group}
mail_location = maildir:~/Maildir
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
  chroot =
}
service anvil {
  chroot =
}
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${dir}/users
}
userdb {
  driver = static
  args = uid=${uid} gid=${gid} home=${dir}/home/%u
}
`,
    { mode: 0o644 },
  );
  let child: ChildProcess | null = null;
  const start = async () => {
    const args = ['-F', '-c', path.join(dir, 'dovecot.conf')];
    child = asRoot() ? spawn('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', DOVECOT_BIN, ...args], { stdio: 'ignore', cwd: dir }) : spawn(DOVECOT_BIN, args, { stdio: 'ignore', cwd: dir });
    const started = Date.now();
    while (!(await accepts(port))) {
      if (child.exitCode !== null || Date.now() - started > 10_000) throw new Error(`Dovecot did not start (see ${dir}/dovecot.log)`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  const halt = async () => {
    const running = child;
    child = null;
    if (!running || running.exitCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill('SIGTERM');
    await exited;
  };
  await start();
  return {
    port,
    pause: halt,
    resume: start,
    async stop() {
      await halt();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
