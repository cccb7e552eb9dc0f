/**
 * Fuzzes the host's overlay service through the real handler table: overlay.show and
 * overlay.setHidden with schema-shaped and mutated params and garbage, as a compromised renderer
 * relaying a hostile consultant would call them. The click-through window opens only for a first
 * valid drawing shown while drawings are allowed (a session without drawings never creates it),
 * only validated drawings reach it, nothing does while the user hides them, hiding clears and
 * hides the window, and every refused call says why. The renderer's side has overlay.fuzz.test.ts.
 */
import * as fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hostMethodParams } from '../../shared/host-api';
import { silentLogger } from '../../shared/log';
import { overlayMessageSchema, type OverlayPageEvent } from '../../shared/overlay';
import { expectHealthyRun, fuzzParameters, hostileValue, shapedAndMutated, shapedBy, watchProcess } from '../../shared/test-support/fuzz';
import { FakeInjector } from '../test/fake-injector';
import { fuzzHostHandlers } from '../test/fuzz-host';
import { createControlService } from './control/control-service';
import { dispatchHostCall, type HostHandlers } from './host-handlers';
import { createOverlayService } from './overlay';

const parameters = fuzzParameters(process.env);
const MESSAGES = parameters.numRuns ?? 0;
const SEQUENCE = { minLength: 1, maxLength: 12 };
/** fast-check favours short arrays: about ten calls a sequence; five keeps a margin. */
const SEQUENCE_AVERAGE = 5;
const downloads = mkdtempSync(path.join(tmpdir(), 'tandem-overlay-fuzz-'));
afterAll(() => rmSync(downloads, { recursive: true, force: true }));
const control = createControlService({ injector: new FakeInjector(), prompter: { ask: () => Promise.resolve(false) }, sharedScreen: () => null, emit: () => {}, log: silentLogger });

type Call = { method: 'overlay.show' | 'overlay.setHidden'; params: unknown };
const call: fc.Arbitrary<Call> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ method: fc.constant('overlay.show' as const), params: fc.oneof({ weight: 2, arbitrary: shapedBy(hostMethodParams['overlay.show']) }, { weight: 2, arbitrary: shapedAndMutated(hostMethodParams['overlay.show']) }, { weight: 1, arbitrary: hostileValue }) }) },
  { weight: 1, arbitrary: fc.record({ method: fc.constant('overlay.setHidden' as const), params: fc.oneof({ weight: 3, arbitrary: fc.boolean().map((hidden) => ({ hidden })) }, { weight: 1, arbitrary: shapedAndMutated(hostMethodParams['overlay.setHidden']) }, { weight: 1, arbitrary: hostileValue }) }) },
);

const totals = { calls: 0, refused: 0, shown: 0, droppedWhileHidden: 0, windows: 0 };

async function runSequence(calls: Call[]): Promise<void> {
  const window = { opened: 0, visible: false, events: [] as OverlayPageEvent[] };
  const overlay = createOverlayService(() => {
    window.opened += 1;
    return { send: (event) => void window.events.push(event), setVisible: (visible) => void (window.visible = visible) };
  });
  const handlers: HostHandlers = fuzzHostHandlers(control, downloads, { overlay });
  let hidden = false;
  for (const step of calls) {
    totals.calls += 1;
    const before = window.events.length;
    const reply = await dispatchHostCall(handlers, step.method, step.params, silentLogger);
    const events = window.events.slice(before);
    const parsed = hostMethodParams[step.method].safeParse(step.params);
    if (!parsed.success) {
      totals.refused += 1;
      expect(reply).toMatchObject({ ok: false, error: { code: 'invalid-params' } });
      expect(!reply.ok && reply.error.message.length > 0).toBe(true);
      expect(events).toEqual([]);
      continue;
    }
    expect(reply).toEqual({ ok: true, value: null });
    if ('hidden' in parsed.data) {
      hidden = parsed.data.hidden;
      // Hiding tells the page to clear, and hides the window; no window is opened for it.
      if (window.opened > 0) expect(events).toEqual([{ type: 'overlay.hidden', hidden }]);
      else expect(events).toEqual([]);
      if (hidden) expect(window.visible).toBe(false);
    } else if (hidden) {
      totals.droppedWhileHidden += 1;
      expect(events).toEqual([]);
    } else {
      totals.shown += 1;
      expect(events).toEqual([{ type: 'overlay.event', message: parsed.data.message }]);
      expect(overlayMessageSchema.safeParse(parsed.data.message).success).toBe(true);
      expect(window.visible).toBe(true);
    }
  }
  // One window at most, and none unless a drawing was shown.
  expect(window.opened).toBeLessThanOrEqual(1);
  expect(window.opened > 0).toBe(window.events.some((event) => event.type === 'overlay.event'));
  totals.windows += window.opened;
}

describe('the host’s overlay window under hostile calls', () => {
  it('opens only for a drawing shown while allowed, shows only validated drawings, and refuses the rest with a typed error', { timeout: Math.max(60_000, MESSAGES * 5) }, async () => {
    const watch = watchProcess(process);
    await fc.assert(fc.asyncProperty(fc.array(call, SEQUENCE), (calls) => runSequence(calls)), { ...parameters, numRuns: Math.ceil(MESSAGES / SEQUENCE_AVERAGE) });
    const heap = expectHealthyRun(watch.stop(), totals, { counted: totals.calls, atLeast: MESSAGES });
    process.stdout.write(`host overlay fuzz: ${totals.calls} host calls, ${JSON.stringify(totals)}, ${heap}\n`);
  });
});

