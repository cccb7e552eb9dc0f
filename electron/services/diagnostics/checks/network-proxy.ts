import { outcome, say, type CheckDefinition } from '../check';
import type { CheckContext } from '../context';

const VARIABLES = ['HTTPS_PROXY', 'HTTP_PROXY', 'ALL_PROXY', 'NO_PROXY'] as const;

/** Proxy URLs often carry a password: never let it reach the consultant. */
export function redact(value: string): string {
  return value.replace(/\/\/[^@/\s]*@/g, '//***@').slice(0, 200);
}

interface OsProxy {
  text: string;
  active: boolean;
}

async function osProxy(ctx: CheckContext): Promise<OsProxy> {
  const opts = { timeoutMs: ctx.timeouts.commandMs, signal: ctx.signal };
  if (ctx.platform === 'win32') {
    const run = await ctx.runner('reg.exe', ['query', 'HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Internet Settings'], opts);
    if (run.status !== 'ok') return { text: `system proxy unknown (${run.reason})`, active: false };
    const pick = (key: string) => new RegExp(`^\\s*${key}\\s+REG_\\w+\\s+(.*)$`, 'mi').exec(run.stdout)?.[1]?.trim() ?? '';
    const enabled = pick('ProxyEnable') === '0x1';
    const auto = pick('AutoConfigURL');
    return { text: `system proxy ${enabled ? redact(pick('ProxyServer')) : 'off'}${auto ? `, PAC ${redact(auto)}` : ''}`, active: enabled || auto !== '' };
  }
  if (ctx.platform === 'darwin') {
    const run = await ctx.runner('scutil', ['--proxy'], opts);
    if (run.status !== 'ok') return { text: `system proxy unknown (${run.reason})`, active: false };
    const on = (key: string) => new RegExp(`${key}Enable\\s*:\\s*1`).test(run.stdout);
    const host = (key: string) => new RegExp(`${key}Proxy\\s*:\\s*(\\S+)`).exec(run.stdout)?.[1] ?? '?';
    const parts = ['HTTP', 'HTTPS'].filter(on).map((key) => `${key} ${redact(host(key))}`);
    if (/ProxyAutoConfigEnable\s*:\s*1/.test(run.stdout)) parts.push('PAC');
    return { text: `system proxy ${parts.length ? parts.join(', ') : 'off'}`, active: parts.length > 0 };
  }
  const run = await ctx.runner('gsettings', ['get', 'org.gnome.system.proxy', 'mode'], opts);
  const mode = run.stdout.trim().replace(/'/g, '').slice(0, 40);
  if (run.status === 'ok') return { text: `GNOME proxy mode ${mode}`, active: mode === 'manual' || mode === 'auto' };
  return { text: 'no desktop proxy setting found', active: false };
}

/** Informational: a proxy explains "web works but this app does not" more often than not. */
export const networkProxy: CheckDefinition = {
  id: 'network.proxy',
  category: 'network',
  async run(ctx) {
    const env: Record<string, string> = {};
    for (const name of VARIABLES) {
      const value = ctx.env[name] ?? ctx.env[name.toLowerCase()];
      if (value) env[name] = redact(value);
    }
    const system = await osProxy(ctx);
    const envText = Object.entries(env).map(([k, v]) => `${k}=${v}`).join(', ');
    const detail = `${envText || 'no proxy variables'}; ${system.text}`;
    const uses = Object.keys(env).some((k) => k !== 'NO_PROXY') || system.active;
    return outcome(
      'ok',
      uses ? say('This computer goes through a proxy to reach the internet.', 'Cet ordinateur passe par un proxy pour accéder à internet.') : say('No proxy is configured.', 'Aucun proxy n’est configuré.'),
      detail,
      { env, system: system.text },
    );
  },
};
