import { spawnSync } from 'node:child_process';
import { appendFile, readFile } from 'node:fs/promises';
import { compareRuns, comparisonMarkdown, type BenchResults } from './compare';
import { RESULTS, SUMMARY } from './report';

/**
 * `npm run bench [-- --compare previous.json] [bench files…]`: builds the renderer, runs the
 * bench under Playwright and, with --compare, judges this run's ratios to the floor against an
 * earlier results.json (exit code 1 on a regression of more than 20 %).
 */
function parseArgs(argv: readonly string[]): { compare?: string; rest: string[] } {
  const rest: string[] = [];
  let compare: string | undefined;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] as string;
    if (arg === '--compare') {
      compare = argv[i + 1];
      if (!compare) throw new Error('--compare needs the path of an earlier bench/results.json');
      i += 1;
    } else if (arg.startsWith('--compare=')) compare = arg.slice('--compare='.length);
    else rest.push(arg);
  }
  return { compare, rest };
}

const run = (command: string, args: string[]) => spawnSync(command, args, { stdio: 'inherit' }).status ?? 1;

async function main(): Promise<number> {
  const { compare, rest } = parseArgs(process.argv.slice(2));
  // Read the earlier run first: it may be the very results.json this run overwrites.
  const previous = compare ? (JSON.parse(await readFile(compare, 'utf8')) as BenchResults) : undefined;
  if (run('npm', ['run', 'build:renderer']) !== 0) return 1;
  // Thousands of idle sockets in the server bench need the raised descriptor limit.
  const status = run('bash', ['-c', 'ulimit -n 20000 2>/dev/null; exec npx playwright test -c bench/playwright.bench.config.ts "$@"', 'bench', ...rest]);
  if (!previous || !compare) return status;
  const current = JSON.parse(await readFile(RESULTS, 'utf8')) as BenchResults;
  const changes = compareRuns(previous, current);
  const markdown = comparisonMarkdown(changes, `${compare}${previous.generatedAt ? ` (${previous.generatedAt})` : ''}`);
  process.stdout.write(`\n${markdown}`);
  await appendFile(SUMMARY, `\n${markdown}`);
  return changes.some((change) => change.flagged) ? 1 : status;
}

main().then((code) => process.exit(code), (error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(2);
});
