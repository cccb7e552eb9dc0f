import { outcome, say, type CheckDefinition } from '../check';

const LONG_UPTIME_DAYS = 14;

/** OS, version and uptime; a long uptime is a common, harmless-to-fix cause of oddities. */
export const systemOs: CheckDefinition = {
  id: 'system.os',
  category: 'system',
  async run(ctx) {
    const [info, uptime] = await Promise.all([ctx.si.osInfo(), ctx.si.uptimeSeconds()]);
    const days = Math.floor(uptime / 86_400);
    const hours = Math.floor((uptime % 86_400) / 3600);
    const name = `${info.distro} ${info.release}`.trim() || info.platform;
    const detail = `${name} (${info.platform} ${info.arch}, kernel ${info.kernel}), host ${info.hostname}, up ${days} d ${hours} h`;
    const data = { distro: info.distro, release: info.release, platform: info.platform, arch: info.arch, kernel: info.kernel, uptimeSeconds: Math.round(uptime) };
    if (days >= LONG_UPTIME_DAYS) {
      return outcome(
        'warn',
        say(
          `${name}. This computer has not been restarted for ${days} days; a restart often clears odd problems.`,
          `${name}. Cet ordinateur n’a pas redémarré depuis ${days} jours ; un redémarrage règle souvent des problèmes étranges.`,
        ),
        detail,
        data,
      );
    }
    return outcome('ok', say(`${name}, running for ${days} d ${hours} h.`, `${name}, allumé depuis ${days} j ${hours} h.`), detail, data);
  },
};
