import { asText, outcome, perPlatform, say, unknown, type CheckDefinition, type CheckOutcome } from '../check';
import type { CheckContext } from '../context';

/**
 * Security Center's productState: the second byte is the scanner state (0x10/0x11 on),
 * the low byte the signatures (0x00 up to date). Undocumented, but stable since Vista.
 */
export function decodeProductState(state: number): { enabled: boolean; upToDate: boolean } {
  const scanner = (state >> 8) & 0xff;
  return { enabled: scanner === 0x10 || scanner === 0x11, upToDate: (state & 0xff) === 0x00 };
}

async function windows(ctx: CheckContext): Promise<CheckOutcome> {
  const script = 'Get-CimInstance -Namespace root/SecurityCenter2 -ClassName AntiVirusProduct | Select-Object displayName,productState | ConvertTo-Json -Compress';
  const run = await ctx.runner('powershell.exe', ['-NoProfile', '-NonInteractive', '-Command', script], { timeoutMs: ctx.timeouts.commandMs, signal: ctx.signal });
  // Windows Server has no Security Center: that is unknown, not "no antivirus".
  if (run.status !== 'ok') return unknown(`SecurityCenter2: ${run.reason} ${run.stderr}`.trim());
  if (run.stdout.trim() === '') return outcome('fail', say('No antivirus is active on this computer.', 'Aucun antivirus n’est actif sur cet ordinateur.'), 'SecurityCenter2 lists no antivirus product');
  const parsed: unknown = JSON.parse(run.stdout);
  const products = (Array.isArray(parsed) ? parsed : [parsed]) as { displayName?: unknown; productState?: unknown }[];
  const rows = products.slice(0, 5).map((p) => ({ name: asText(p.displayName).slice(0, 80), ...decodeProductState(Number(p.productState)) }));
  const detail = rows.map((r) => `${r.name}: ${r.enabled ? 'on' : 'off'}, signatures ${r.upToDate ? 'up to date' : 'out of date'}`).join('; ');
  const active = rows.filter((r) => r.enabled);
  if (active.length === 0) return outcome('fail', say('The antivirus is turned off.', 'L’antivirus est désactivé.'), detail, { products: rows });
  if (!active.some((r) => r.upToDate)) return outcome('warn', say('The antivirus is on but not up to date.', 'L’antivirus est activé mais pas à jour.'), detail, { products: rows });
  return outcome('ok', say(`The antivirus is on and up to date (${active[0]?.name ?? ''}).`, `L’antivirus est activé et à jour (${active[0]?.name ?? ''}).`), detail, { products: rows });
}

/** macOS's built-in protection (XProtect) is tied to Gatekeeper, which we can read. */
async function mac(ctx: CheckContext): Promise<CheckOutcome> {
  const run = await ctx.runner('spctl', ['--status'], { timeoutMs: ctx.timeouts.commandMs, signal: ctx.signal });
  const text = `${run.stdout}${run.stderr}`.trim();
  if (/assessments enabled/.test(text)) return outcome('ok', say('macOS’s built-in protection (Gatekeeper) is on.', 'La protection intégrée de macOS (Gatekeeper) est activée.'), `spctl: ${text}`);
  if (/assessments disabled/.test(text)) return outcome('warn', say('macOS’s protection against unsafe apps (Gatekeeper) is off.', 'La protection de macOS contre les apps dangereuses (Gatekeeper) est désactivée.'), `spctl: ${text}`);
  return unknown(`spctl: ${run.reason} ${text}`.trim());
}

async function linux(ctx: CheckContext): Promise<CheckOutcome> {
  const opts = { timeoutMs: ctx.timeouts.commandMs, signal: ctx.signal };
  for (const program of ['clamscan', 'clamdscan']) {
    const run = await ctx.runner(program, ['--version'], opts);
    if (run.status === 'ok') return outcome('ok', say('A virus scanner (ClamAV) is installed.', 'Un antivirus (ClamAV) est installé.'), `${program}: ${run.stdout.trim().slice(0, 200)}`);
  }
  return unknown('no known scanner found (ClamAV absent); other products are not detected', say('No known virus scanner was found; on Linux this is common.', 'Aucun antivirus connu n’a été trouvé ; c’est courant sous Linux.'));
}

export const securityAntivirus: CheckDefinition = {
  id: 'security.antivirus',
  category: 'security',
  run: perPlatform({ linux, win32: windows, darwin: mac }),
};
