/**
 * The slice of `systeminformation` the checks use, as a narrow interface so tests pass
 * small fakes. The real module loads lazily: importing diagnostics costs nothing until a
 * check runs.
 */
import os from 'node:os';
import type * as SiModule from 'systeminformation';
import type { Systeminformation as Si } from 'systeminformation';

export interface SystemInfo {
  osInfo(): Promise<Pick<Si.OsData, 'platform' | 'distro' | 'release' | 'arch' | 'hostname' | 'kernel'>>;
  uptimeSeconds(): Promise<number>;
  currentLoad(): Promise<Pick<Si.CurrentLoadData, 'currentLoad'>>;
  /** The 1-minute load average and the number of cores (the average is 0 on Windows). */
  loadAverage(): Promise<{ oneMinute: number; cores: number }>;
  mem(): Promise<Pick<Si.MemData, 'total' | 'available'>>;
  fsSize(): Promise<Pick<Si.FsSizeData, 'fs' | 'type' | 'mount' | 'size' | 'available'>[]>;
  diskLayout(): Promise<Pick<Si.DiskLayoutData, 'name' | 'type' | 'smartStatus'>[]>;
  battery(): Promise<Pick<Si.BatteryData, 'hasBattery' | 'designedCapacity' | 'maxCapacity' | 'percent' | 'cycleCount' | 'isCharging'>>;
  processes(): Promise<Pick<Si.ProcessesProcessData, 'name' | 'pid' | 'cpu' | 'mem'>[]>;
  networkInterfaces(): Promise<Pick<Si.NetworkInterfacesData, 'iface' | 'ip4' | 'ip6' | 'operstate' | 'internal' | 'type' | 'virtual'>[]>;
  networkGatewayDefault(): Promise<string>;
}

export function createSystemInfo(): SystemInfo {
  // Loaded once, on first use.
  let module: Promise<typeof SiModule> | undefined;
  const si = () => (module ??= import('systeminformation'));
  return {
    osInfo: async () => (await si()).osInfo(),
    uptimeSeconds: () => Promise.resolve(os.uptime()),
    currentLoad: async () => (await si()).currentLoad(),
    loadAverage: () => Promise.resolve({ oneMinute: os.loadavg()[0] ?? 0, cores: Math.max(1, os.cpus().length) }),
    mem: async () => (await si()).mem(),
    fsSize: async () => (await si()).fsSize(),
    diskLayout: async () => (await si()).diskLayout(),
    battery: async () => (await si()).battery(),
    processes: async () => (await (await si()).processes()).list,
    networkInterfaces: async () => (await si()).networkInterfaces(),
    networkGatewayDefault: async () => (await si()).networkGatewayDefault(),
  };
}
