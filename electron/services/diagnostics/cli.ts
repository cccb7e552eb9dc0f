/**
 * `npm run diagnose` and the app's `--diagnose` flag. With no options nothing leaves the
 * machine: the network is probed only for what the caller names (server, resolver, hosts).
 */
import net from 'node:net';
import { parseArgs } from 'node:util';
import { createDiagnosticsContext, defaultConfig, type DiagnosticsConfig, type DiagnosticsContext } from './context';
import { formatReport, type ReportLanguage } from './format';
import { runDiagnostics } from './run';
import { parseTarget, serverTargets } from './checks/targets';

export const USAGE = `Usage: diagnose [--json] [--lang fr|en] [--server URL] [--dns-server IP[:PORT]]
                [--dns-name NAME] [--host HOST:PORT|URL]... [--probe-gateway]
Prints a diagnostics report. Without options nothing is sent over the network.
Exit code 0 whatever the checks find, 2 on bad arguments.
`;

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: Readonly<Record<string, string | undefined>>;
}

type Parsed = { ok: true; json: boolean; lang: ReportLanguage; config: DiagnosticsConfig; help: boolean } | { ok: false; message: string };

function validDnsServer(value: string): boolean {
  if (net.isIP(value)) return true;
  const match = /^(?:\[([^\]]+)\]|([^:]+)):(\d{1,5})$/.exec(value);
  const host = match?.[1] ?? match?.[2] ?? '';
  return net.isIP(host) !== 0 && Number(match?.[3]) > 0 && Number(match?.[3]) < 65536;
}

export function parseCliArgs(argv: readonly string[], env: CliIo['env']): Parsed {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        json: { type: 'boolean', default: false },
        lang: { type: 'string' },
        server: { type: 'string' },
        'dns-server': { type: 'string' },
        'dns-name': { type: 'string' },
        host: { type: 'string', multiple: true, default: [] },
        'probe-gateway': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
  const lang = values.lang ?? ((env.LC_ALL || env.LC_MESSAGES || env.LANG || '').toLowerCase().startsWith('fr') ? 'fr' : 'en');
  if (lang !== 'fr' && lang !== 'en') return { ok: false, message: `--lang must be fr or en, not ${lang}` };
  const config = defaultConfig();
  if (values.server !== undefined) {
    if (!serverTargets(values.server)) return { ok: false, message: '--server must be a ws, wss, http or https URL' };
    config.serverUrl = values.server;
  }
  if (values['dns-server'] !== undefined) {
    if (!validDnsServer(values['dns-server'])) return { ok: false, message: '--dns-server must be IP or IP:PORT' };
    config.dnsServer = values['dns-server'];
  }
  if (values['dns-name'] !== undefined) config.dnsName = values['dns-name'];
  for (const host of values.host) {
    if (!parseTarget(host)) return { ok: false, message: `--host ${host}: expected HOST:PORT or an http(s) URL` };
  }
  config.hosts = values.host;
  config.probeGateway = values['probe-gateway'];
  return { ok: true, json: values.json, lang, config, help: values.help };
}

/** Runs the whole command and returns its exit code; never throws. */
export async function runDiagnoseCli(argv: readonly string[], io: CliIo, ctx: DiagnosticsContext = createDiagnosticsContext()): Promise<number> {
  const parsed = parseCliArgs(argv, io.env);
  if (!parsed.ok) {
    io.stderr(`${parsed.message}\n${USAGE}`);
    return 2;
  }
  if (parsed.help) {
    io.stdout(USAGE);
    return 0;
  }
  try {
    const report = await runDiagnostics(parsed.config, ctx);
    io.stdout(parsed.json ? `${JSON.stringify(report, null, 2)}\n` : formatReport(report, parsed.lang));
    return 0;
  } catch (error) {
    // runDiagnostics is not expected to throw; if it does, say so instead of a stack trace.
    io.stderr(`diagnostics failed: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}
