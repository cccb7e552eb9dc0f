import { outcome, say, unknown, type CheckDefinition, type CheckOutcome } from '../check';
import type { CheckContext } from '../context';

/** `/proc/net/wireless`: `wlan0: 0000   54.  -56.  -256 …` (link quality out of 70, level in dBm). */
export function parseProcWireless(text: string): { iface: string; quality: number; level: number } | undefined {
  for (const line of text.split('\n').slice(2)) {
    const match = /^\s*([^:\s]+):\s+\S+\s+(-?[\d.]+)\.?\s+(-?[\d.]+)\.?/.exec(line);
    if (match?.[1] && match[2] && match[3]) return { iface: match[1], quality: Number(match[2]), level: Number(match[3]) };
  }
  return undefined;
}

function verdict(percent: number, detail: string): CheckOutcome {
  const data = { signalPercent: percent };
  if (percent < 30) {
    return outcome('warn', say(`The Wi-Fi signal is weak (${percent}%): move closer to the router or use a cable.`, `Le signal Wi-Fi est faible (${percent} %) : rapprochez-vous du routeur ou utilisez un câble.`), detail, data);
  }
  return outcome('ok', say(`The Wi-Fi signal is good (${percent}%).`, `Le signal Wi-Fi est bon (${percent} %).`), detail, data);
}

const noWifi = (detail: string) => unknown(detail, say('No Wi-Fi connection was found (wired connection, or not reported).', 'Aucune connexion Wi-Fi trouvée (connexion par câble, ou non signalée).'));

async function linux(ctx: CheckContext): Promise<CheckOutcome> {
  let text: string;
  try {
    text = await ctx.readFile('/proc/net/wireless');
  } catch {
    return noWifi('/proc/net/wireless absent: no wireless driver loaded');
  }
  const link = parseProcWireless(text);
  if (!link) return noWifi('no wireless interface listed in /proc/net/wireless');
  const percent = Math.max(0, Math.min(100, Math.round((link.quality / 70) * 100)));
  return verdict(percent, `${link.iface}: link quality ${link.quality}/70, level ${link.level} dBm`);
}

async function windows(ctx: CheckContext): Promise<CheckOutcome> {
  const run = await ctx.runner('netsh.exe', ['wlan', 'show', 'interfaces'], { timeoutMs: ctx.timeouts.commandMs, signal: ctx.signal });
  if (run.status !== 'ok') return noWifi(`netsh wlan: ${run.reason} ${run.stderr}`.trim());
  // The label is translated ("Signal", "Signal " in French too); the value is always NN%.
  const match = /^\s*Signal\s*:\s*(\d+)\s*%/im.exec(run.stdout);
  if (!match?.[1]) return noWifi('netsh lists no connected Wi-Fi interface');
  return verdict(Number(match[1]), `netsh wlan: signal ${match[1]}%`);
}

export const networkWifi: CheckDefinition = {
  id: 'network.wifi',
  category: 'network',
  run(ctx) {
    if (ctx.platform === 'linux') return linux(ctx);
    if (ctx.platform === 'win32') return windows(ctx);
    // macOS removed the `airport` tool; system_profiler takes seconds and needs parsing per version.
    return Promise.resolve(noWifi(`Wi-Fi signal is not read on ${ctx.platform}`));
  },
};
