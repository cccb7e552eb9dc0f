/**
 * Fuzzes the host's clipboard through the real handler table: clipboard.writeText with
 * schema-shaped and mutated params, control and format characters, lone surrogates, huge texts
 * and garbage, as a compromised renderer relaying a hostile peer would send them, and
 * clipboard.readText over whatever the user's own clipboard holds. Only plain text that passed
 * the schema is ever written, a refused write writes nothing and says why, and what is read is
 * either plain text the other side's schema accepts or a typed reason. Whether the user agreed
 * is the renderer's part (file-transfers.fuzz.test.ts).
 */
import * as fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { clipboardTextSchema, MAX_CLIPBOARD_CHARS } from '../../shared/files';
import { hostMethodParams } from '../../shared/host-api';
import { silentLogger } from '../../shared/log';
import { expectHealthyRun, fuzzParameters, hostileString, hostileValue, shapedAndMutated, shapedBy, watchProcess } from '../../shared/test-support/fuzz';
import { FakeInjector } from '../test/fake-injector';
import { fuzzHostHandlers } from '../test/fuzz-host';
import { createClipboardService, type ClipboardBackend } from './clipboard';
import { createControlService } from './control/control-service';
import { dispatchHostCall } from './host-handlers';

const parameters = fuzzParameters(process.env);
const downloads = mkdtempSync(path.join(tmpdir(), 'tandem-clipboard-fuzz-'));
afterAll(() => rmSync(downloads, { recursive: true, force: true }));

/** The OS clipboard: what the user copied (anything at all), and every write the host made. */
const os = { text: '', writes: [] as string[] };
const backend: ClipboardBackend = {
  readText: () => Promise.resolve(os.text),
  writeText: (text) => (os.writes.push(text), Promise.resolve()),
};
const control = createControlService({ injector: new FakeInjector(), prompter: { ask: () => Promise.resolve(false) }, sharedScreen: () => null, emit: () => {}, log: silentLogger });
const handlers = fuzzHostHandlers(control, downloads, { clipboard: createClipboardService(backend) });

/** Texts a peer sends: plain, with a stray control character, around the length limit, hostile. */
const text = fc.oneof(
  shapedBy(clipboardTextSchema),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 60 }),
  fc.tuple(fc.string({ maxLength: 20 }), fc.constantFrom('\u0000', '\r', '\u001b[2J', '\u202E', '\u200B', '\uD800', '\uFEFF'), fc.string({ maxLength: 20 })).map((parts) => parts.join('')),
  fc.constantFrom(MAX_CLIPBOARD_CHARS, MAX_CLIPBOARD_CHARS + 1).map((length) => 'a'.repeat(length)),
  hostileString,
);
type Call = { method: 'clipboard.writeText'; params: unknown } | { method: 'clipboard.readText'; params: unknown; copied: string };
const call: fc.Arbitrary<Call> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ method: fc.constant('clipboard.writeText' as const), params: fc.oneof({ weight: 3, arbitrary: text.map((value) => ({ text: value })) }, { weight: 1, arbitrary: shapedAndMutated(hostMethodParams['clipboard.writeText']) }, { weight: 1, arbitrary: hostileValue }) }) },
  { weight: 2, arbitrary: fc.record({ method: fc.constant('clipboard.readText' as const), params: fc.oneof({ weight: 4, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: hostileValue }), copied: text.filter((value): value is string => typeof value === 'string') }) },
);

describe('the host’s clipboard under hostile calls', () => {
  it('writes only plain text that passed the schema and reads only text the other side accepts', { timeout: Math.max(60_000, (parameters.numRuns ?? 0) * 5) }, async () => {
    const watch = watchProcess(process);
    const totals = { calls: 0, written: 0, refused: 0, read: 0, readRefused: 0 };
    await fc.assert(
      fc.asyncProperty(call, async (step) => {
        totals.calls += 1;
        if (step.method === 'clipboard.readText') os.text = step.copied;
        const before = os.writes.length;
        const reply = await dispatchHostCall(handlers, step.method, step.params, silentLogger);
        const writes = os.writes.splice(before);
        const valid = hostMethodParams[step.method].safeParse(step.params).success;
        if (!valid) {
          totals.refused += 1;
          expect(reply).toMatchObject({ ok: false, error: { code: 'invalid-params' } });
          expect(!reply.ok && reply.error.message.length > 0).toBe(true);
          expect(writes).toEqual([]);
          return;
        }
        expect(reply.ok).toBe(true);
        if (step.method === 'clipboard.writeText') {
          // At most one write, of plain text; text of blanks only writes nothing.
          expect(writes.length).toBeLessThanOrEqual(1);
          for (const written of writes) expect(clipboardTextSchema.safeParse(written).success).toBe(true);
          totals.written += writes.length;
          return;
        }
        // Reading never writes, and gives text the consultant's side will accept, or a typed reason.
        expect(writes).toEqual([]);
        const result = reply.ok ? (reply.value as { ok: boolean; text?: unknown; reason?: unknown }) : null;
        if (result?.ok) {
          totals.read += 1;
          expect(clipboardTextSchema.safeParse(result.text).success).toBe(true);
        } else {
          totals.readRefused += 1;
          expect(['empty', 'too-long']).toContain(result?.reason);
        }
      }),
      parameters,
    );
    const heap = expectHealthyRun(watch.stop(), totals);
    process.stdout.write(`host clipboard fuzz: ${totals.calls} host calls, ${JSON.stringify(totals)}, ${heap}\n`);
  });
});

