/**
 * A check is a plain async function over a context. `runCheck` gives every one the same
 * guarantees: it ends within its timeout, never throws, and its result fits the schema.
 */
import { LIMITS, checkDataSchema, type Bilingual, type CheckCategory, type CheckId, type CheckResult, type CheckStatus } from '../../../shared/diagnostics';
import type { CheckContext, DiagnosticsConfig, DiagnosticsContext } from './context';

export type CheckData = Record<string, unknown>;

export interface CheckOutcome {
  status: CheckStatus;
  verdict: Bilingual;
  detail: string;
  data?: CheckData;
}

export interface CheckDefinition {
  id: CheckId;
  category: CheckCategory;
  /** Overrides the context's default check budget. */
  timeoutMs?: number;
  run(ctx: CheckContext): Promise<CheckOutcome>;
}

export const say = (en: string, fr: string): Bilingual => ({ en, fr });

export function outcome(status: CheckStatus, verdict: Bilingual, detail: string, data?: CheckData): CheckOutcome {
  return data === undefined ? { status, verdict, detail } : { status, verdict, detail, data };
}

/** The machine cannot tell us: say so plainly rather than guess. */
export function unknown(detail: string, verdict = say('This could not be checked on this computer.', 'Ce point n’a pas pu être vérifié sur cet ordinateur.')): CheckOutcome {
  return { status: 'unknown', verdict, detail };
}

function withDeadline<T>(work: Promise<T>, ms: number, signal: AbortSignal): Promise<T | 'timed-out'> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => resolve('timed-out'), ms);
    const onAbort = () => resolve('timed-out');
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
    });
  });
}

/** Runs one check within `budgetMs` (or its own shorter timeout) and always returns a result. */
export async function runCheck(check: CheckDefinition, config: DiagnosticsConfig, ctx: DiagnosticsContext, budgetMs = Infinity, outer?: AbortSignal): Promise<CheckResult> {
  const started = ctx.now();
  const timeoutMs = Math.max(0, Math.min(check.timeoutMs ?? ctx.timeouts.checkMs, budgetMs));
  const controller = new AbortController();
  const signal = outer ? AbortSignal.any([outer, controller.signal]) : controller.signal;
  let result: CheckOutcome;
  try {
    const settled = await withDeadline(
      Promise.resolve().then(() => check.run({ ...ctx, config, signal })),
      timeoutMs,
      signal,
    );
    result = settled === 'timed-out' ? unknown(`timed out after ${timeoutMs} ms`, say('This check took too long and was stopped.', 'Cette vérification a pris trop de temps et a été arrêtée.')) : settled;
  } catch (error) {
    result = unknown(`check failed: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    // Lets a check's sockets, timers and child processes stop once its result is in.
    controller.abort();
  }
  return finalize(check, result, Math.max(0, Math.round(ctx.now() - started)));
}

function finalize(check: CheckDefinition, result: CheckOutcome, durationMs: number): CheckResult {
  const bound = (text: string) => clip(text, LIMITS.verdict);
  const base: CheckResult = {
    id: check.id,
    category: check.category,
    status: result.status,
    verdict: { en: bound(result.verdict.en), fr: bound(result.verdict.fr) },
    detail: clip(result.detail, LIMITS.detail),
    durationMs,
  };
  if (result.data === undefined) return base;
  const data = checkDataSchema.safeParse(result.data);
  if (data.success) return { ...base, data: data.data };
  return { ...base, detail: clip(`(data omitted: too large or not JSON) ${base.detail}`, LIMITS.detail) };
}

/** Keeps the start: a check's detail leads with its most important fact. */
type PlatformRun = (ctx: CheckContext) => Promise<CheckOutcome>;

/** A check done differently per OS; elsewhere it is 'unknown', said plainly. */
export function perPlatform(runs: Partial<Record<'linux' | 'win32' | 'darwin', PlatformRun>>): CheckDefinition['run'] {
  return (ctx) => {
    const run = ctx.platform === 'linux' || ctx.platform === 'win32' || ctx.platform === 'darwin' ? runs[ctx.platform] : undefined;
    return run ? run(ctx) : Promise.resolve(unknown(`not supported on ${ctx.platform}`));
  };
}

export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

export function errorText(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code ? `${code}: ${error.message}` : error.message;
  }
  return String(error);
}

/** A field of parsed JSON as text: strings and numbers only, anything else is empty. */
export function asText(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : '';
}
