/**
 * Fuzzes the host's half of file transfers through the real handler table, as a compromised
 * renderer relaying a hostile peer would call it: files.receive with hostile names, sizes and
 * hashes, files.write with chunks in and out of order, too long, concurrent or garbage,
 * files.finish and files.cancel at any moment, files.read and files.release with foreign tokens.
 * Whatever happens, nothing is created outside the Downloads folder, nothing there is replaced,
 * every file kept has exactly the announced size and SHA-256 under a sanitised name, no partial
 * file outlives its transfer, a picked file is never read past its end, and every refused call
 * gets a typed error. The renderer's side (who may accept) has its own fuzz (file-transfers.fuzz.test.ts).
 */
import * as fc from 'fast-check';
import { createHash } from 'node:crypto';
import { lstat, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FILE_CHUNK_BYTES, sanitizeFileName } from '../../../shared/files';
import { hostMethodParams, type HostMethod } from '../../../shared/host-api';
import { silentLogger } from '../../../shared/log';
import { expectHealthyRun, fuzzParameters, hostileFileName, hostileNumber, hostileValue, shapedAndMutated, watchProcess } from '../../../shared/test-support/fuzz';
import { FakeInjector } from '../../test/fake-injector';
import { fuzzHostHandlers } from '../../test/fuzz-host';
import { createControlService } from '../control/control-service';
import { dispatchHostCall } from '../host-handlers';
import { createFilesService } from './files-service';

const parameters = fuzzParameters(process.env);
const MESSAGES = parameters.numRuns ?? 0;
const SEQUENCE = { minLength: 4, maxLength: 16 };
/** fast-check favours short arrays: about seven calls a sequence; five keeps a margin. */
const SEQUENCE_AVERAGE = 5;
const PICKED = Buffer.from(Array.from({ length: FILE_CHUNK_BYTES + 1000 }, (_, index) => (index * 13) % 256));
const MINE = 'the user’s own file';
/** Already in Downloads before the session: an offer of the same name must never replace it. */
const EXISTING = 'report.txt';

let root: string;
let downloads: string;
let picked: string;
/** What the root holds besides Downloads: a file a traversal would reach, and the picked file's folder. */
const OUTSIDE = ['picked', 'secret.txt'];

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'tandem-files-fuzz-'));
  downloads = path.join(root, 'Downloads');
  picked = path.join(root, 'picked', 'app.log');
  await mkdir(downloads);
  await mkdir(path.dirname(picked));
  await writeFile(picked, PICKED);
  await writeFile(path.join(root, 'secret.txt'), MINE);
  await writeFile(path.join(downloads, EXISTING), MINE);
});
afterAll(() => rm(root, { recursive: true, force: true }));

const control = createControlService({ injector: new FakeInjector(), prompter: { ask: () => Promise.resolve(false) }, sharedScreen: () => null, emit: () => {}, log: silentLogger });
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

type Action =
  | { kind: 'receive'; name: unknown; content: Uint8Array; hashRight: boolean; sizeDelta: number | null }
  | { kind: 'write'; which: number; length: number; how: 'next' | 'skip' | 'again' | 'parallel' }
  | { kind: 'finish' | 'cancel'; which: number }
  | { kind: 'pick'; cancelled: boolean }
  | { kind: 'read'; which: number; offset: number; length: number }
  | { kind: 'release'; which: number }
  /** Any files method with schema-shaped and mutated params or garbage; `which` may put a live id in. */
  | { kind: 'hostile'; method: HostMethod; params: unknown; which: number | null };

const FILE_METHODS = ['files.pick', 'files.read', 'files.release', 'files.receive', 'files.write', 'files.finish', 'files.cancel'] as const;

const action: fc.Arbitrary<Action> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('receive' as const),
      name: fc.oneof({ weight: 6, arbitrary: hostileFileName }, { weight: 1, arbitrary: fc.constant(EXISTING) }, { weight: 1, arbitrary: hostileValue }),
      content: fc.uint8Array({ maxLength: 3000 }),
      hashRight: fc.constantFrom(true, true, true, false),
      sizeDelta: fc.oneof({ weight: 6, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.integer({ min: -5, max: 5 }) }, { weight: 1, arbitrary: hostileNumber }),
    }),
  },
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('write' as const), which: fc.nat(3), length: fc.integer({ min: 1, max: 2000 }), how: fc.constantFrom('next' as const, 'next' as const, 'next' as const, 'skip' as const, 'again' as const, 'parallel' as const) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constantFrom('finish' as const, 'finish' as const, 'cancel' as const), which: fc.nat(3) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('pick' as const), cancelled: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('read' as const), which: fc.nat(3), offset: fc.oneof(fc.nat(PICKED.length + 10), hostileNumber), length: fc.oneof(fc.integer({ min: 1, max: FILE_CHUNK_BYTES }), hostileNumber) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('release' as const), which: fc.nat(3) }) },
  {
    weight: 3,
    arbitrary: fc
      .constantFrom(...FILE_METHODS)
      .chain((method) => fc.record({ kind: fc.constant('hostile' as const), method: fc.constant(method), params: fc.oneof(shapedAndMutated(hostMethodParams[method]), hostileValue), which: fc.option(fc.nat(3), { nil: null }) })),
  },
);

interface Receiving {
  id: string;
  content: Buffer;
  announced: { size: number; sha256: string };
  sent: number;
}

const totals = { calls: 0, started: 0, chunks: 0, saved: 0, mismatched: 0, reads: 0 };
const refusals = new Map<string, number>();

async function runSequence(actions: Action[]): Promise<void> {
  const files = createFilesService({ downloadsDir: () => downloads, pickFile: () => Promise.resolve(nextPick), log: silentLogger });
  const handlers = fuzzHostHandlers(control, downloads, { files });
  let nextPick: string | null = null;
  const receiving: Receiving[] = [];
  const pickedIds: string[] = [];
  const saved: { name: string; announced: Receiving['announced'] }[] = [];
  const call = async (method: string, params: unknown) => {
    totals.calls += 1;
    const reply = await dispatchHostCall(handlers, method, params, silentLogger);
    if (!reply.ok) {
      // Every refusal is typed and says why.
      expect(['invalid-params', 'failed']).toContain(reply.error.code);
      expect(reply.error.message.length).toBeGreaterThan(0);
      refusals.set(reply.error.code, (refusals.get(reply.error.code) ?? 0) + 1);
    }
    return reply;
  };
  const pickOf = (which: number) => receiving[which % Math.max(1, receiving.length)];
  const write = (target: Receiving, offset: number, length: number) =>
    call('files.write', { id: target.id, offset, data: target.content.subarray(offset, offset + length).toString('base64') }).then((reply) => {
      if (reply.ok) {
        target.sent = offset + Math.min(length, Math.max(0, target.content.length - offset));
        totals.chunks += 1;
      }
      return reply;
    });
  const finished = (target: Receiving, result: unknown) => {
    const outcome = result as { ok: boolean; savedAs?: string };
    if (outcome.ok && outcome.savedAs !== undefined) saved.push({ name: outcome.savedAs, announced: target.announced });
    else totals.mismatched += 1;
  };

  for (const step of actions) {
    switch (step.kind) {
      case 'receive': {
        const content = Buffer.from(step.content);
        const announced = { size: step.sizeDelta === null ? content.length : content.length + step.sizeDelta, sha256: step.hashRight ? sha256(content) : sha256(Buffer.concat([content, Buffer.from('x')])) };
        const reply = await call('files.receive', { name: step.name, ...announced });
        if (reply.ok) {
          totals.started += 1;
          receiving.push({ id: (reply.value as { id: string }).id, content, announced, sent: 0 });
        }
        break;
      }
      case 'write': {
        const target = pickOf(step.which);
        if (!target) break;
        if (step.how === 'parallel') await Promise.all([write(target, target.sent, step.length), write(target, target.sent, step.length)]);
        else await write(target, step.how === 'skip' ? target.sent + 1 : step.how === 'again' ? Math.max(0, target.sent - step.length) : target.sent, step.length);
        break;
      }
      case 'finish': {
        const target = pickOf(step.which);
        if (!target) break;
        const reply = await call('files.finish', { id: target.id });
        if (reply.ok) finished(target, reply.value);
        break;
      }
      case 'cancel': {
        const target = pickOf(step.which);
        if (target) await call('files.cancel', { id: target.id });
        break;
      }
      case 'pick': {
        nextPick = step.cancelled ? null : picked;
        const reply = await call('files.pick', undefined);
        const result = reply.ok ? (reply.value as { ok: boolean; file?: { id: string; size: number; sha256: string } }) : null;
        if (result?.ok && result.file) {
          expect(result.file).toMatchObject({ size: PICKED.length, sha256: sha256(PICKED) });
          pickedIds.push(result.file.id);
        }
        break;
      }
      case 'read': {
        const id = pickedIds[step.which % Math.max(1, pickedIds.length)] ?? 'no-such-token';
        const reply = await call('files.read', { id, offset: step.offset, length: step.length });
        if (reply.ok) {
          totals.reads += 1;
          // Never more than asked, never past the end, and exactly the picked file's bytes.
          const data = Buffer.from((reply.value as { data: string }).data, 'base64');
          expect(data.length).toBeLessThanOrEqual(Math.min(step.length, FILE_CHUNK_BYTES));
          expect(data.equals(PICKED.subarray(step.offset, step.offset + data.length))).toBe(true);
        }
        break;
      }
      case 'release': {
        const id = pickedIds[step.which % Math.max(1, pickedIds.length)];
        if (id) await call('files.release', { id });
        break;
      }
      case 'hostile': {
        const live = step.which === null ? undefined : (pickOf(step.which)?.id ?? pickedIds[0]);
        const params = live !== undefined && typeof step.params === 'object' && step.params !== null && 'id' in step.params ? { ...step.params, id: live } : step.params;
        const reply = await call(step.method, params);
        const target = receiving.find((candidate) => candidate.id === live);
        if (reply.ok && step.method === 'files.finish' && target) finished(target, reply.value);
        // A hostile write that landed moves the real position: later "next" writes follow it.
        if (reply.ok && step.method === 'files.write' && target) target.sent = (reply.value as { received: number }).received;
        break;
      }
    }
  }
  await files.dispose();
  await checkDisk(saved);
}

/** The whole tree after a sequence: only Downloads changed, nothing in it was replaced, and what was added are verified files under safe names. */
async function checkDisk(saved: { name: string; announced: Receiving['announced'] }[]): Promise<void> {
  expect((await readdir(root)).sort()).toEqual(['Downloads', ...OUTSIDE].sort());
  expect(await readFile(path.join(root, 'secret.txt'), 'utf8')).toBe(MINE);
  expect((await readFile(picked)).equals(PICKED)).toBe(true);
  const names = (await readdir(downloads)).filter((name) => name !== EXISTING);
  expect(names.sort()).toEqual(saved.map((file) => file.name).sort());
  expect(await readFile(path.join(downloads, EXISTING), 'utf8')).toBe(MINE);
  for (const file of saved) {
    expect(path.basename(file.name)).toBe(file.name);
    expect(sanitizeFileName(file.name)).toBe(file.name);
    const full = path.join(downloads, file.name);
    expect((await lstat(full)).isFile()).toBe(true);
    const content = await readFile(full);
    expect({ size: content.length, sha256: sha256(content) }).toEqual(file.announced);
  }
  totals.saved += saved.length;
  // Emptied for the next sequence: the disk stays small over the full run.
  await Promise.all(names.map((name) => rm(path.join(downloads, name), { force: true })));
}

describe('the host’s file transfers under hostile calls', () => {
  it('writes only verified files, only in Downloads, under safe names, and answers every refusal with a typed error', { timeout: Math.max(60_000, MESSAGES * 10) }, async () => {
    const watch = watchProcess(process);
    await fc.assert(fc.asyncProperty(fc.array(action, SEQUENCE), (actions) => runSequence(actions)), { ...parameters, numRuns: Math.ceil(MESSAGES / SEQUENCE_AVERAGE) });
    const heap = expectHealthyRun(watch.stop(), totals, { counted: totals.calls, atLeast: MESSAGES });
    expect(refusals.get('invalid-params')).toBeGreaterThan(0);
    expect(refusals.get('failed')).toBeGreaterThan(0);
    process.stdout.write(`host files fuzz: ${totals.calls} host calls, ${JSON.stringify(totals)}, refusals ${JSON.stringify(Object.fromEntries(refusals))}, ${heap}\n`);
  });
});

