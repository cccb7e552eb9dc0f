import { clearTemp } from './clear-temp';
import { pkexec } from './elevation';
import { cmd, commands as run, launch } from './plans';
import type { PlatformCatalogue } from './types';

const CONTROL_CENTER = '/usr/bin/gnome-control-center';

export const LINUX: PlatformCatalogue = {
  'dns.flush': { needsAdmin: true, plan: run(pkexec('/usr/bin/resolvectl', 'flush-caches')), requires: '/usr/bin/resolvectl' },
  // NetworkManager's polkit policy lets the active local user do this without a password.
  // (dhclient would need two pkexec prompts and an interface name, so it is not offered.)
  'network.renew-dhcp': {
    needsAdmin: false,
    plan: run(cmd('/usr/bin/nmcli', 'networking', 'off'), cmd('/usr/bin/nmcli', 'networking', 'on')),
    requires: '/usr/bin/nmcli',
    timeoutMs: 60_000,
  },
  'printing.restart-spooler': { needsAdmin: true, plan: run(pkexec('/usr/bin/systemctl', 'restart', 'cups')), requires: '/usr/sbin/cupsd', timeoutMs: 60_000 },
  // Without rights, CUPS cancels only the user's own jobs, which is what we want here.
  'printing.clear-queue': { needsAdmin: false, plan: run(cmd('/usr/bin/cancel', '-a')), requires: '/usr/bin/cancel' },
  'system.clear-temp': { needsAdmin: false, plan: { kind: 'native', run: clearTemp }, timeoutMs: 120_000 },
  'system.restart-computer': { needsAdmin: false, plan: { kind: 'restart', command: cmd('/usr/bin/systemctl', 'reboot') } },
  'settings.open-network': { needsAdmin: false, plan: launch(CONTROL_CENTER, 'network'), requires: CONTROL_CENTER },
  'settings.open-printers': { needsAdmin: false, plan: launch(CONTROL_CENTER, 'printers'), requires: CONTROL_CENTER },
};
