import { outcome, say, type CheckDefinition } from '../check';
import type { CheckContext } from '../context';

const SAMPLE_MS = 1000;

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
  });

/**
 * A single instant reading would mostly measure Tandem's own start-up (and
 * systeminformation's first reading covers the time since it loaded), so: the 1-minute load
 * average where the OS keeps one, else the load over a one-second sample.
 */
async function cpuPercent(ctx: CheckContext): Promise<{ value: number; how: string }> {
  if (ctx.platform !== 'win32') {
    const { oneMinute, cores } = await ctx.si.loadAverage();
    return { value: Math.min(100, (oneMinute / cores) * 100), how: `1-min load average ${oneMinute.toFixed(2)} on ${cores} cores` };
  }
  await ctx.si.currentLoad();
  await sleep(SAMPLE_MS, ctx.signal);
  return { value: (await ctx.si.currentLoad()).currentLoad, how: `load over ${SAMPLE_MS} ms` };
}

export const systemCpu: CheckDefinition = {
  id: 'system.cpu',
  category: 'system',
  async run(ctx) {
    const { value: raw, how } = await cpuPercent(ctx);
    if (!Number.isFinite(raw)) return outcome('unknown', say('The processor load could not be measured.', 'La charge du processeur n’a pas pu être mesurée.'), `${how}: not a number`);
    const value = Math.round(raw);
    const detail = `CPU ${value}% (${how})`;
    if (value >= 90) {
      return outcome('warn', say(`The processor is very busy (${value}%), which can make everything slow.`, `Le processeur est très occupé (${value} %), ce qui peut tout ralentir.`), detail, { loadPercent: value });
    }
    return outcome('ok', say(`The processor is not overloaded (${value}%).`, `Le processeur n’est pas surchargé (${value} %).`), detail, { loadPercent: value });
  },
};

export const systemMemory: CheckDefinition = {
  id: 'system.memory',
  category: 'system',
  async run(ctx) {
    const mem = await ctx.si.mem();
    if (!(mem.total > 0)) return outcome('unknown', say('The memory could not be measured.', 'La mémoire n’a pas pu être mesurée.'), `total=${mem.total}`);
    const freePercent = Math.round((mem.available / mem.total) * 100);
    const gib = (bytes: number) => Math.round((bytes / 2 ** 30) * 10) / 10;
    const detail = `memory available ${gib(mem.available)} GiB of ${gib(mem.total)} GiB (${freePercent}%)`;
    const data = { totalBytes: mem.total, availableBytes: mem.available, freePercent };
    if (freePercent < 5) {
      return outcome('fail', say(`Memory is almost exhausted (${freePercent}% free): close some programs.`, `La mémoire est presque saturée (${freePercent} % libre) : fermez quelques programmes.`), detail, data);
    }
    if (freePercent < 15) {
      return outcome('warn', say(`Memory is running low (${freePercent}% free).`, `La mémoire commence à manquer (${freePercent} % libre).`), detail, data);
    }
    return outcome('ok', say(`There is enough free memory (${freePercent}% free).`, `Il reste assez de mémoire (${freePercent} % libre).`), detail, data);
  },
};
