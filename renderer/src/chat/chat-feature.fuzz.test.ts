/**
 * Fuzzes the user's end of the chat channel: batches of hostile consultant messages (schema-shaped
 * and mutated chat messages, typing and status updates, control and bidi characters, huge texts,
 * prototype keys, garbage) go into Chat.handle. It must never throw, claim exactly the chat
 * protocol's messages, show only plain text that passed the schema, time stamp messages with its
 * own clock (never the peer's), keep the history bounded, never leave "typing…" on for good,
 * and never send anything in answer to the peer. Chat has no refusal message: what does not
 * validate is not this feature's, and the session passes it to the next one.
 */
import * as fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { chatMessageSchema, MAX_STATUS_TEXT } from '../../../shared/chat';
import { expectHealthyRun, fuzzParameters, hostileString, hostileValue, shapedAndMutated, shapedBy, watchProcess, type FuzzEnv, type WatchedProcess } from '../../../shared/test-support/fuzz';
import { Chat } from './chat-feature';
import { useChatStore } from './chat-store';

// The renderer's types know no Node; vitest runs it in Node all the same.
const node = (globalThis as unknown as { process: WatchedProcess & { env: FuzzEnv; stdout: { write(text: string): unknown } } }).process;
const parameters = fuzzParameters(node.env);
const MESSAGES = parameters.numRuns ?? 0;
const BATCH = { minLength: 1, maxLength: 20 };
/** fast-check favours short arrays: about six messages a batch; four keeps a margin. */
const BATCH_AVERAGE = 4;
/** What the user's clock says: every message shown carries it, whatever the peer's sentAt. */
const NOW = 1_700_000_000_000;
/** How long "typing…" may stay on without news from the peer (chat-feature.ts waits 4 s). */
const TYPING_GRACE_MS = 4000;
/** The history chat-store.ts keeps. */
const MAX_ENTRIES = 500;

beforeAll(() => vi.useFakeTimers());
afterAll(() => vi.useRealTimers());

/** A consultant's message: well-formed texts with hostile characters, shaped and mutated messages, garbage. */
const consultantMessage: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 2, arbitrary: fc.record({ t: fc.constant('chat.message'), id: fc.string({ minLength: 1, maxLength: 40 }), text: hostileString, sentAt: fc.oneof(fc.nat(), fc.double()) }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('chat.status'), text: fc.oneof(hostileString, fc.string({ unit: 'grapheme', minLength: 1, maxLength: MAX_STATUS_TEXT })) }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('chat.typing'), typing: fc.oneof(fc.boolean(), hostileValue) }) },
  { weight: 2, arbitrary: shapedBy(chatMessageSchema) },
  { weight: 3, arbitrary: shapedAndMutated(chatMessageSchema) },
  { weight: 1, arbitrary: hostileValue },
);

/** The schema's own test of plain text, on the status shown. */
const isPlainStatus = (text: string) => chatMessageSchema.safeParse({ t: 'chat.status', text }).success;

const totals = { messages: 0, claimed: 0, shown: 0, statuses: 0, typing: 0 };

function runBatch(messages: unknown[]): void {
  const sent: unknown[] = [];
  const chat = new Chat((message) => sent.push(message), () => NOW);
  for (const message of messages) {
    totals.messages += 1;
    const parsed = chatMessageSchema.safeParse(message);
    const before = useChatStore.getState().entries.length;
    expect(chat.handle(message)).toBe(parsed.success);
    totals.claimed += parsed.success ? 1 : 0;
    const store = useChatStore.getState();
    if (parsed.success && parsed.data.t === 'chat.message') {
      totals.shown += 1;
      // What is shown is the text that passed the schema, on this side's clock.
      const shown = store.entries.at(-1);
      expect(shown).toEqual({ id: `peer-${parsed.data.id}`, from: 'peer', text: parsed.data.text, at: NOW });
    } else {
      expect(store.entries.length).toBe(before);
    }
    if (parsed.success && parsed.data.t === 'chat.status') totals.statuses += 1;
    if (store.peerTyping) totals.typing += 1;
  }
  const store = useChatStore.getState();
  // The history is bounded over the whole run; the status shown is plain text.
  expect(store.entries.length).toBeLessThanOrEqual(MAX_ENTRIES);
  if (store.status !== null) expect(isPlainStatus(store.status)).toBe(true);
  // "Typing…" never stays on once the peer has gone quiet.
  vi.advanceTimersByTime(TYPING_GRACE_MS);
  expect(useChatStore.getState().peerTyping).toBe(false);
  // The peer cannot make this side say anything.
  expect(sent).toEqual([]);
  chat.dispose();
}

describe('the user’s chat under hostile consultant messages', () => {
  it('never throws, shows only plain text on its own clock, keeps the history bounded and answers nothing', { timeout: Math.max(60_000, MESSAGES * 5) }, () => {
    useChatStore.getState().reset();
    const watch = watchProcess(node);
    fc.assert(fc.property(fc.array(consultantMessage, BATCH), (messages) => runBatch(messages)), { ...parameters, numRuns: Math.ceil(MESSAGES / BATCH_AVERAGE) });
    const heap = expectHealthyRun(watch.stop(), totals, { counted: totals.messages, atLeast: MESSAGES });
    node.stdout.write(`chat fuzz: ${totals.messages} channel messages, ${JSON.stringify(totals)}, ${heap}\n`);
  });
});

