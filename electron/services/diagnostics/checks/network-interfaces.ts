import { outcome, say, type CheckDefinition } from '../check';

export const networkInterfaces: CheckDefinition = {
  id: 'network.interfaces',
  category: 'network',
  async run(ctx) {
    const all = await ctx.si.networkInterfaces();
    const external = all.filter((i) => !i.internal);
    const connected = external.filter((i) => i.operstate === 'up' && (i.ip4 !== '' || i.ip6 !== ''));
    const rows = external.slice(0, 10).map((i) => ({ name: i.iface, type: i.type, state: i.operstate, ip4: i.ip4, ip6: i.ip6, virtual: i.virtual }));
    const detail = rows.map((r) => `${r.name} ${r.type} ${r.state} ${r.ip4 || '-'} ${r.ip6 || ''}`.trim()).join('; ') || 'no network interface besides loopback';
    if (connected.length === 0) {
      return outcome('fail', say('This computer is not connected to any network (no cable or Wi-Fi with an address).', 'Cet ordinateur n’est connecté à aucun réseau (ni câble ni Wi-Fi avec une adresse).'), detail, { interfaces: rows });
    }
    const names = connected.map((i) => i.iface).join(', ');
    return outcome('ok', say(`Connected to a network (${names}).`, `Connecté à un réseau (${names}).`), detail, { interfaces: rows });
  },
};
