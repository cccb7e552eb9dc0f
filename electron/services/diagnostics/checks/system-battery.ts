import { outcome, say, unknown, type CheckDefinition } from '../check';

export const systemBattery: CheckDefinition = {
  id: 'system.battery',
  category: 'system',
  async run(ctx) {
    const battery = await ctx.si.battery();
    if (!battery.hasBattery) {
      return unknown('no battery reported (desktop, virtual machine, or not exposed)', say('No battery was found on this computer.', 'Aucune batterie n’a été trouvée sur cet ordinateur.'));
    }
    const charge = `charge ${battery.percent}%${battery.isCharging ? ' (charging)' : ''}, ${battery.cycleCount} cycles`;
    if (!(battery.designedCapacity > 0) || !(battery.maxCapacity > 0)) {
      return unknown(`battery capacity not exposed; ${charge}`, say('The battery’s wear could not be measured.', 'L’usure de la batterie n’a pas pu être mesurée.'));
    }
    const health = Math.round((battery.maxCapacity / battery.designedCapacity) * 100);
    const detail = `capacity ${battery.maxCapacity} of ${battery.designedCapacity} designed (${health}%); ${charge}`;
    const data = { healthPercent: health, chargePercent: battery.percent, cycleCount: battery.cycleCount };
    if (health < 60) {
      return outcome('warn', say(`The battery is worn: it holds ${health}% of its original charge. Consider replacing it.`, `La batterie est usée : elle garde ${health} % de sa charge d’origine. Pensez à la remplacer.`), detail, data);
    }
    return outcome('ok', say(`The battery is in good shape (${health}% of its original charge).`, `La batterie est en bon état (${health} % de sa charge d’origine).`), detail, data);
  },
};
