import { describe, expect, it } from 'vitest';
import { runCheck } from '../check';
import { config, fakeContext, fakeRunner, type Script } from '../test-fixtures';
import { WINDOWS_PRINTERS_SCRIPT, printersStatus } from './printers';
import { parseLpstat } from './printers-parse';
import { decodeProductState, securityAntivirus } from './security-antivirus';
import { securityFirewall } from './security-firewall';

const on = (platform: NodeJS.Platform, script: Script) => {
  const runner = fakeRunner(script);
  return { runner, ctx: fakeContext({ platform, runner }) };
};

describe('printers.status', () => {
  it('is unknown with a plain reason when lpstat is missing', async () => {
    const result = await runCheck(printersStatus, config(), fakeContext());
    expect(result).toMatchObject({ status: 'unknown', detail: 'lpstat not found: CUPS is not installed' });
    expect(result.verdict.fr).toBe('Aucun système d’impression n’est installé sur cet ordinateur.');
  });
  it('reads CUPS printers, default and stuck jobs', async () => {
    const { runner, ctx } = on('linux', (_file, args) =>
      args[0] === '-p'
        ? { stdout: 'printer Office is idle.  enabled since Mon Jan  1 10:00:00 2024\nprinter Lab disabled since Mon Jan  1 10:00:00 2024 -\n\tPaused\nsystem default destination: Office\n' }
        : { stdout: 'Lab-12   alice   1024   Thu May  9 10:00:00 2024\n' },
    );
    const result = await runCheck(printersStatus, config(), ctx);
    expect(result).toMatchObject({ status: 'fail', data: { defaultPrinter: 'Office', stuckJobs: 1 } });
    expect(runner.calls.map((c) => [c.file, c.args])).toEqual([['lpstat', ['-p', '-d']], ['lpstat', ['-o']]]);
    expect(runner.calls[0]?.options?.env).toEqual({ LC_ALL: 'C' });
  });
  it('counts an old job on a working printer as stuck', () => {
    const snap = parseLpstat('printer P is idle.\n', 'P-1 bob 10 Thu May  9 10:00:00 2024\n', Date.parse('2024-05-10T12:00:00'), 15 * 60_000);
    expect(snap.stuckJobs).toBe(1);
  });
  it('reads Windows printers through a fixed PowerShell script', async () => {
    const json = JSON.stringify({ printers: [{ Name: 'HP', PrinterStatus: 'Normal', JobCount: 0 }], default: 'HP', jobs: [] });
    const { runner, ctx } = on('win32', () => ({ stdout: json }));
    expect(await runCheck(printersStatus, config(), ctx)).toMatchObject({ status: 'ok', data: { defaultPrinter: 'HP', stuckJobs: 0 } });
    expect(runner.calls[0]).toMatchObject({ file: 'powershell.exe', args: ['-NoProfile', '-NonInteractive', '-Command', WINDOWS_PRINTERS_SCRIPT] });
  });
});

describe('security', () => {
  it('decodes Security Center product states', () => {
    expect(decodeProductState(397568)).toEqual({ enabled: true, upToDate: true }); // 0x061100: Defender on
    expect(decodeProductState(393472)).toEqual({ enabled: false, upToDate: true }); // 0x060100: off
    expect(decodeProductState(397584)).toEqual({ enabled: true, upToDate: false }); // 0x061110
  });
  it('Windows antivirus via SecurityCenter2', async () => {
    const { runner, ctx } = on('win32', () => ({ stdout: '{"displayName":"Windows Defender","productState":397568}' }));
    expect((await runCheck(securityAntivirus, config(), ctx)).status).toBe('ok');
    expect(runner.calls[0]?.args).toEqual(['-NoProfile', '-NonInteractive', '-Command', 'Get-CimInstance -Namespace root/SecurityCenter2 -ClassName AntiVirusProduct | Select-Object displayName,productState | ConvertTo-Json -Compress']);
  });
  it('Windows Server without Security Center is unknown, not "no antivirus"', async () => {
    const { ctx } = on('win32', () => ({ status: 'failed', exitCode: 1, stderr: 'Invalid namespace' }));
    expect((await runCheck(securityAntivirus, config(), ctx)).status).toBe('unknown');
  });
  it('macOS firewall and Gatekeeper', async () => {
    const { runner, ctx } = on('darwin', (file) => (file === 'spctl' ? { stdout: 'assessments enabled\n' } : { stdout: 'Firewall is disabled. (State = 0)\n' }));
    expect((await runCheck(securityAntivirus, config(), ctx)).status).toBe('ok');
    expect((await runCheck(securityFirewall, config(), ctx)).status).toBe('warn');
    expect(runner.calls.map((c) => [c.file, c.args])).toEqual([['spctl', ['--status']], ['/usr/libexec/ApplicationFirewall/socketfilterfw', ['--getglobalstate']]]);
  });
  it('Linux firewall via systemd; unknown without systemd or any scanner', async () => {
    const active = on('linux', () => ({ status: 'failed', exitCode: 3, stdout: 'active\ninactive\ninactive\n' }));
    expect(await runCheck(securityFirewall, config(), active.ctx)).toMatchObject({ status: 'ok', data: { services: { ufw: 'active' } } });
    expect(active.runner.calls[0]?.args).toEqual(['is-active', 'ufw', 'firewalld', 'nftables']);
    const noSystemd = on('linux', () => ({ status: 'failed', exitCode: 1, stderr: 'System has not been booted with systemd' }));
    expect((await runCheck(securityFirewall, config(), noSystemd.ctx)).status).toBe('unknown');
    expect((await runCheck(securityAntivirus, config(), fakeContext())).status).toBe('unknown');
  });
});
