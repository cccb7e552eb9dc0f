/**
 * Fuzzes the user's end of the drawing channel, from the data channel to the canvas: batches of
 * hostile consultant messages (schema-shaped and mutated pointers, strokes and clears, NaN and
 * out-of-range points, colours that are not the palette's, too many points, garbage) go into
 * the Overlay feature, interleaved with the user hiding and showing the drawings and time
 * passing. Whatever the host is asked to show goes through the overlay page's painter, as main
 * relays it. It must never throw, claim exactly the overlay protocol's messages, show nothing
 * while the user hides the drawings and nothing at all on the consultant's side, pass the host
 * only well-formed messages, paint only finite coordinates, keep what is on screen bounded, and
 * hide everything when the session ends. The host's overlay service has its own fuzz.
 */
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OVERLAY_FADE_MS, OVERLAY_HOLD_MS, overlayMessageSchema, type OverlayMessage } from '../../../shared/overlay';
import { expectHealthyRun, fuzzParameters, hostileNumber, hostileValue, shapedAndMutated, shapedBy, watchProcess, type FuzzEnv, type WatchedProcess } from '../../../shared/test-support/fuzz';
import { createFakeHost } from '../test/fake-host';
import { recordingCanvas } from '../test/recording-canvas';
import { Overlay } from './overlay-feature';
import { MAX_OVERLAY_STROKES, OverlayPainter } from './overlay-painter';
import { useOverlayStore } from './overlay-store';

// The renderer's types know no Node; vitest runs it in Node all the same.
const node = (globalThis as unknown as { process: WatchedProcess & { env: FuzzEnv; stdout: { write(text: string): unknown } } }).process;
const parameters = fuzzParameters(node.env);
const MESSAGES = parameters.numRuns ?? 0;
const BATCH = { minLength: 1, maxLength: 24 };
/** fast-check favours short arrays: measured about four messages a batch (1,995 in 500 batches once in CI); three keeps a margin. */
const BATCH_AVERAGE = 3;

type Action = { kind: 'message'; message: unknown } | { kind: 'hide'; hidden: boolean } | { kind: 'advance'; ms: number } | { kind: 'paint' };

const point = fc.record({ x: fc.oneof({ weight: 4, arbitrary: fc.double({ min: 0, max: 1, noNaN: true }) }, { weight: 1, arbitrary: hostileNumber }), y: fc.oneof({ weight: 4, arbitrary: fc.double({ min: 0, max: 1, noNaN: true }) }, { weight: 1, arbitrary: hostileNumber }) });
const consultantMessage: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 2, arbitrary: fc.record({ t: fc.constant('overlay.pointer'), x: point.map((p) => p.x), y: point.map((p) => p.y) }) },
  // Fresh ids now and then, so more strokes are sent than the painter keeps.
  { weight: 3, arbitrary: fc.record({ t: fc.constant('overlay.stroke'), id: fc.oneof(fc.constantFrom('s1', 's2'), fc.string({ minLength: 1, maxLength: 40 })), kind: fc.constantFrom('freehand', 'arrow', 'circle', 'text'), points: fc.array(point, { minLength: 1, maxLength: 300 }), color: fc.constantFrom('#ff00ff', '#2979ff', 'red', 'url(javascript:alert(1))', 'transparent') }) },
  { weight: 2, arbitrary: shapedBy(overlayMessageSchema) },
  { weight: 3, arbitrary: shapedAndMutated(overlayMessageSchema) },
  { weight: 1, arbitrary: hostileValue },
);
const action: fc.Arbitrary<Action> = fc.oneof(
  { weight: 10, arbitrary: fc.record({ kind: fc.constant('message' as const), message: consultantMessage }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('hide' as const), hidden: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('advance' as const), ms: fc.integer({ min: 0, max: OVERLAY_HOLD_MS + OVERLAY_FADE_MS + 10 }) }) },
  { weight: 2, arbitrary: fc.constant({ kind: 'paint' as const }) },
);

const totals = { messages: 0, shown: 0, droppedWhileHidden: 0, painted: 0 };

/** The clock the painter reads; each batch starts at 0. */
let now = 0;
let painter = new OverlayPainter(() => now);
/** One pair of fake hosts for the run (vitest keeps every vi.fn it made; a pair per batch would pile up). */
const user = createFakeHost();
const consultant = createFakeHost();

/** What main does with the user's host calls: relays them to the overlay page, whose painter draws them. */
function relayToThePainter(): void {
  user.host.overlay.show.mockImplementation(({ message }: { message: OverlayMessage }) => (painter.apply(message), Promise.resolve(null)));
  user.host.overlay.setHidden.mockImplementation(({ hidden }: { hidden: boolean }) => (painter.setHidden(hidden), Promise.resolve(null)));
}

async function runBatch(actions: Action[]): Promise<void> {
  // A session starts with drawings shown (as the OVERLAY feature key sets it up), on a fresh overlay page.
  useOverlayStore.getState().reset();
  now = 0;
  painter = new OverlayPainter(() => now);
  const canvas = recordingCanvas();
  const sent: unknown[] = [];
  const userSide = new Overlay('user', user.host, (message) => sent.push(message));
  const consultantSide = new Overlay('consultant', consultant.host, (message) => sent.push(message));
  let hidden = false;

  for (const step of actions) {
    switch (step.kind) {
      case 'message': {
        totals.messages += 1;
        const parsed = overlayMessageSchema.safeParse(step.message);
        const before = user.host.overlay.show.mock.calls.length;
        expect(userSide.handle(step.message)).toBe(parsed.success);
        expect(consultantSide.handle(step.message)).toBe(parsed.success);
        const shown = user.host.overlay.show.mock.calls.slice(before);
        // Exactly the validated message reaches the user's screen, and only while the user lets drawings show.
        expect(shown).toEqual(parsed.success && !hidden ? [[{ message: parsed.data }]] : []);
        totals.shown += shown.length;
        totals.droppedWhileHidden += parsed.success && hidden ? 1 : 0;
        break;
      }
      case 'hide':
        hidden = step.hidden;
        userSide.setHidden(step.hidden);
        break;
      case 'advance':
        now += step.ms;
        break;
      case 'paint': {
        canvas.reset();
        painter.paint(canvas.context, 1280, 800);
        // Bounded work per frame (the strokes plus the pointer), and nothing at all while hidden.
        expect(canvas.count('stroke')).toBeLessThanOrEqual(MAX_OVERLAY_STROKES + 1);
        if (hidden) expect(canvas.count('stroke') + canvas.count('fill')).toBe(0);
        totals.painted += canvas.count('stroke') > 0 ? 1 : 0;
        break;
      }
    }
  }
  expect(canvas.nonFinite).toEqual([]);
  for (const [params] of user.host.overlay.show.mock.calls) expect(overlayMessageSchema.safeParse(params.message).success).toBe(true);
  // The consultant's side never shows what it receives, and a peer's message never makes either side send.
  expect(consultant.host.overlay.show).not.toHaveBeenCalled();
  expect(sent).toEqual([]);
  userSide.dispose();
  consultantSide.dispose();
  // Nothing the consultant drew outlives the session on the user's screen.
  expect(user.host.overlay.setHidden.mock.calls.at(-1)).toEqual([{ hidden: true }]);
  canvas.reset();
  painter.paint(canvas.context, 1280, 800);
  expect(canvas.count('stroke') + canvas.count('fill')).toBe(0);
  // Fakes keep their recorded calls: cleared for the next batch (user-control.fuzz.test.ts found them growing the heap by gigabytes).
  for (const fake of [user, consultant]) for (const mock of Object.values(fake.host.overlay)) mock.mockClear();
  await Promise.resolve();
}

describe('the user’s drawing overlay under hostile consultant messages', () => {
  it('never throws, shows only validated drawings and only while the user lets them, and paints a bounded, finite picture', { timeout: Math.max(60_000, MESSAGES * 5) }, async () => {
    relayToThePainter();
    const watch = watchProcess(node);
    await fc.assert(fc.asyncProperty(fc.array(action, BATCH), (actions) => runBatch(actions)), { ...parameters, numRuns: Math.ceil(MESSAGES / BATCH_AVERAGE) });
    const heap = expectHealthyRun(watch.stop(), totals, { counted: totals.messages, atLeast: MESSAGES });
    node.stdout.write(`overlay fuzz: ${totals.messages} channel messages, ${JSON.stringify(totals)}, ${heap}\n`);
  });
});

