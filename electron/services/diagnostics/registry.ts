import type { CheckId } from '../../../shared/diagnostics';
import type { CheckDefinition } from './check';
import { networkCaptivePortal } from './checks/network-captive';
import { networkDnsCustom, networkDnsSystem } from './checks/network-dns';
import { networkGateway } from './checks/network-gateway';
import { networkInterfaces } from './checks/network-interfaces';
import { networkProxy } from './checks/network-proxy';
import { networkHosts, networkServer } from './checks/network-reachability';
import { networkWifi } from './checks/network-wifi';
import { printersStatus } from './checks/printers';
import { securityAntivirus } from './checks/security-antivirus';
import { securityFirewall } from './checks/security-firewall';
import { systemBattery } from './checks/system-battery';
import { systemDesktop } from './checks/system-desktop';
import { systemDiskHealth, systemDiskSpace } from './checks/system-disks';
import { systemCpu, systemMemory } from './checks/system-load';
import { systemOs } from './checks/system-os';
import { systemProcesses } from './checks/system-processes';
import { systemSoftware } from './checks/system-software';
import { systemUpdates } from './checks/system-updates';

/** Every check, in the order they start: the organisation's server first, slow ones early. */
export const CHECKS: readonly CheckDefinition[] = [
  networkServer,
  networkDnsSystem,
  networkDnsCustom,
  networkHosts,
  networkGateway,
  networkInterfaces,
  networkCaptivePortal,
  networkProxy,
  networkWifi,
  systemProcesses,
  systemCpu,
  systemOs,
  systemDesktop,
  systemMemory,
  systemDiskSpace,
  systemDiskHealth,
  systemBattery,
  systemSoftware,
  systemUpdates,
  printersStatus,
  securityFirewall,
  securityAntivirus,
];

const byId = new Map<CheckId, CheckDefinition>(CHECKS.map((check) => [check.id, check]));

export function findCheck(id: CheckId): CheckDefinition | undefined {
  return byId.get(id);
}
