import { mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { repairOutcomeSchema, type RepairId } from '../../../shared/diagnostics';
import { silentLogger } from '../../../shared/log';
import { fakeRunner, type Script } from '../diagnostics/test-fixtures';
import { powershell, psCall, windowsElevated } from './elevation';
import { createComputerRestart } from './computer-restart';
import { UnknownRepairError, runRepair } from './run-repair';
import type { RepairDeps } from './types';

function deps(platform: NodeJS.Platform, script: Script = () => ({}), overrides: Partial<RepairDeps> = {}) {
  const runner = fakeRunner(script);
  const launched: [string, readonly string[]][] = [];
  const value: RepairDeps = {
    platform,
    runner,
    launch: (file, args) => {
      launched.push([file, args]);
      return Promise.resolve({ status: 'ok', exitCode: 0, stdout: '', stderr: '', durationMs: 0, reason: '' });
    },
    exists: () => Promise.resolve(true),
    tmpDir: os.tmpdir(),
    now: () => 0,
    log: silentLogger,
    // The real restart logic over the fake runner, with no delay: nothing real ever runs.
    restart: createComputerRestart({ platform, runner, log: silentLogger, setTimer: (run) => run() }),
    ...overrides,
  };
  return { runner, launched, deps: value };
}

async function commandsOf(platform: NodeJS.Platform, id: RepairId) {
  const { runner, launched, deps: d } = deps(platform);
  const outcome = await runRepair(id, d);
  expect(repairOutcomeSchema.parse(outcome).status).toBe('succeeded');
  return [...runner.calls.map((c) => [c.file, ...c.args]), ...launched.map(([f, a]) => ['launch', f, ...a])];
}

const decode = (command: string[]) => {
  const encoded = /-EncodedCommand','([A-Za-z0-9+/=]+)'/.exec(command[4] ?? '')?.[1] ?? '';
  return Buffer.from(encoded, 'base64').toString('utf16le');
};

describe('repairs run exactly their catalogue commands', () => {
  it('Linux', async () => {
    expect(await commandsOf('linux', 'dns.flush')).toEqual([['pkexec', '/usr/bin/resolvectl', 'flush-caches']]);
    expect(await commandsOf('linux', 'network.renew-dhcp')).toEqual([['/usr/bin/nmcli', 'networking', 'off'], ['/usr/bin/nmcli', 'networking', 'on']]);
    expect(await commandsOf('linux', 'printing.restart-spooler')).toEqual([['pkexec', '/usr/bin/systemctl', 'restart', 'cups']]);
    expect(await commandsOf('linux', 'printing.clear-queue')).toEqual([['/usr/bin/cancel', '-a']]);
    expect(await commandsOf('linux', 'settings.open-network')).toEqual([['launch', '/usr/bin/gnome-control-center', 'network']]);
    expect(await commandsOf('linux', 'settings.open-printers')).toEqual([['launch', '/usr/bin/gnome-control-center', 'printers']]);
  });

  it('macOS', async () => {
    expect(await commandsOf('darwin', 'dns.flush')).toEqual([['osascript', '-e', 'do shell script "/usr/bin/dscacheutil -flushcache; /usr/bin/killall -HUP mDNSResponder" with administrator privileges']]);
    expect(await commandsOf('darwin', 'network.renew-dhcp')).toEqual([['osascript', '-e', 'do shell script "/usr/sbin/ipconfig set en0 DHCP" with administrator privileges']]);
    expect(await commandsOf('darwin', 'printing.restart-spooler')).toEqual([['osascript', '-e', 'do shell script "/bin/launchctl kickstart -k system/org.cups.cupsd" with administrator privileges']]);
    expect(await commandsOf('darwin', 'printing.clear-queue')).toEqual([['/usr/bin/cancel', '-a']]);
    expect(await commandsOf('darwin', 'settings.open-network')).toEqual([['launch', 'open', 'x-apple.systempreferences:com.apple.preference.network']]);
    expect(await commandsOf('darwin', 'settings.open-printers')).toEqual([['launch', 'open', 'x-apple.systempreferences:com.apple.preference.printfax']]);
    expect(await commandsOf('darwin', 'settings.open-security')).toEqual([['launch', 'open', 'x-apple.systempreferences:com.apple.preference.security']]);
  });

  it('Windows', async () => {
    const ps = ['powershell.exe', '-NoProfile', '-NonInteractive', '-Command'];
    expect(await commandsOf('win32', 'dns.flush')).toEqual([['ipconfig.exe', '/flushdns']]);
    expect(await commandsOf('win32', 'network.renew-dhcp')).toEqual([['ipconfig.exe', '/release'], ['ipconfig.exe', '/renew']]);
    expect(await commandsOf('win32', 'security.quick-scan')).toEqual([[...ps, 'Start-MpScan -ScanType QuickScan']]);
    expect(await commandsOf('win32', 'settings.open-network')).toEqual([['launch', 'explorer.exe', 'ms-settings:network-status']]);
    expect(await commandsOf('win32', 'settings.open-printers')).toEqual([['launch', 'explorer.exe', 'ms-settings:printers']]);
    expect(await commandsOf('win32', 'settings.open-security')).toEqual([['launch', 'explorer.exe', 'windowsdefender:']]);

    const [reset] = await commandsOf('win32', 'network.reset-stack');
    expect(reset?.slice(0, 4)).toEqual(ps);
    expect(reset?.[4]).toMatch(/^\$p = Start-Process -FilePath 'powershell\.exe' -ArgumentList .* -Verb RunAs -Wait -PassThru; exit \$p\.ExitCode$/);
    expect(decode(reset ?? [])).toBe(
      "& 'netsh.exe' 'winsock' 'reset'; if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }; & 'netsh.exe' 'int' 'ip' 'reset'; if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }",
    );
    const [spooler] = await commandsOf('win32', 'printing.restart-spooler');
    expect(decode(spooler ?? [])).toBe('Restart-Service -Name Spooler -Force -ErrorAction Stop');
    const [queue] = await commandsOf('win32', 'printing.clear-queue');
    expect(decode(queue ?? [])).toBe('Get-Printer | ForEach-Object { Get-PrintJob -PrinterName $_.Name | Remove-PrintJob }');
  });

  it('quotes PowerShell literals safely', () => {
    expect(psCall("a'b", 'c d')).toBe("& 'a''b' 'c d'; if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }");
    expect(windowsElevated('x').file).toBe(powershell('y').file);
  });
});

describe('system.restart-computer', () => {
  const flush = () => new Promise((resolve) => setImmediate(resolve));
  const canReboot = (answer: string): Script => (file) => (file === '/usr/bin/busctl' ? { stdout: `s "${answer}"\n` } : {});

  it('Linux: asks logind, then runs systemctl reboot', async () => {
    const { runner, deps: d } = deps('linux', canReboot('yes'));
    const outcome = await runRepair('system.restart-computer', d);
    await flush();
    expect(outcome.status).toBe('succeeded');
    expect(outcome.stdout).toMatch(/restarts in 3 seconds/);
    expect(runner.calls.map((c) => [c.file, ...c.args])).toEqual([
      ['/usr/bin/busctl', 'call', 'org.freedesktop.login1', '/org/freedesktop/login1', 'org.freedesktop.login1.Manager', 'CanReboot'],
      ['/usr/bin/systemctl', 'reboot'],
    ]);
  });

  it.each([
    ['no', /does not allow you/],
    ['challenge', /needs an administrator/],
    ['na', /cannot be restarted/],
  ])('Linux: logind says %s, so nothing restarts and the reason is clear', async (answer, reason) => {
    const { runner, deps: d } = deps('linux', canReboot(answer));
    const outcome = await runRepair('system.restart-computer', d);
    await flush();
    expect(outcome.status).toBe('failed');
    expect(outcome.stderr).toMatch(reason);
    expect(runner.calls.map((c) => c.file)).toEqual(['/usr/bin/busctl']);
  });

  it('Linux: falls back to dbus-send without busctl, and refuses without logind', async () => {
    const viaDbus = deps('linux', (file) => (file === '/usr/bin/dbus-send' ? { stdout: '   yes\n' } : undefined));
    expect((await runRepair('system.restart-computer', viaDbus.deps)).status).toBe('succeeded');
    const none = deps('linux', (file) => (file === '/usr/bin/systemctl' ? {} : undefined));
    const outcome = await runRepair('system.restart-computer', none.deps);
    await flush();
    expect(outcome.status).toBe('unavailable');
    expect(outcome.stderr).toMatch(/cannot check/);
    expect(none.runner.calls.map((c) => c.file)).toEqual(['/usr/bin/busctl', '/usr/bin/dbus-send']);
  });

  it('Windows and macOS use their own restart command, after the delay', async () => {
    const timers: number[] = [];
    for (const [platform, command] of [
      ['win32', ['shutdown.exe', '/r', '/t', '5']],
      ['darwin', ['/usr/bin/osascript', '-e', 'tell app "System Events" to restart']],
    ] as const) {
      const runner = fakeRunner(() => ({}));
      const pending: (() => void)[] = [];
      const restart = createComputerRestart({ platform, runner, log: silentLogger, setTimer: (run, ms) => (timers.push(ms), void pending.push(run)) });
      const { deps: d } = deps(platform, () => ({}), { runner, restart });
      expect((await runRepair('system.restart-computer', d)).status).toBe('succeeded');
      // Nothing runs before the delay is over.
      expect(runner.calls).toEqual([]);
      pending.forEach((run) => run());
      await flush();
      expect(runner.calls.map((c) => [c.file, ...c.args])).toEqual([command]);
    }
    expect(timers).toEqual([3000, 3000]);
  });
});

describe('runRepair', () => {
  it('refuses unknown ids without running anything', async () => {
    const { runner, deps: d } = deps('linux');
    await expect(runRepair('network.reset-stack', d)).rejects.toBeInstanceOf(UnknownRepairError);
    await expect(runRepair('$(reboot)', d)).rejects.toBeInstanceOf(UnknownRepairError);
    expect(runner.calls).toHaveLength(0);
  });

  it('stops at the first failing step and reports its exit code and output', async () => {
    const { runner, deps: d } = deps('win32', (_f, args) => (args[0] === '/release' ? { status: 'failed', exitCode: 1, stdout: 'out', stderr: 'denied' } : {}));
    expect(await runRepair('network.renew-dhcp', d)).toMatchObject({ status: 'failed', exitCode: 1, stdout: 'out', stderr: 'denied' });
    expect(runner.calls).toHaveLength(1);
  });

  it('is unavailable when the program is not installed', async () => {
    const { runner, deps: d } = deps('linux', undefined, { exists: () => Promise.resolve(false) });
    expect(await runRepair('dns.flush', d)).toMatchObject({ status: 'unavailable', stderr: '/usr/bin/resolvectl is not installed on this computer.\n' });
    expect(runner.calls).toHaveLength(0);
  });

  it('reports timeouts and missing programs from the runner', async () => {
    const timedOut = deps('win32', () => ({ status: 'timed-out', exitCode: null, reason: 'no answer within 30000 ms' }));
    expect(await runRepair('dns.flush', timedOut.deps)).toMatchObject({ status: 'timed-out', stderr: 'no answer within 30000 ms\n' });
    const missing = deps('win32', () => undefined);
    expect((await runRepair('dns.flush', missing.deps)).status).toBe('unavailable');
  });
});

describe('system.clear-temp, for real on a temporary folder', () => {
  let dir = '';
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('deletes only old files of the user and reports what it did', async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'tandem-repair-'));
    writeFileSync(path.join(dir, 'old.tmp'), 'x'.repeat(100));
    writeFileSync(path.join(dir, 'new.tmp'), 'y');
    const old = new Date(Date.now() - 30 * 86_400_000);
    utimesSync(path.join(dir, 'old.tmp'), old, old);
    const { deps: d } = deps('linux', undefined, { tmpDir: dir, now: () => Date.now() });
    const outcome = await runRepair('system.clear-temp', d);
    expect(outcome).toMatchObject({ status: 'succeeded', exitCode: 0 });
    expect(outcome.stdout).toMatch(/^Removed 1 files/);
    expect(readdirSync(dir)).toEqual(['new.tmp']);
  });
});
