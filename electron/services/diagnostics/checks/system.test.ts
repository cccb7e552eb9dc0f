import { describe, expect, it } from 'vitest';
import { runCheck } from '../check';
import { config, fakeContext, fakeSystemInfo } from '../test-fixtures';
import { systemBattery } from './system-battery';
import { systemDiskHealth, systemDiskSpace } from './system-disks';
import { systemCpu, systemMemory } from './system-load';
import { systemOs } from './system-os';
import { systemProcesses } from './system-processes';
import { parseDpkgLog, systemSoftware } from './system-software';
import { systemUpdates } from './system-updates';

const GIB = 2 ** 30;
const run = (check: Parameters<typeof runCheck>[0], si = fakeSystemInfo(), extra = {}) => runCheck(check, config(), fakeContext({ si, ...extra }));

describe('system checks', () => {
  it('says the disk is almost full in both languages', async () => {
    const si = fakeSystemInfo({ fsSize: () => Promise.resolve([{ fs: '/dev/sda1', type: 'ext4', mount: '/', size: 500 * GIB, available: 15 * GIB }, { fs: 'tmpfs', type: 'tmpfs', mount: '/run', size: 2 * GIB, available: 0 }]) });
    const result = await run(systemDiskSpace, si);
    expect(result.status).toBe('warn');
    expect(result.verdict.en).toBe('Your disk is almost full (3% free on /).');
    expect(result.verdict.fr).toBe('Votre disque est presque plein (3 % libre sur /).');
  });
  it('disk health is unknown when no SMART status is exposed, fail on predicted failure', async () => {
    expect((await run(systemDiskHealth)).status).toBe('unknown');
    const failing = fakeSystemInfo({ diskLayout: () => Promise.resolve([{ name: 'sda', type: 'HD', smartStatus: 'Predicted Failure' }]) });
    expect((await run(systemDiskHealth, failing)).status).toBe('fail');
  });
  it('battery: unknown without one, warns when worn', async () => {
    expect(await run(systemBattery)).toMatchObject({ status: 'unknown', verdict: { en: 'No battery was found on this computer.' } });
    const worn = fakeSystemInfo({ battery: () => Promise.resolve({ hasBattery: true, designedCapacity: 50_000, maxCapacity: 25_000, percent: 80, cycleCount: 900, isCharging: false }) });
    expect(await run(systemBattery, worn)).toMatchObject({ status: 'warn', data: { healthPercent: 50 } });
  });
  it('memory, CPU, OS and processes report plain values', async () => {
    expect(await run(systemMemory)).toMatchObject({ status: 'ok', data: { freePercent: 50 } });
    expect(await run(systemCpu)).toMatchObject({ status: 'ok', data: { loadPercent: 13 } });
    expect((await run(systemCpu, fakeSystemInfo({ loadAverage: () => Promise.resolve({ oneMinute: 7.9, cores: 4 }) }))).status).toBe('warn');
    const windows = fakeSystemInfo({ currentLoad: () => Promise.resolve({ currentLoad: 97 }) });
    expect((await runCheck(systemCpu, config(), fakeContext({ si: windows, platform: 'win32' }))).status).toBe('warn');
    expect((await run(systemOs, fakeSystemInfo({ uptimeSeconds: () => Promise.resolve(30 * 86_400) }))).status).toBe('warn');
    expect((await run(systemProcesses)).data).toMatchObject({ byCpu: [{ name: 'node' }] });
  });
  it('reads recent installs from the dpkg log', async () => {
    const log = '2024-01-01 10:00:00 install old:amd64 <none> 1.0\n2024-05-09 08:00:00 status installed x:amd64 1\n2024-05-09 08:00:01 install vim:amd64 <none> 2:9.0\n2024-05-09 09:00:00 upgrade curl:amd64 7.0 7.1\n';
    expect(parseDpkgLog(log, Date.parse('2024-05-01T00:00:00'))).toEqual([
      { name: 'curl', version: '7.1', date: '2024-05-09' },
      { name: 'vim', version: '2:9.0', date: '2024-05-09' },
    ]);
    const result = await run(systemSoftware, fakeSystemInfo(), { readFile: () => Promise.resolve(log) });
    expect(result).toMatchObject({ status: 'ok', data: { count: 2 } });
    expect((await run(systemSoftware)).status).toBe('unknown');
  });
  it('pending updates: unknown without a cache, counted from update-notifier', async () => {
    expect((await run(systemUpdates)).status).toBe('unknown');
    const cached = { readFile: () => Promise.resolve('5 updates can be applied immediately.\n') };
    expect(await run(systemUpdates, fakeSystemInfo(), cached)).toMatchObject({ status: 'warn', data: { pending: 5 } });
  });
});
