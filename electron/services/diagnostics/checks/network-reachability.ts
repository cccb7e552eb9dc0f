import { outcome, say, unknown, type CheckDefinition, type CheckOutcome } from '../check';
import type { CheckContext } from '../context';
import { httpProbe, tcpProbe, type ProbeFailure } from '../probes';
import { parseTarget, serverTargets, type Target } from './targets';

interface Reach {
  label: string;
  ok: boolean;
  failure?: ProbeFailure;
  text: string;
}

async function reach(ctx: CheckContext, target: Target): Promise<Reach> {
  if (target.kind === 'tcp') {
    const probe = await tcpProbe(target.host, target.port, ctx.timeouts.tcpMs, ctx.signal);
    return probe.ok
      ? { label: target.label, ok: true, text: `${target.label}: TCP connected in ${probe.ms} ms` }
      : { label: target.label, ok: false, failure: probe.failure, text: `${target.label}: TCP ${probe.code}` };
  }
  const probe = await httpProbe(target.url, ctx.timeouts.httpMs, { signal: ctx.signal, ...(ctx.ca ? { ca: ctx.ca } : {}) });
  // Any HTTP answer proves the path works; a 5xx means the service itself is unwell.
  if (probe.ok && probe.status < 500) return { label: target.label, ok: true, text: `${target.label}: HTTP ${probe.status} in ${probe.ms} ms` };
  if (probe.ok) return { label: target.label, ok: false, failure: 'error', text: `${target.label}: HTTP ${probe.status}` };
  return { label: target.label, ok: false, failure: probe.failure, text: `${target.label}: ${probe.code}` };
}

const why: Record<ProbeFailure, string> = {
  refused: 'refused',
  timeout: 'no answer',
  'not-found': 'name not found',
  tls: 'certificate not trusted (possible filtering proxy)',
  error: 'error',
};

export const networkServer: CheckDefinition = {
  id: 'network.server',
  category: 'network',
  async run(ctx) {
    if (!ctx.config.serverUrl) return unknown('no organisation server configured', say('Not checked: no server address was configured.', 'Non vérifié : aucune adresse de serveur n’a été configurée.'));
    const targets = serverTargets(ctx.config.serverUrl);
    if (!targets) return unknown(`server URL not understood: ${ctx.config.serverUrl.slice(0, 200)}`);
    const tcp = await reach(ctx, targets.tcp);
    if (!tcp.ok) {
      return outcome('fail', say('Your organisation’s server cannot be reached from this computer.', 'Le serveur de votre organisation est injoignable depuis cet ordinateur.'), `${tcp.text} (${why[tcp.failure ?? 'error']})`, { reachable: false });
    }
    const web = await reach(ctx, targets.http);
    if (!web.ok) {
      return outcome('warn', say('Your organisation’s server is reachable but does not answer normally.', 'Le serveur de votre organisation est joignable mais ne répond pas normalement.'), `${tcp.text}; ${web.text} (${why[web.failure ?? 'error']})`, { reachable: true, healthy: false });
    }
    return outcome('ok', say('Your organisation’s server is reachable.', 'Le serveur de votre organisation est joignable.'), `${tcp.text}; ${web.text}`, { reachable: true, healthy: true });
  },
};

export const networkHosts: CheckDefinition = {
  id: 'network.hosts',
  category: 'network',
  async run(ctx): Promise<CheckOutcome> {
    const configured = ctx.config.hosts.slice(0, 10);
    if (configured.length === 0) return unknown('no hosts configured', say('Not checked: no addresses were configured for this test.', 'Non vérifié : aucune adresse n’a été configurée pour ce test.'));
    const targets = configured.map((text) => ({ text, target: parseTarget(text) }));
    const results = await Promise.all(
      targets.map(({ text, target }) => (target ? reach(ctx, target) : Promise.resolve<Reach>({ label: text.slice(0, 100), ok: false, failure: 'error', text: `${text.slice(0, 100)}: not host:port or a URL` }))),
    );
    const failed = results.filter((r) => !r.ok);
    const detail = results.map((r) => (r.ok ? r.text : `${r.text} (${why[r.failure ?? 'error']})`)).join('; ');
    const data = { hosts: results.map((r) => ({ target: r.label, ok: r.ok })) };
    if (failed.length === 0) return outcome('ok', say('All the tested addresses are reachable.', 'Toutes les adresses testées sont joignables.'), detail, data);
    if (failed.length === results.length) return outcome('fail', say('None of the tested addresses can be reached.', 'Aucune des adresses testées n’est joignable.'), detail, data);
    const names = failed.map((r) => r.label).join(', ');
    return outcome('warn', say(`Some addresses cannot be reached: ${names}.`, `Certaines adresses sont injoignables : ${names}.`), detail, data);
  },
};
