import net from 'node:net';
import { errorText, outcome, say, unknown, type CheckDefinition } from '../check';
import type { CheckContext } from '../context';
import { resolveThrough } from '../probes';
import { hostOf } from './targets';

const notConfigured = (what: string) =>
  unknown(`${what}: nothing configured to look up`, say('Not checked: no address was configured for this test.', 'Non vérifié : aucune adresse n’a été configurée pour ce test.'));

function dnsName(ctx: CheckContext): string | undefined {
  const name = ctx.config.dnsName ?? hostOf(ctx.config.serverUrl);
  // An IP address needs no resolution, so it would test nothing.
  return name && net.isIP(name) === 0 ? name : undefined;
}

export const networkDnsSystem: CheckDefinition = {
  id: 'network.dns-system',
  category: 'network',
  async run(ctx) {
    const name = dnsName(ctx);
    if (!name) return notConfigured('system resolver');
    const started = ctx.now();
    const lookup = ctx.lookup(name).then(
      (addresses) => ({ ok: true as const, addresses }),
      (error: unknown) => ({ ok: false as const, error }),
    );
    const timer = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), ctx.timeouts.dnsMs).unref());
    const result = await Promise.race([lookup, timer]);
    const ms = ctx.now() - started;
    if (result === 'timeout') {
      return outcome('fail', say('Names of websites cannot be looked up right now (the DNS server does not answer).', 'Les noms des sites ne peuvent pas être trouvés (le serveur DNS ne répond pas).'), `lookup ${name}: no answer in ${ctx.timeouts.dnsMs} ms`);
    }
    if (result.ok) {
      return outcome('ok', say('Website names are found normally.', 'Les noms des sites sont trouvés normalement.'), `lookup ${name} → ${result.addresses.slice(0, 4).join(', ')} in ${ms} ms`, { name, addresses: result.addresses.slice(0, 4) });
    }
    const code = (result.error as NodeJS.ErrnoException).code;
    if (code === 'ENOTFOUND') {
      return outcome('warn', say(`The name “${name}” does not exist for this network.`, `Le nom « ${name} » n’existe pas pour ce réseau.`), `lookup ${name}: ${errorText(result.error)}`);
    }
    return outcome('fail', say('Names of websites cannot be looked up right now.', 'Les noms des sites ne peuvent pas être trouvés pour le moment.'), `lookup ${name}: ${errorText(result.error)}`);
  },
};

export const networkDnsCustom: CheckDefinition = {
  id: 'network.dns-custom',
  category: 'network',
  async run(ctx) {
    const server = ctx.config.dnsServer;
    if (!server) return unknown('no extra resolver configured', say('Not checked: no second DNS server was configured.', 'Non vérifié : aucun second serveur DNS n’a été configuré.'));
    const name = dnsName(ctx);
    if (!name) return notConfigured(`resolver ${server}`);
    let probe;
    try {
      probe = await resolveThrough(server, name, ctx.timeouts.dnsMs, ctx.signal);
    } catch (error) {
      return unknown(`resolver ${server} rejected: ${errorText(error)}`);
    }
    const detail = `resolve ${name} via ${server}: ${probe.ok ? probe.addresses.slice(0, 4).join(', ') : probe.code} in ${probe.ms} ms`;
    if (probe.ok) return outcome('ok', say('The DNS server we tested answers correctly.', 'Le serveur DNS testé répond correctement.'), detail, { server, addresses: probe.addresses.slice(0, 4) });
    if (probe.code === 'ENOTFOUND') return outcome('warn', say(`The tested DNS server does not know “${name}”.`, `Le serveur DNS testé ne connaît pas « ${name} ».`), detail);
    if (probe.failure === 'timeout') return outcome('fail', say('The tested DNS server does not answer.', 'Le serveur DNS testé ne répond pas.'), detail);
    return outcome('fail', say('The tested DNS server refuses or fails to answer.', 'Le serveur DNS testé refuse de répondre ou échoue.'), detail);
  },
};
