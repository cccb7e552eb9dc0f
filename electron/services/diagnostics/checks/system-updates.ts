import { outcome, perPlatform, say, unknown, type CheckDefinition, type CheckOutcome } from '../check';
import type { CheckContext } from '../context';

const pending = (count: number, source: string): CheckOutcome =>
  count > 0
    ? outcome('warn', say(`${count} system updates are waiting to be installed.`, `${count} mises à jour du système attendent d’être installées.`), `${count} pending (${source})`, { pending: count })
    : outcome('ok', say('The system reports no pending updates.', 'Le système n’indique aucune mise à jour en attente.'), `0 pending (${source})`, { pending: 0 });

// Only cached answers: computing pending updates (apt-get -s upgrade, softwareupdate -l,
// Windows Update search) is slow and contacts update servers.
async function linux(ctx: CheckContext): Promise<CheckOutcome> {
  try {
    const text = await ctx.readFile('/var/lib/update-notifier/updates-available');
    const match = /(\d+)\s+(?:updates?|packages?)/.exec(text);
    if (match?.[1] !== undefined) return pending(Number(match[1]), 'update-notifier cache');
    if (/^\s*$/.test(text) || /up to date/i.test(text)) return pending(0, 'update-notifier cache');
    return unknown(`update-notifier cache not understood: ${text.slice(0, 200)}`);
  } catch {
    return unknown('no cached update count (/var/lib/update-notifier absent); counting needs a slow package index refresh', say('Pending updates could not be checked quickly on this computer.', 'Les mises à jour en attente n’ont pas pu être vérifiées rapidement sur cet ordinateur.'));
  }
}

async function windows(ctx: CheckContext): Promise<CheckOutcome> {
  const script = "(Get-HotFix | Where-Object InstalledOn | Sort-Object InstalledOn -Descending | Select-Object -First 1).InstalledOn.ToString('yyyy-MM-dd')";
  const run = await ctx.runner('powershell.exe', ['-NoProfile', '-NonInteractive', '-Command', script], { timeoutMs: ctx.timeouts.commandMs, signal: ctx.signal });
  const date = run.stdout.trim();
  if (run.status !== 'ok' || !/^\d{4}-\d{2}-\d{2}$/.test(date)) return unknown(`last update date unavailable: ${run.reason} ${run.stderr}`.trim());
  const days = Math.floor((ctx.now() - new Date(date).getTime()) / 86_400_000);
  if (days > 60) {
    return outcome('warn', say(`Windows has not installed an update for ${days} days.`, `Windows n’a installé aucune mise à jour depuis ${days} jours.`), `last hotfix ${date}`, { lastUpdate: date, days });
  }
  return outcome('ok', say(`Windows installed an update ${days} days ago.`, `Windows a installé une mise à jour il y a ${days} jours.`), `last hotfix ${date}`, { lastUpdate: date, days });
}

async function mac(ctx: CheckContext): Promise<CheckOutcome> {
  const run = await ctx.runner('defaults', ['read', '/Library/Preferences/com.apple.SoftwareUpdate', 'LastRecommendedUpdatesAvailable'], { timeoutMs: ctx.timeouts.commandMs, signal: ctx.signal });
  const count = Number(run.stdout.trim());
  if (run.status !== 'ok' || !Number.isInteger(count)) return unknown(`no cached Software Update count: ${run.reason} ${run.stderr}`.trim());
  return pending(count, 'Software Update cache');
}

export const systemUpdates: CheckDefinition = {
  id: 'system.updates',
  category: 'system',
  run: perPlatform({ linux, win32: windows, darwin: mac }),
};
