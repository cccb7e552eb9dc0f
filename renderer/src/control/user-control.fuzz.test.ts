/**
 * Fuzzes the user's end of the control data channel: batches of hostile consultant messages
 * (schema-shaped and mutated control messages, input events with wrong types, NaN, prototype
 * keys, deep nesting, and plain garbage) go into UserControl.handle. It must never throw, must
 * pass the host only well-formed input, never ask for control unless asked, and answer only
 * with well-formed messages. The host side of consent has its own fuzz (consent.fuzz.test.ts).
 */
import * as fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { inputEventSchema, sequencedInputSchema, toConsultantMessageSchema, toUserMessageSchema, type ToConsultantMessage } from '../../../shared/control';
import { fuzzParameters, HEAP_GROWTH_BOUND_BYTES, hostileValue, prototypePollution, shapedAndMutated, shapedBy, watchProcess, type FuzzEnv, type WatchedProcess } from '../../../shared/test-support/fuzz';
import { createFakeHost } from '../test/fake-host';
import { UserControl } from './user-control';

// The renderer's types know no Node; vitest runs it in Node all the same.
const node = (globalThis as unknown as { process: WatchedProcess & { env: FuzzEnv; stdout: { write(text: string): unknown } } }).process;
const parameters = fuzzParameters(node.env);
const MESSAGES = parameters.numRuns ?? 0;
const BATCH = { minLength: 1, maxLength: 20 };
/** fast-check favours short arrays: about six messages a batch are generated; four keeps a margin. */
const BATCH_AVERAGE = 4;

beforeAll(() => vi.useFakeTimers());
afterAll(() => vi.useRealTimers());

/** A consultant's message: control messages with events built from the input schema, mutated, or garbage. */
const consultantMessage: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ t: fc.constant('input'), seq: fc.nat(), event: fc.oneof(shapedBy(inputEventSchema), shapedAndMutated(inputEventSchema)) }) },
  { weight: 2, arbitrary: shapedAndMutated(toUserMessageSchema) },
  { weight: 1, arbitrary: hostileValue },
);

let messagesTotal = 0;
let forwardedTotal = 0;

/**
 * One fake host for the whole run: vitest keeps every vi.fn it ever made (a fake host has some
 * thirty), so a host per batch grew the heap by gigabytes over 100,000 messages even with each
 * batch's recorded calls cleared. Each batch clears the calls it recorded instead.
 */
const fake = createFakeHost();

async function runBatch(messages: unknown[]): Promise<void> {
  const sent: ToConsultantMessage[] = [];
  const control = new UserControl({ host: fake.host, consultantName: 'Camille', send: (message) => sent.push(message), onStatus: () => {} });
  let requests = 0;
  for (const message of messages) {
    messagesTotal += 1;
    const parsed = toUserMessageSchema.safeParse(message);
    if (parsed.success && parsed.data.t === 'control.request') requests += 1;
    // Never throws, and claims exactly the messages of the control protocol.
    expect(control.handle(message)).toBe(parsed.success);
  }
  await vi.advanceTimersByTimeAsync(1000);
  await control.dispose();
  const inputs = fake.host.control.input.mock.calls.map((call) => (call as unknown[])[0]);
  forwardedTotal += inputs.length;
  for (const input of inputs) expect(sequencedInputSchema.safeParse(input).success).toBe(true);
  // The name the user sees in the consent dialog is the one the page holds, never one from the channel.
  expect(fake.host.control.request.mock.calls).toEqual(Array.from({ length: requests }, () => [{ consultantName: 'Camille' }]));
  for (const message of sent) expect(toConsultantMessageSchema.safeParse(message).success).toBe(true);
  // Recorded calls hold huge generated strings: cleared for the next batch (only this host's: clearing
  // all of vitest's mocks each batch would grow quadratically).
  for (const mock of Object.values(fake.host.control)) mock.mockClear();
}

describe('user control under hostile consultant messages', () => {
  it('never throws, forwards only well-formed input, and answers only with well-formed messages', { timeout: Math.max(60_000, MESSAGES * 5) }, async () => {
    const watch = watchProcess(node);
    await fc.assert(fc.asyncProperty(fc.array(consultantMessage, BATCH), (messages) => runBatch(messages)), { ...parameters, numRuns: Math.ceil(MESSAGES / BATCH_AVERAGE) });
    const { rejections, heapBefore, heapAfter } = watch.stop();
    expect(forwardedTotal).toBeGreaterThan(0);
    expect(messagesTotal).toBeGreaterThanOrEqual(MESSAGES);
    expect(rejections).toEqual([]);
    expect(prototypePollution()).toEqual([]);
    expect(heapAfter - heapBefore).toBeLessThan(HEAP_GROWTH_BOUND_BYTES);
    node.stdout.write(`user-control fuzz: ${messagesTotal} channel messages, ${forwardedTotal} forwarded to the host, heap ${mb(heapBefore)} → ${mb(heapAfter)} MB\n`);
  });
});

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
