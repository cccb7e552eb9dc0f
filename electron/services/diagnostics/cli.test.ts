import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { diagnosticsReportSchema } from '../../../shared/diagnostics';
import { parseCliArgs, runDiagnoseCli } from './cli';
import { fakeContext } from './test-fixtures';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

describe('diagnose CLI', () => {
  it('parses options and probes nothing by default', () => {
    const parsed = parseCliArgs([], {});
    expect(parsed).toMatchObject({ ok: true, json: false, lang: 'en', config: { hosts: [], probeGateway: false } });
    expect(parsed.ok && parsed.config.serverUrl).toBeUndefined();
    expect(parseCliArgs([], { LANG: 'fr_FR.UTF-8' })).toMatchObject({ lang: 'fr' });
    expect(parseCliArgs(['--server', 'wss://help.example.org/ws', '--dns-server', '127.0.0.1:5353', '--host', 'a.example:443', '--host', 'https://b.example/'], {})).toMatchObject({
      ok: true,
      config: { serverUrl: 'wss://help.example.org/ws', dnsServer: '127.0.0.1:5353', hosts: ['a.example:443', 'https://b.example/'] },
    });
  });

  it('exits 2 on bad arguments', async () => {
    const out: string[] = [];
    const io = { stdout: (t: string) => out.push(t), stderr: (t: string) => out.push(t), env: {} };
    for (const argv of [['--bogus'], ['--lang', 'de'], ['--server', 'ftp://x'], ['--dns-server', 'resolver.local'], ['--host', 'nohost'], ['positional']]) {
      expect(await runDiagnoseCli(argv, io, fakeContext())).toBe(2);
    }
    expect(out.join('')).toContain('Usage:');
  });

  it('prints text in French, failures first', async () => {
    let text = '';
    const code = await runDiagnoseCli(['--lang', 'fr'], { stdout: (t) => (text += t), stderr: () => {}, env: {} }, fakeContext({ readFile: () => Promise.resolve('Iface\tDestination\n') }));
    expect(code).toBe(0);
    expect(text).toContain('Diagnostic Tandem');
    expect(text.split('\n').find((l) => l.startsWith('['))).toMatch(/^\[ÉCHEC\] network.gateway/);
  });

  it('`tsx scripts/diagnose.ts --json` prints a parseable report and exits 0', () => {
    const run = spawnSync('npx', ['tsx', 'scripts/diagnose.ts', '--json'], { cwd: root, encoding: 'utf8', timeout: 60_000 });
    expect(run.status).toBe(0);
    const report = diagnosticsReportSchema.parse(JSON.parse(run.stdout));
    expect(report.results.find((r) => r.id === 'network.server')?.status).toBe('unknown');
  }, 60_000);
});
