import { outcome, say, unknown, type CheckDefinition } from '../check';
import { httpProbe } from '../probes';

/** Hotel and airport Wi-Fi intercept web requests until the user signs in. */
export const networkCaptivePortal: CheckDefinition = {
  id: 'network.captive-portal',
  category: 'network',
  async run(ctx) {
    const portal = ctx.config.captivePortal;
    if (!portal) return unknown('no captive-portal URL configured', say('Not checked: no test address was configured.', 'Non vérifié : aucune adresse de test n’a été configurée.'));
    let url: URL;
    try {
      url = new URL(portal.url);
    } catch {
      return unknown(`captive-portal URL not understood: ${portal.url.slice(0, 200)}`);
    }
    const probe = await httpProbe(url, ctx.timeouts.httpMs, { signal: ctx.signal, ...(ctx.ca ? { ca: ctx.ca } : {}) });
    if (!probe.ok) {
      // No answer at all says nothing about a portal: the network may simply be down.
      return unknown(`${url.href}: ${probe.code}`, say('The portal test could not reach its address.', 'Le test de portail n’a pas pu joindre son adresse.'));
    }
    const expected = probe.status === portal.expectStatus && (portal.expectBody === undefined || probe.body.trim() === portal.expectBody.trim());
    const detail = `${url.href}: HTTP ${probe.status}${probe.location ? ` → ${probe.location.slice(0, 200)}` : ''}, expected ${portal.expectStatus}`;
    if (expected) return outcome('ok', say('The internet access is open (no sign-in page in the way).', 'L’accès à internet est ouvert (pas de page de connexion qui bloque).'), detail);
    return outcome(
      'warn',
      say('This network may require you to sign in on a web page first (as in hotels or airports): open your browser.', 'Ce réseau demande peut-être de se connecter sur une page web (comme dans les hôtels ou les aéroports) : ouvrez votre navigateur.'),
      detail,
      { status: probe.status },
    );
  },
};
