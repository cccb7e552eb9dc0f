import { outcome, say, unknown, type CheckDefinition } from '../check';
import type { CheckContext } from '../context';
import { tcpProbe } from '../probes';

/** Reads the default route from `/proc/net/route` (little-endian hex addresses). */
export function parseProcRoute(text: string): { iface: string; gateway: string } | undefined {
  for (const line of text.split('\n').slice(1)) {
    const [iface, destination, gateway, flags] = line.trim().split(/\s+/);
    if (!iface || destination !== '00000000' || !gateway || !flags) continue;
    // RTF_UP (0x1) and RTF_GATEWAY (0x2).
    if ((parseInt(flags, 16) & 0x3) !== 0x3) continue;
    const bytes = gateway.match(/../g)?.map((b) => parseInt(b, 16)).reverse();
    if (bytes?.length === 4) return { iface, gateway: bytes.join('.') };
  }
  return undefined;
}

async function findGateway(ctx: CheckContext): Promise<string> {
  if (ctx.platform === 'linux') return parseProcRoute(await ctx.readFile('/proc/net/route'))?.gateway ?? '';
  return ctx.si.networkGatewayDefault();
}

/**
 * The router is found locally; it is probed only when configured, since probing sends
 * packets. A refused connection proves the router answered just as well as an accepted one.
 */
export const networkGateway: CheckDefinition = {
  id: 'network.gateway',
  category: 'network',
  async run(ctx) {
    const gateway = await findGateway(ctx);
    if (!gateway) {
      return outcome('fail', say('No route to other networks: the computer has no router (default gateway).', 'Aucune route vers les autres réseaux : l’ordinateur n’a pas de routeur (passerelle par défaut).'), 'no default route');
    }
    if (!ctx.config.probeGateway || ctx.config.gatewayPorts.length === 0) {
      return outcome('ok', say('A router (default gateway) is configured.', 'Un routeur (passerelle par défaut) est configuré.'), `default gateway ${gateway}; reachability not probed (disabled)`, { gateway, probed: false });
    }
    const probes = await Promise.all(ctx.config.gatewayPorts.slice(0, 4).map((port) => tcpProbe(gateway, port, ctx.timeouts.tcpMs, ctx.signal)));
    const detail = `default gateway ${gateway}: ${probes.map((p, i) => `${ctx.config.gatewayPorts[i]}=${p.ok ? 'open' : p.code}`).join(', ')}`;
    if (probes.some((p) => p.ok || p.failure === 'refused')) {
      return outcome('ok', say('The router answers.', 'Le routeur répond.'), detail, { gateway, probed: true, reachable: true });
    }
    if (probes.every((p) => !p.ok && p.failure === 'timeout')) {
      // Some company gateways drop such probes on purpose: a warning, not a failure.
      return outcome(
        'warn',
        say('The router did not answer our test. This can be normal on company networks; otherwise check the cable or Wi-Fi.', 'Le routeur n’a pas répondu à notre test. C’est parfois normal en entreprise ; sinon, vérifiez le câble ou le Wi-Fi.'),
        detail,
        { gateway, probed: true, reachable: false },
      );
    }
    return unknown(detail, say('Whether the router answers could not be determined.', 'Impossible de savoir si le routeur répond.'));
  },
};
