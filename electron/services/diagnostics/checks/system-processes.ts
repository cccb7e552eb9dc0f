import { outcome, say, type CheckDefinition } from '../check';

const TOP = 5;

/** Informational: the consultant spots a runaway program; the user is not alarmed. */
export const systemProcesses: CheckDefinition = {
  id: 'system.processes',
  category: 'system',
  async run(ctx) {
    const list = await ctx.si.processes();
    const row = (p: (typeof list)[number]) => ({ name: p.name.slice(0, 60), pid: p.pid, cpu: Math.round(p.cpu * 10) / 10, mem: Math.round(p.mem * 10) / 10 });
    const byCpu = [...list].sort((a, b) => b.cpu - a.cpu).slice(0, TOP).map(row);
    const byMem = [...list].sort((a, b) => b.mem - a.mem).slice(0, TOP).map(row);
    const detail = `CPU: ${byCpu.map((p) => `${p.name} ${p.cpu}%`).join(', ')} | memory: ${byMem.map((p) => `${p.name} ${p.mem}%`).join(', ')}`;
    const hog = byCpu[0];
    if (hog && hog.cpu >= 90) {
      return outcome('warn', say(`The program “${hog.name}” is using most of the processor.`, `Le programme « ${hog.name} » utilise presque tout le processeur.`), detail, { byCpu, byMem });
    }
    return outcome('ok', say(`${list.length} programs are running; none is hogging the computer.`, `${list.length} programmes tournent ; aucun n’accapare l’ordinateur.`), detail, { byCpu, byMem });
  },
};
