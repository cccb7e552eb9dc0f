/**
 * The one property remote control must never break: no input event reaches the injector
 * without live consent. Generated sequences of hostile host calls (control.request with
 * yes/no/failing prompts, release, heartbeat, input with valid and mutated events, time
 * passing past the dead-man switch, the shared screen coming and going) run through the real
 * handler table and ControlService, with a recording injector behind the Injector interface.
 * A model that only watches the user's answers and the clock says when consent is live.
 */
import * as fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type * as z from 'zod';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEAD_MAN_TIMEOUT_MS, dropReasonSchema, inputEventSchema, sequencedInputSchema, type InputEvent } from '../../../shared/control';
import { hostMethodParams } from '../../../shared/host-api';
import { silentLogger } from '../../../shared/log';
import { fuzzParameters, HEAP_GROWTH_BOUND_BYTES, hostileValue, prototypePollution, shapedAndMutated, shapedBy, watchProcess } from '../../../shared/test-support/fuzz';
import { FakeInjector } from '../../test/fake-injector';
import { fuzzHostHandlers } from '../../test/fuzz-host';
import { dispatchHostCall } from '../host-handlers';
import type { ScreenRect } from '../input/injector';
import { createControlService } from './control-service';

const parameters = fuzzParameters(process.env);
const MESSAGES = parameters.numRuns ?? 0;
/** Each run is a sequence of about ten actions, seven of them host calls on average (see the weights below). */
const SEQUENCE = { minLength: 5, maxLength: 15 };
/** Runs enough sequences for FUZZ_RUNS host calls, with a margin. */
const SEQUENCES = Math.ceil(MESSAGES / 6);
const SCREEN: ScreenRect = { x: 0, y: 0, width: 1280, height: 800 };
const downloads = mkdtempSync(path.join(tmpdir(), 'tandem-consent-fuzz-'));

afterAll(() => rmSync(downloads, { recursive: true, force: true }));
beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] }));
afterEach(() => vi.useRealTimers());

type Answer = 'yes' | 'no' | 'fails';
type Action =
  | { kind: 'request'; params: unknown; answer: Answer }
  | { kind: 'release'; params: unknown }
  | { kind: 'heartbeat'; params: unknown }
  | { kind: 'input'; event: unknown; nextSeq: boolean; params: unknown }
  | { kind: 'advance'; ms: number }
  | { kind: 'screen'; shared: boolean }
  | { kind: 'injector-fails' };

/** Mostly well-formed params (so consent does get asked for and given), the rest mutated or garbage. */
const validMostly = (schema: z.ZodType) => fc.oneof({ weight: 3, arbitrary: shapedBy(schema) }, { weight: 1, arbitrary: shapedAndMutated(schema) }, { weight: 1, arbitrary: hostileValue });

const action: fc.Arbitrary<Action> = fc.oneof(
  fc.record({ kind: fc.constant('request' as const), params: validMostly(hostMethodParams['control.request']), answer: fc.constantFrom<Answer>('yes', 'yes', 'no', 'fails') }),
  fc.record({ kind: fc.constant('release' as const), params: validMostly(hostMethodParams['control.release']) }),
  fc.record({ kind: fc.constant('heartbeat' as const), params: fc.oneof({ weight: 4, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: hostileValue }) }),
  // Inputs weigh most: they are what must not get through. `nextSeq` keeps the sequence rising so events can reach the injector.
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('input' as const),
      event: fc.oneof({ weight: 3, arbitrary: shapedBy(inputEventSchema) }, { weight: 1, arbitrary: shapedAndMutated(inputEventSchema) }, { weight: 1, arbitrary: hostileValue }),
      nextSeq: fc.constantFrom(true, true, true, false),
      params: fc.oneof(shapedAndMutated(sequencedInputSchema), hostileValue),
    }),
  },
  fc.record({ kind: fc.constant('advance' as const), ms: fc.oneof(fc.integer({ min: 0, max: DEAD_MAN_TIMEOUT_MS - 1 }), fc.integer({ min: DEAD_MAN_TIMEOUT_MS - 2, max: DEAD_MAN_TIMEOUT_MS * 3 })) }),
  fc.record({ kind: fc.constant('screen' as const), shared: fc.boolean() }),
  fc.record({ kind: fc.constant('injector-fails' as const) }),
);

/** What the user has said and when: consent is live from a yes until a release or the dead-man switch. */
interface ConsentModel {
  live: boolean;
  armedAt: number;
}

/** Records every injection, and every one that happened without live consent or with an invalid event. */
class RecordingInjector extends FakeInjector {
  readonly violations: { event: unknown; why: string }[] = [];
  constructor(private readonly model: ConsentModel) {
    super();
  }

  override inject(event: InputEvent, screen: ScreenRect): Promise<void> {
    if (!this.model.live) this.violations.push({ event, why: 'no live consent' });
    if (!inputEventSchema.safeParse(event).success) this.violations.push({ event, why: 'invalid event' });
    return super.inject(event, screen);
  }
}

let injectedTotal = 0;
let refusedTotal = 0;
let messagesTotal = 0;

async function runSequence(actions: Action[]): Promise<void> {
  const model: ConsentModel = { live: false, armedAt: 0 };
  const injector = new RecordingInjector(model);
  let screenShared = true;
  let seq = 0;
  const control = createControlService({
    injector,
    prompter: {
      ask: ({ consultantName }) => {
        expect(typeof consultantName).toBe('string');
        const answer = currentAnswer;
        if (answer === 'fails') return Promise.reject(new Error('dialog failed'));
        if (answer === 'yes') Object.assign(model, { live: true, armedAt: Date.now() });
        return Promise.resolve(answer === 'yes');
      },
    },
    sharedScreen: () => (screenShared ? SCREEN : null),
    emit: () => {},
    log: silentLogger,
  });
  const handlers = fuzzHostHandlers(control, downloads);
  let currentAnswer: Answer = 'no';
  const call = (method: string, params: unknown) => {
    messagesTotal += 1;
    return dispatchHostCall(handlers, method, params, silentLogger);
  };

  for (const step of actions) {
    switch (step.kind) {
      case 'request':
        currentAnswer = step.answer;
        await call('control.request', step.params);
        break;
      case 'release': {
        const reply = await call('control.release', step.params);
        if (hostMethodParams['control.release'].safeParse(step.params).success) model.live = false;
        else expect(reply).toMatchObject({ ok: false, error: { code: 'invalid-params' } });
        break;
      }
      case 'heartbeat': {
        await call('control.heartbeat', step.params);
        if (step.params === undefined && model.live) model.armedAt = Date.now();
        break;
      }
      case 'input': {
        const params = step.nextSeq ? { seq: seq++, event: step.event } : step.params;
        const before = injector.injected.length;
        const reply = await call('control.input', params);
        const injected = injector.injected.length > before;
        injectedTotal += injected ? 1 : 0;
        if (reply.ok) {
          const result = reply.value as { injected: boolean; dropped?: unknown };
          expect(result.injected).toBe(injected);
          // A refusal is typed: one of the known drop reasons.
          if (!result.injected) expect(dropReasonSchema.safeParse(result.dropped).success).toBe(true);
        } else {
          refusedTotal += 1;
          expect(reply.error.code).toBe('invalid-params');
          expect(reply.error.message.length).toBeGreaterThan(0);
          expect(injected).toBe(false);
        }
        break;
      }
      case 'advance':
        vi.advanceTimersByTime(step.ms);
        if (model.live && Date.now() - model.armedAt >= DEAD_MAN_TIMEOUT_MS) model.live = false;
        break;
      case 'screen':
        screenShared = step.shared;
        break;
      case 'injector-fails':
        injector.failNext = new Error('injector down');
        break;
    }
  }
  expect(injector.violations).toEqual([]);
  await control.release('session-ended');
}

describe('remote control consent under hostile host calls', () => {
  it('injects no event without live consent, and answers every refused call with a typed refusal', { timeout: Math.max(60_000, MESSAGES * 5) }, async () => {
    const watch = watchProcess(process);
    await fc.assert(
      fc.asyncProperty(fc.array(action, SEQUENCE), (actions) => runSequence(actions)),
      { ...parameters, numRuns: SEQUENCES },
    );
    const { rejections, heapBefore, heapAfter } = watch.stop();
    // Not vacuous: events did get through with consent, and refusals were seen.
    expect(injectedTotal).toBeGreaterThan(0);
    expect(refusedTotal).toBeGreaterThan(0);
    expect(messagesTotal).toBeGreaterThanOrEqual(MESSAGES);
    expect(rejections).toEqual([]);
    expect(prototypePollution()).toEqual([]);
    expect(heapAfter - heapBefore).toBeLessThan(HEAP_GROWTH_BOUND_BYTES);
    process.stdout.write(`consent fuzz: ${messagesTotal} host calls (${injectedTotal} injected with consent, ${refusedTotal} refused as invalid), heap ${mb(heapBefore)} → ${mb(heapAfter)} MB\n`);
  });
});

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
