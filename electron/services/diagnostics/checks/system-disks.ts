import { outcome, say, unknown, type CheckDefinition } from '../check';

// Pseudo and read-only image file systems are always "full" and mean nothing to the user.
const IGNORED_TYPES = new Set(['tmpfs', 'devtmpfs', 'squashfs', 'proc', 'sysfs', 'ramfs', 'efivarfs', 'iso9660', 'udf', 'devfs', 'autofs']);
const GIB = 2 ** 30;

export const systemDiskSpace: CheckDefinition = {
  id: 'system.disk-space',
  category: 'system',
  async run(ctx) {
    const volumes = (await ctx.si.fsSize()).filter(
      (v) => v.size >= GIB && !IGNORED_TYPES.has(v.type.toLowerCase()) && !v.mount.startsWith('/snap/') && !v.mount.startsWith('/boot'),
    );
    if (volumes.length === 0) return unknown('no disk volumes reported');
    const rows = volumes.slice(0, 12).map((v) => ({
      mount: v.mount,
      fs: v.fs,
      freePercent: Math.floor((v.available / v.size) * 100),
      freeGiB: Math.round((v.available / GIB) * 10) / 10,
    }));
    const worst = rows.reduce((a, b) => (b.freePercent < a.freePercent ? b : a));
    const detail = rows.map((r) => `${r.mount} (${r.fs}): ${r.freeGiB} GiB free, ${r.freePercent}%`).join('; ');
    const where = worst.mount;
    if (worst.freePercent < 3 || worst.freeGiB < 1) {
      return outcome('fail', say(`Your disk is full (${worst.freePercent}% free on ${where}): programs may fail to save files.`, `Votre disque est plein (${worst.freePercent} % libre sur ${where}) : des programmes peuvent ne plus réussir à enregistrer.`), detail, { volumes: rows });
    }
    if (worst.freePercent < 10) {
      return outcome('warn', say(`Your disk is almost full (${worst.freePercent}% free on ${where}).`, `Votre disque est presque plein (${worst.freePercent} % libre sur ${where}).`), detail, { volumes: rows });
    }
    return outcome('ok', say('There is enough free disk space.', 'Il reste assez d’espace disque.'), detail, { volumes: rows });
  },
};

export const systemDiskHealth: CheckDefinition = {
  id: 'system.disk-health',
  category: 'system',
  async run(ctx) {
    const disks = (await ctx.si.diskLayout()).slice(0, 8);
    const known = disks.filter((d) => d.smartStatus === 'Ok' || d.smartStatus === 'Predicted Failure');
    const detail = disks.map((d) => `${d.name || '?'} (${d.type}): SMART ${d.smartStatus}`).join('; ');
    if (known.length === 0) {
      return unknown(
        disks.length === 0 ? 'the system lists no physical disks (virtual machine, or no permission)' : `no SMART status exposed: ${detail}`,
        say('This computer does not tell us how healthy its disk is.', 'Cet ordinateur n’indique pas l’état de santé de son disque.'),
      );
    }
    const failing = known.filter((d) => d.smartStatus === 'Predicted Failure');
    const data = { disks: disks.map((d) => ({ name: d.name, type: d.type, smart: d.smartStatus })) };
    if (failing.length > 0) {
      return outcome('fail', say('A disk reports that it may fail soon: back up your files now and contact your IT team.', 'Un disque signale qu’il risque de tomber en panne : sauvegardez vos fichiers maintenant et contactez votre service informatique.'), detail, data);
    }
    return outcome('ok', say('The disk reports no health problem.', 'Le disque ne signale aucun problème de santé.'), detail, data);
  },
};
