import { clearTemp } from './clear-temp';
import { macAdmin } from './elevation';
import { cmd, commands as run, launch } from './plans';
import type { PlatformCatalogue } from './types';

const settings = (pane: string) => launch('open', `x-apple.systempreferences:${pane}`);

export const DARWIN: PlatformCatalogue = {
  'dns.flush': { needsAdmin: true, plan: run(macAdmin('/usr/bin/dscacheutil -flushcache; /usr/bin/killall -HUP mDNSResponder')) },
  // en0 is the built-in Wi-Fi or Ethernet port on Macs; a fixed name keeps the script constant.
  'network.renew-dhcp': { needsAdmin: true, plan: run(macAdmin('/usr/sbin/ipconfig set en0 DHCP')), timeoutMs: 60_000 },
  'printing.restart-spooler': { needsAdmin: true, plan: run(macAdmin('/bin/launchctl kickstart -k system/org.cups.cupsd')), timeoutMs: 60_000 },
  // Without rights, CUPS cancels only the user's own jobs, which is what we want here.
  'printing.clear-queue': { needsAdmin: false, plan: run(cmd('/usr/bin/cancel', '-a')), requires: '/usr/bin/cancel' },
  'system.clear-temp': { needsAdmin: false, plan: { kind: 'native', run: clearTemp }, timeoutMs: 120_000 },
  'system.restart-computer': { needsAdmin: false, plan: { kind: 'restart', command: cmd('/usr/bin/osascript', '-e', 'tell app "System Events" to restart') } },
  'settings.open-network': { needsAdmin: false, plan: settings('com.apple.preference.network') },
  'settings.open-printers': { needsAdmin: false, plan: settings('com.apple.preference.printfax') },
  'settings.open-security': { needsAdmin: false, plan: settings('com.apple.preference.security') },
};
