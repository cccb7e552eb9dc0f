/**
 * Runs the checks with bounded concurrency and one overall deadline, so a fully offline
 * machine still gets its report in about 30 seconds.
 */
import { checkIdSchema, type CheckId, type CheckResult, type DiagnosticsReport } from '../../../shared/diagnostics';
import { runCheck, say, type CheckDefinition } from './check';
import { createDiagnosticsContext, type DiagnosticsConfig, type DiagnosticsContext } from './context';
import { CHECKS, findCheck } from './registry';

export interface RunOptions {
  /** Only these checks (default: all). */
  ids?: readonly CheckId[];
  concurrency?: number;
  /** Stops the run early; unfinished checks report `unknown`. */
  signal?: AbortSignal;
  /** Each result as soon as it is known, for progress display. */
  onResult?: (result: CheckResult) => void;
  /** Replaces the built-in checks (tests). */
  checks?: readonly CheckDefinition[];
}

function notRun(check: CheckDefinition): CheckResult {
  return {
    id: check.id,
    category: check.category,
    status: 'unknown',
    verdict: say('This check was not run: the time allowed for the diagnostics ran out.', 'Cette vérification n’a pas été faite : le temps prévu pour le diagnostic est écoulé.'),
    detail: 'not started before the run deadline',
    durationMs: 0,
  };
}

export async function runDiagnostics(config: DiagnosticsConfig, ctx: DiagnosticsContext = createDiagnosticsContext(), options: RunOptions = {}): Promise<DiagnosticsReport> {
  const startedAt = new Date(ctx.now());
  const deadline = ctx.now() + ctx.timeouts.runMs;
  const all = options.checks ?? CHECKS;
  const queue = options.ids ? all.filter((check) => options.ids?.includes(check.id)) : [...all];
  const results = new Map<CheckId, CheckResult>();
  let next = 0;
  const worker = async () => {
    while (next < queue.length) {
      const check = queue[next++];
      if (!check) break;
      const budget = deadline - ctx.now();
      const result = budget <= 0 || options.signal?.aborted ? notRun(check) : await runCheck(check, config, ctx, budget, options.signal);
      results.set(check.id, result);
      options.onResult?.(result);
    }
  };
  const workers = Math.max(1, Math.min(options.concurrency ?? 4, queue.length));
  await Promise.all(Array.from({ length: workers }, worker));
  return {
    startedAt: startedAt.toISOString(),
    finishedAt: new Date(ctx.now()).toISOString(),
    platform: ctx.platform,
    results: queue.map((check) => results.get(check.id) ?? notRun(check)),
  };
}

/** Re-runs one check; `id` is untrusted (it comes from the consultant) and is validated here. */
export async function rerunCheck(id: unknown, config: DiagnosticsConfig, ctx: DiagnosticsContext = createDiagnosticsContext()): Promise<CheckResult> {
  const parsed = checkIdSchema.safeParse(id);
  const check = parsed.success ? findCheck(parsed.data) : undefined;
  if (!check) throw new Error('unknown check id');
  return runCheck(check, config, ctx, ctx.timeouts.runMs);
}
