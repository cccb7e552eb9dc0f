import { clearTemp } from './clear-temp';
import { powershell, psCall, windowsElevated } from './elevation';
import { cmd, commands as run, launch } from './plans';
import type { PlatformCatalogue } from './types';

// explorer.exe hands ms-settings: URIs to the Settings app.
const settings = (uri: string) => launch('explorer.exe', uri);

export const WIN32: PlatformCatalogue = {
  'dns.flush': { needsAdmin: false, plan: run(cmd('ipconfig.exe', '/flushdns')) },
  'network.renew-dhcp': { needsAdmin: false, plan: run(cmd('ipconfig.exe', '/release'), cmd('ipconfig.exe', '/renew')), timeoutMs: 60_000 },
  'network.reset-stack': { needsAdmin: true, plan: run(windowsElevated(`${psCall('netsh.exe', 'winsock', 'reset')}; ${psCall('netsh.exe', 'int', 'ip', 'reset')}`)), timeoutMs: 120_000 },
  'printing.restart-spooler': { needsAdmin: true, plan: run(windowsElevated('Restart-Service -Name Spooler -Force -ErrorAction Stop')), timeoutMs: 60_000 },
  'printing.clear-queue': {
    needsAdmin: true,
    // Other users' and the system's jobs can only be removed as administrator.
    plan: run(windowsElevated('Get-Printer | ForEach-Object { Get-PrintJob -PrinterName $_.Name | Remove-PrintJob }')),
    timeoutMs: 60_000,
  },
  'security.quick-scan': { needsAdmin: false, plan: run(powershell('Start-MpScan -ScanType QuickScan')), timeoutMs: 30 * 60_000 },
  'system.clear-temp': { needsAdmin: false, plan: { kind: 'native', run: clearTemp }, timeoutMs: 120_000 },
  'system.restart-computer': { needsAdmin: false, plan: { kind: 'restart', command: cmd('shutdown.exe', '/r', '/t', '5') } },
  'settings.open-network': { needsAdmin: false, plan: settings('ms-settings:network-status') },
  'settings.open-printers': { needsAdmin: false, plan: settings('ms-settings:printers') },
  'settings.open-security': { needsAdmin: false, plan: settings('windowsdefender:') },
};
