/**
 * Test helper: fast-check arbitraries for fuzzing every trust boundary. Used only by *.fuzz.test.ts.
 *
 * Two families of input: messages shaped by a zod schema (so they get past the first checks and
 * reach the handlers), then mutated with hostile values; and raw garbage (random text, bytes,
 * truncated JSON, deep nesting). Sizes and replay come from the environment (see fuzzParameters).
 */
import * as fc from 'fast-check';
import { expect } from 'vitest';
import * as z from 'zod';

/** FUZZ_RUNS sets the run count of every boundary; FUZZ_SEED and FUZZ_PATH replay a reported failure. */
export interface FuzzEnv {
  FUZZ_RUNS?: string | undefined;
  FUZZ_SEED?: string | undefined;
  FUZZ_PATH?: string | undefined;
}

/** The unit suite's size: small enough to add seconds, big enough to reach every branch. */
export const DEFAULT_FUZZ_RUNS = 2_000;

export function fuzzParameters(env: FuzzEnv, defaultRuns = DEFAULT_FUZZ_RUNS): fc.Parameters<unknown> {
  const runs = Number(env.FUZZ_RUNS ?? defaultRuns);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`FUZZ_RUNS must be a positive integer, got ${env.FUZZ_RUNS}`);
  const seed = env.FUZZ_SEED === undefined ? undefined : Number(env.FUZZ_SEED);
  if (seed !== undefined && !Number.isInteger(seed)) throw new Error(`FUZZ_SEED must be an integer, got ${env.FUZZ_SEED}`);
  // fast-check's failure report prints `seed` and `path`; passing both back replays the shrunk case directly.
  return { numRuns: runs, ...(seed === undefined ? {} : { seed }), ...(env.FUZZ_PATH ? { path: env.FUZZ_PATH } : {}) };
}

/** Keys that pollute prototypes when an object is merged or assigned without care. */
export const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype'] as const;

/** An object with own enumerable keys named `__proto__` etc. (a literal would set the prototype instead). */
export function withOwnKey(target: object, key: string, value: unknown): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...target };
  Object.defineProperty(copy, key, { value, enumerable: true, configurable: true, writable: true });
  return copy;
}

const hugeString = fc.constantFrom(70_000, 200_000).map((length) => 'x'.repeat(length));

/** Strings that break careless code: control characters, lone surrogates, RTL marks, huge ones. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.constantFrom('', ' ', '\u0000', '\uD800', '\uDFFF', '\u202E', '\uFEFF', '../../etc/passwd', 'C:\\Windows\\System32', '%s%n', '<script>', ...PROTOTYPE_KEYS),
  hugeString,
);

/**
 * File names a hostile peer offers: traversal, absolute and UNC paths, Windows device names and
 * streams, hidden and dot-only names, bidi overrides disguising the extension, over-long names.
 */
export const hostileFileName: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('..', '.', '...', '../x', '..\\x', '/etc/passwd', '\\\\server\\share\\x', 'C:\\x.txt', 'C:x', 'a/../../b', 'CON', 'con.txt', 'NUL.tar.gz', 'COM1', 'LPT¹', 'file.txt:stream', '.bashrc', ' .', 'report\u202Etxt.exe', 'x\u0000.txt', '\uD800.txt', '~/.ssh/authorized_keys', '%2e%2e%2fx', 'ｘ／..／y'),
  fc.tuple(fc.constantFrom('../', '..\\', '/', '\\', './', ''), fc.string({ maxLength: 20 }), fc.constantFrom('', '.txt', '.exe', '.', '/')).map(([prefix, middle, suffix]) => prefix + middle + suffix),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 255 }),
  fc.constantFrom(181, 255).map((length) => 'é'.repeat(length - 4) + '.txt'),
);

/** Numbers outside every sane range; NaN and ±Infinity matter in-process (JSON turns them into null). */
export const hostileNumber: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0, -1, 0.5, 2 ** 31, 2 ** 53 + 2, Number.MAX_VALUE, Number.MIN_VALUE, -1e308),
  fc.double(),
  fc.integer(),
);

/** Nested arrays or objects `depth` levels deep (stack-hungry parsers and recursive walkers). */
export function deeplyNested(depth: number, asObject: boolean): unknown {
  let value: unknown = 0;
  for (let level = 0; level < depth; level += 1) value = asObject ? { a: value } : [value];
  return value;
}

/** Any JSON-ish value of the wrong kind: what replaces a field when a message is mutated. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  hostileNumber,
  fc.constantFrom(null, undefined, true, false, [], {}),
  fc.constantFrom(...PROTOTYPE_KEYS).map((key) => withOwnKey({}, key, { polluted: true })),
  fc.constantFrom(50, 2_000).chain((depth) => fc.boolean().map((asObject) => deeplyNested(depth, asObject))),
  fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 5 }),
);

const MAX_SHAPE_DEPTH = 8;

/** Strings likely to satisfy a string schema (length bounds, formats), so mutated messages reach the handlers. */
function plausibleString(schema: z.ZodString): fc.Arbitrary<string> {
  if (schema.format === 'uuid' || schema.format === 'guid') return fc.uuid();
  if (schema.format === 'email') return fc.emailAddress();
  const min = schema.minLength ?? 0;
  const max = Math.max(min, Math.min(schema.maxLength ?? 64, 64));
  const token = fc.string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-'), minLength: min, maxLength: max });
  const digits = fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: min, maxLength: max });
  // The schema's own regexes (session codes, tokens, ids) make most values pass the first check.
  const patterns = [...((schema._zod.bag as { patterns?: Set<RegExp> }).patterns ?? [])].filter((pattern) => pattern.flags === '');
  const matching = patterns.map((pattern) => fc.stringMatching(pattern).filter((value) => value.length >= min && value.length <= (schema.maxLength ?? Infinity)));
  return fc.oneof(token, digits, fc.string({ minLength: min, maxLength: max }), ...matching, ...matching);
}

function plausibleNumber(schema: z.ZodNumber): fc.Arbitrary<number> {
  const min = Math.max(schema.minValue ?? -1e6, Number.MIN_SAFE_INTEGER);
  const max = Math.min(schema.maxValue ?? 1e6, Number.MAX_SAFE_INTEGER);
  return schema.isInt ? fc.integer({ min: Math.ceil(min), max: Math.floor(max) }) : fc.double({ min, max, noNaN: true });
}

/**
 * Values shaped by `schema`: its objects, literals, enums and unions, with plausible leaves. Not
 * always valid (regexes and refinements are not honoured), which is part of the point.
 */
export function shapedBy(schema: z.ZodType, depth = 0): fc.Arbitrary<unknown> {
  // Recursive schemas (getters, z.lazy) stop here: deeper shapes add nothing the hostile values do not.
  if (depth > MAX_SHAPE_DEPTH) return fc.constant(null);
  const inner = (child: unknown) => shapedBy(child as z.ZodType, depth + 1);
  if (schema instanceof z.ZodString) return plausibleString(schema);
  if (schema instanceof z.ZodNumber) return plausibleNumber(schema);
  if (schema instanceof z.ZodBoolean) return fc.boolean();
  if (schema instanceof z.ZodNull) return fc.constant(null);
  if (schema instanceof z.ZodLiteral) return fc.constantFrom(...schema.values);
  if (schema instanceof z.ZodEnum) return fc.constantFrom(...(schema.options as unknown[]));
  if (schema instanceof z.ZodOptional) return fc.option(inner(schema.unwrap()), { nil: undefined });
  if (schema instanceof z.ZodNullable) return fc.option(inner(schema.unwrap()), { nil: null });
  if (schema instanceof z.ZodDefault) return inner(schema.unwrap());
  if (schema instanceof z.ZodPipe) return inner(schema.in);
  if (schema instanceof z.ZodArray) return fc.array(inner(schema.element), { maxLength: 4 });
  if (schema instanceof z.ZodTuple) return fc.tuple(...(schema.def.items as z.ZodType[]).map((item) => inner(item)));
  if (schema instanceof z.ZodRecord) return fc.dictionary(fc.string({ maxLength: 8 }), inner(schema.valueType), { maxKeys: 3 });
  if (schema instanceof z.ZodUnion) return fc.oneof(...(schema.options as z.ZodType[]).map((option) => inner(option)));
  if (schema instanceof z.ZodLazy) return inner(schema.unwrap());
  if (schema instanceof z.ZodObject) {
    const shape = schema.shape as Record<string, z.ZodType>;
    const fields = Object.fromEntries(Object.entries(shape).map(([key, field]) => [key, inner(field)]));
    // Optional fields left undefined are dropped, as JSON would.
    return fc.record(fields).map((record) => Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined)));
  }
  // z.custom, z.any and the like: anything goes.
  return fc.jsonValue({ maxDepth: 2 });
}

/** One mutation of an object: a field replaced by a hostile value, removed, or an extra (prototype) key added. */
function mutate(value: unknown): fc.Arbitrary<unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return hostileValue;
  const keys = Object.keys(value);
  const extraKey = fc.oneof(fc.constantFrom(...PROTOTYPE_KEYS), fc.string({ maxLength: 12 }));
  return fc.oneof(
    fc.tuple(extraKey, hostileValue).map(([key, extra]) => withOwnKey(value, key, extra)),
    ...(keys.length === 0
      ? []
      : [
          fc.tuple(fc.constantFrom(...keys), hostileValue).map(([key, replacement]) => withOwnKey(value, key, replacement)),
          fc.constantFrom(...keys).map((key) => Object.fromEntries(Object.entries(value).filter(([name]) => name !== key))),
        ]),
  );
}

/** Schema-shaped values: two in five as generated, the others mutated once or twice. */
export function shapedAndMutated(schema: z.ZodType): fc.Arbitrary<unknown> {
  const shaped = shapedBy(schema);
  return fc.oneof({ weight: 2, arbitrary: shaped }, { weight: 2, arbitrary: shaped.chain(mutate) }, { weight: 1, arbitrary: shaped.chain(mutate).chain(mutate) });
}

/** Wire-level garbage: random text, random bytes as text, truncated or broken JSON of a shaped value, deep nesting. */
export function garbageText(schema: z.ZodType): fc.Arbitrary<string> {
  return fc.oneof(
    fc.string({ unit: 'binary', maxLength: 200 }),
    fc.uint8Array({ maxLength: 200 }).map((bytes) => String.fromCharCode(...bytes)),
    fc.tuple(shapedBy(schema), fc.nat()).map(([value, cut]) => {
      const json = JSON.stringify(value) ?? '';
      return json.slice(0, json.length === 0 ? 0 : cut % json.length);
    }),
    fc.constantFrom('[', '{', 'null', '1e999', 'NaN', '"', '{"type":', '{"type":"signal","data":{"__proto__":{"x":1}}}'),
    fc.constantFrom(1_000, 100_000).map((depth) => '['.repeat(depth) + ']'.repeat(depth)),
    fc.constantFrom(1_000, 20_000).map((depth) => '{"a":'.repeat(depth) + '0' + '}'.repeat(depth)),
  );
}

/** JSON text of a shaped-and-mutated message, or garbage: what a hostile peer can send as one frame. */
export function hostileFrame(schema: z.ZodType): fc.Arbitrary<string> {
  return fc.oneof({ weight: 3, arbitrary: shapedAndMutated(schema).map((value) => JSON.stringify(value) ?? 'undefined') }, { weight: 1, arbitrary: garbageText(schema) });
}

const BASELINE_PROTOTYPE_KEYS: ReadonlySet<string> = new Set(Object.getOwnPropertyNames(Object.prototype));

/** Own keys that fuzzed input may have added to Object.prototype (should always be empty). */
export function prototypePollution(): string[] {
  return Object.getOwnPropertyNames(Object.prototype).filter((name) => !BASELINE_PROTOTYPE_KEYS.has(name));
}

/** The bits of Node's `process` a fuzz run watches (structural, so shared/ names no Node type). */
export interface WatchedProcess {
  on(event: 'unhandledRejection', listener: (reason: unknown) => void): unknown;
  off(event: 'unhandledRejection', listener: (reason: unknown) => void): unknown;
  memoryUsage(): { heapUsed: number };
}

/** Heap growth allowed over one fuzz file: generous, it only catches state that grows per message. */
export const HEAP_GROWTH_BOUND_BYTES = 256 * 1024 * 1024;

/**
 * Starts watching for unhandled rejections and heap growth; `stop` returns what was seen. Heap
 * is read without forcing a collection, so the bound is loose on purpose.
 */
export function watchProcess(proc: WatchedProcess): { stop: () => { rejections: unknown[]; heapBefore: number; heapAfter: number } } {
  const rejections: unknown[] = [];
  const onRejection = (reason: unknown) => void rejections.push(reason);
  proc.on('unhandledRejection', onRejection);
  const heapBefore = proc.memoryUsage().heapUsed;
  return {
    stop: () => {
      proc.off('unhandledRejection', onRejection);
      return { rejections, heapBefore, heapAfter: proc.memoryUsage().heapUsed };
    },
  };
}

/**
 * The checks every fuzz file ends with: each counted kind of event happened (the run was not
 * vacuous), enough messages were sent, no unhandled rejection, no prototype pollution, bounded
 * heap. Returns the heap figures for the file's summary line.
 */
export function expectHealthyRun(
  seen: { rejections: unknown[]; heapBefore: number; heapAfter: number },
  totals: Readonly<Record<string, number>>,
  sent?: { counted: number; atLeast: number },
): string {
  for (const [name, count] of Object.entries(totals)) expect(count, name).toBeGreaterThan(0);
  if (sent) expect(sent.counted).toBeGreaterThanOrEqual(sent.atLeast);
  expect(seen.rejections).toEqual([]);
  expect(prototypePollution()).toEqual([]);
  expect(seen.heapAfter - seen.heapBefore).toBeLessThan(HEAP_GROWTH_BOUND_BYTES);
  const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
  return `heap ${mb(seen.heapBefore)} → ${mb(seen.heapAfter)} MB`;
}
