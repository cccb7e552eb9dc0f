import { outcome, say, unknown, type CheckDefinition, type CheckOutcome } from '../check';
import type { CheckContext } from '../context';

const WINDOW_DAYS = 14;
const MAX_ITEMS = 20;

interface Installed {
  name: string;
  version: string;
  date: string;
}

/** Parses dpkg's log (`2024-05-01 10:00:00 install pkg:amd64 <none> 1.2-3`), newest first. */
export function parseDpkgLog(text: string, since: number): Installed[] {
  const items: Installed[] = [];
  for (const line of text.split('\n')) {
    const match = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}) (install|upgrade) (\S+) \S+ (\S+)$/.exec(line.trim());
    if (!match) continue;
    const [, day, time, , pkg, version] = match;
    if (!day || !time || !pkg || !version) continue;
    if (new Date(`${day}T${time}`).getTime() < since) continue;
    items.push({ name: pkg.replace(/:[a-z0-9]+$/, ''), version, date: day });
  }
  return items.reverse();
}

const WINDOWS_SCRIPT =
  "$p = 'HKLM:\\Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\*','HKLM:\\Software\\WOW6432Node\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\*','HKCU:\\Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\*'; " +
  "Get-ItemProperty $p -ErrorAction SilentlyContinue | Where-Object { $_.DisplayName -and $_.InstallDate } | Select-Object DisplayName,DisplayVersion,InstallDate | ConvertTo-Json -Compress";

async function installedRecently(ctx: CheckContext, since: number): Promise<Installed[] | CheckOutcome> {
  if (ctx.platform === 'linux') {
    try {
      return parseDpkgLog(await ctx.readFile('/var/log/dpkg.log'), since);
    } catch (error) {
      return unknown(`/var/log/dpkg.log unreadable (not a Debian-based system?): ${String(error)}`);
    }
  }
  if (ctx.platform === 'win32') {
    const run = await ctx.runner('powershell.exe', ['-NoProfile', '-NonInteractive', '-Command', WINDOWS_SCRIPT], { timeoutMs: ctx.timeouts.commandMs, signal: ctx.signal });
    if (run.status !== 'ok') return unknown(`installed programs unreadable: ${run.reason} ${run.stderr}`.trim());
    const parsed: unknown = JSON.parse(run.stdout || '[]');
    const rows = (Array.isArray(parsed) ? parsed : [parsed]) as { DisplayName?: string; DisplayVersion?: string; InstallDate?: string }[];
    return rows
      .map((r) => ({ name: String(r.DisplayName ?? ''), version: String(r.DisplayVersion ?? ''), date: String(r.InstallDate ?? '').replace(/^(\d{4})(\d{2})(\d{2})$/, '$1-$2-$3') }))
      .filter((r) => new Date(r.date).getTime() >= since)
      .sort((a, b) => b.date.localeCompare(a.date));
  }
  return unknown(`recently installed software is not read on ${ctx.platform}`);
}

/** Informational: a program installed just before the trouble started is a classic cause. */
export const systemSoftware: CheckDefinition = {
  id: 'system.software',
  category: 'system',
  async run(ctx) {
    const since = ctx.now() - WINDOW_DAYS * 86_400_000;
    const items = await installedRecently(ctx, since);
    if (!Array.isArray(items)) return items;
    const shown = items.slice(0, MAX_ITEMS);
    const detail = shown.length === 0 ? `nothing installed in ${WINDOW_DAYS} days` : `${items.length} installs/updates in ${WINDOW_DAYS} days: ${shown.map((i) => `${i.date} ${i.name} ${i.version}`).join(', ')}`;
    return outcome(
      'ok',
      items.length === 0
        ? say(`No software was installed in the last ${WINDOW_DAYS} days.`, `Aucun logiciel n’a été installé ces ${WINDOW_DAYS} derniers jours.`)
        : say(`${items.length} programs or updates were installed in the last ${WINDOW_DAYS} days.`, `${items.length} logiciels ou mises à jour ont été installés ces ${WINDOW_DAYS} derniers jours.`),
      detail,
      { count: items.length, recent: shown.map((i) => `${i.date} ${i.name}`.slice(0, 100)) },
    );
  },
};
