import { asText, outcome, perPlatform, say, unknown, type CheckDefinition, type CheckOutcome } from '../check';
import type { CheckContext } from '../context';

const on = (detail: string, data?: Record<string, unknown>) => outcome('ok', say('The firewall is on.', 'Le pare-feu est activé.'), detail, data);
const off = (detail: string, data?: Record<string, unknown>) =>
  outcome('warn', say('The firewall seems to be off. Your IT team can tell whether that is expected.', 'Le pare-feu semble désactivé. Votre service informatique peut vous dire si c’est normal.'), detail, data);

async function windows(ctx: CheckContext): Promise<CheckOutcome> {
  const run = await ctx.runner('powershell.exe', ['-NoProfile', '-NonInteractive', '-Command', 'Get-NetFirewallProfile | Select-Object Name,Enabled | ConvertTo-Json -Compress'], { timeoutMs: ctx.timeouts.commandMs, signal: ctx.signal });
  if (run.status !== 'ok') return unknown(`Get-NetFirewallProfile: ${run.reason} ${run.stderr}`.trim());
  const parsed: unknown = JSON.parse(run.stdout);
  const profiles = (Array.isArray(parsed) ? parsed : [parsed]) as { Name?: unknown; Enabled?: unknown }[];
  // Enabled is a boolean, or 1/0 on older PowerShell.
  const rows = profiles.map((p) => ({ name: asText(p.Name), enabled: p.Enabled === true || p.Enabled === 1 }));
  const detail = rows.map((r) => `${r.name}=${r.enabled ? 'on' : 'off'}`).join(', ');
  return rows.length > 0 && rows.every((r) => r.enabled) ? on(detail, { profiles: rows }) : off(detail, { profiles: rows });
}

async function mac(ctx: CheckContext): Promise<CheckOutcome> {
  const run = await ctx.runner('/usr/libexec/ApplicationFirewall/socketfilterfw', ['--getglobalstate'], { timeoutMs: ctx.timeouts.commandMs, signal: ctx.signal });
  if (run.status !== 'ok') return unknown(`socketfilterfw: ${run.reason} ${run.stderr}`.trim());
  if (/enabled|State = [12]/i.test(run.stdout)) return on(run.stdout.trim());
  if (/disabled|State = 0/i.test(run.stdout)) return off(run.stdout.trim());
  return unknown(`socketfilterfw output not understood: ${run.stdout.slice(0, 200)}`);
}

// Reading nftables or ufw rules needs root; systemd's view of the services does not.
const LINUX_SERVICES = ['ufw', 'firewalld', 'nftables'] as const;

async function linux(ctx: CheckContext): Promise<CheckOutcome> {
  const run = await ctx.runner('systemctl', ['is-active', ...LINUX_SERVICES], { timeoutMs: ctx.timeouts.commandMs, signal: ctx.signal, env: { LC_ALL: 'C' } });
  if (run.status === 'unavailable') return unknown('systemctl not found: cannot tell which firewall runs');
  const states = run.stdout.trim().split('\n').map((s) => s.trim());
  // is-active exits non-zero when any unit is inactive; only the per-unit lines matter.
  if (states.length !== LINUX_SERVICES.length || !states.every((s) => /^[a-z-]+$/.test(s))) {
    return unknown(`systemctl is-active: ${(run.stderr || run.stdout).trim().slice(0, 300) || run.reason}`);
  }
  const byName = Object.fromEntries(LINUX_SERVICES.map((name, i) => [name, states[i] ?? 'unknown']));
  const detail = LINUX_SERVICES.map((name) => `${name}=${byName[name]}`).join(', ');
  if (states.includes('active')) return on(detail, { services: byName });
  // No firewall service does not prove no rules (iptables loaded by other means): say so.
  return unknown(`${detail}; rules themselves need root to read`, say('No firewall service is running; whether other rules protect this computer could not be checked.', 'Aucun service de pare-feu ne tourne ; la présence d’autres règles n’a pas pu être vérifiée.'));
}

export const securityFirewall: CheckDefinition = {
  id: 'security.firewall',
  category: 'security',
  run: perPlatform({ linux, win32: windows, darwin: mac }),
};
