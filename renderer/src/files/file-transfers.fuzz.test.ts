/**
 * Fuzzes the user's end of the files and clipboard channel: batches of hostile consultant
 * messages (schema-shaped and mutated file offers, chunks, acknowledgements, ends, cancels,
 * clipboard texts, with hostile names, offsets and ids that collide with live transfers, plus
 * garbage) interleaved with the user's own answers go into FileTransfers.handle. It must never
 * throw, must open a destination only for an offer the user accepted, write nothing after a
 * transfer ended, leave nothing behind that was not finished, answer every refused offer with
 * a decline, write the clipboard only with the text the user said yes to, never read the user's
 * clipboard or a file beyond the one the user picked, and send only well-formed messages.
 * The host side of the disk has its own fuzz (electron/services/files/files.fuzz.test.ts).
 */
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clipboardTextSchema, FILE_CHUNK_BYTES, filesMessageSchema, MAX_ACTIVE_TRANSFERS, sanitizeFileName, type FilesMessage, type ReceiveResult } from '../../../shared/files';
import { expectHealthyRun, fuzzParameters, hostileFileName, hostileNumber, hostileValue, shapedAndMutated, shapedBy, watchProcess, withOwnKey, type FuzzEnv, type WatchedProcess } from '../../../shared/test-support/fuzz';
import { FileTransfers } from './file-transfers';
import { filesStoreApi, MAX_FINISHED_TRANSFERS } from './files-store';
import type { IncomingFile, LocalPorts, OutgoingFile } from './ports';

// The renderer's types know no Node; vitest runs it in Node all the same.
const node = (globalThis as unknown as { process: WatchedProcess & { env: FuzzEnv; stdout: { write(text: string): unknown } } }).process;
const parameters = fuzzParameters(node.env);
const MESSAGES = parameters.numRuns ?? 0;
const BATCH = { minLength: 12, maxLength: 40 };
/** fast-check favours short arrays: about seventeen actions a batch, ten of them consultant messages; nine keeps a margin. */
const BATCH_AVERAGE = 9;
/** Ids a batch's messages and answers share, so offers, chunks and cancels meet the same transfers. */
const POOL = 2;
/** Pooled indices past POOL name the user's own outgoing transfers once the user has offered files. */
const POOL_INDICES = POOL + 1;

type Action =
  /**
   * A consultant message; `pooled` gives its id (and its offer's) one of the batch's shared ids.
   * `thenAccept`: the user accepts it at once if it is an offer (chunks before an accept end the transfer).
   */
  | { kind: 'message'; message: unknown; pooled: number | null; thenAccept: boolean }
  | { kind: 'accept' | 'decline' | 'cancel'; pooled: number }
  | { kind: 'clipboard-answer'; yes: boolean }
  /** The user sends a file of this many bytes (answering a request): the consultant's acks then meet a real outgoing transfer. */
  | { kind: 'offer'; size: number }
  | { kind: 'sink-fails' }
  | { kind: 'settle' };

const pooled = fc.option(fc.nat(POOL_INDICES - 1), { nil: null, freq: 8 });
const base64 = fc.base64String({ maxLength: 48 });

/** Consultant messages: well-formed ones (so transfers do start), shaped and mutated ones, and garbage. */
const consultantMessage: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ t: fc.constant('file.offer'), offer: fc.record({ id: fc.constant('x'.repeat(8)), name: hostileFileName, size: fc.oneof({ weight: 4, arbitrary: fc.nat(300) }, { weight: 1, arbitrary: hostileNumber }), sha256: fc.stringMatching(/^[0-9a-f]{64}$/) }) }) },
  { weight: 6, arbitrary: fc.record({ t: fc.constant('file.chunk'), id: fc.constant('x'.repeat(8)), offset: fc.oneof({ weight: 4, arbitrary: fc.nat(300) }, { weight: 1, arbitrary: hostileNumber }), data: fc.oneof({ weight: 4, arbitrary: base64 }, { weight: 1, arbitrary: fc.string({ maxLength: 20 }) }) }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('file.end'), id: fc.constant('x'.repeat(8)) }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constantFrom('file.cancel', 'file.accept', 'file.decline'), id: fc.constant('x'.repeat(8)) }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('file.ack'), id: fc.constant('x'.repeat(8)), received: fc.oneof(fc.nat(FILE_CHUNK_BYTES * 3), hostileNumber) }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('file.result'), id: fc.constant('x'.repeat(8)), ok: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('clipboard.text'), text: fc.oneof(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }), shapedBy(clipboardTextSchema)) }) },
  { weight: 3, arbitrary: shapedAndMutated(filesMessageSchema) },
  { weight: 1, arbitrary: hostileValue },
);

const action: fc.Arbitrary<Action> = fc.oneof(
  { weight: 10, arbitrary: fc.record({ kind: fc.constant('message' as const), message: consultantMessage, pooled, thenAccept: fc.boolean() }) },
  { weight: 5, arbitrary: fc.record({ kind: fc.constantFrom('accept' as const, 'accept' as const, 'decline' as const, 'cancel' as const), pooled: fc.nat(POOL_INDICES - 1) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('clipboard-answer' as const), yes: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('offer' as const), size: fc.nat(FILE_CHUNK_BYTES * 8) }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'sink-fails' as const }) },
  { weight: 2, arbitrary: fc.constant({ kind: 'settle' as const }) },
);

/** The message with its id (and its offer's id) replaced by a shared one, where it has such a field. */
function withId(message: unknown, id: string): unknown {
  if (typeof message !== 'object' || message === null || Array.isArray(message)) return message;
  const record = message as Record<string, unknown>;
  if (typeof record.offer === 'object' && record.offer !== null && !Array.isArray(record.offer)) return withOwnKey(record, 'offer', withOwnKey(record.offer, 'id', id));
  return 'id' in record ? withOwnKey(record, 'id', id) : record;
}

/** What the user's side did that it must not: every entry is a defect. */
const violations: string[] = [];
const totals = { messages: 0, opened: 0, written: 0, saved: 0, declined: 0, clipboardWrites: 0, chunksSent: 0 };
let batchNumber = 0;

/** A destination that records what is done to it; `failNext` makes its next write fail (a full disk). */
function recordingSink(): IncomingFile & { ended: 'no' | 'finished' | 'cancelled'; failNext: boolean } {
  const sink = {
    ended: 'no' as 'no' | 'finished' | 'cancelled',
    failNext: false,
    write(_offset: number, data: string) {
      totals.written += 1;
      if (sink.ended !== 'no') violations.push(`write after the transfer was ${sink.ended}`);
      if (!/^[A-Za-z0-9+/]*={0,2}$/.test(data)) violations.push('a chunk that is not base64 reached the destination');
      if (sink.failNext) return ((sink.failNext = false), Promise.reject(new Error('disk full')));
      return Promise.resolve();
    },
    finish(): Promise<ReceiveResult> {
      if (sink.ended !== 'no') violations.push(`finish after the transfer was ${sink.ended}`);
      sink.ended = 'finished';
      totals.saved += 1;
      return Promise.resolve({ ok: true, savedAs: 'saved.txt' });
    },
    cancel() {
      if (sink.ended === 'no') sink.ended = 'cancelled';
      return Promise.resolve();
    },
  };
  return sink;
}

/** The user's picked file, `size` bytes: every read must stay inside it. */
function pickedFile(size: number): OutgoingFile {
  return {
    name: 'app.log',
    size,
    sha256: '0'.repeat(64),
    read: (offset, length) => {
      if (!Number.isInteger(offset) || offset < 0 || length < 1 || length > FILE_CHUNK_BYTES || offset + length > size) violations.push(`read of ${length} at ${offset} outside a ${size}-byte file`);
      return Promise.resolve(btoa('x'.repeat(Math.max(0, Math.min(length, size - offset)))));
    },
    close: () => {},
  };
}

const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
/** Messages arrive one task after another: the writes queued by one get to run before the next arrives. */
async function microtasks(): Promise<void> {
  for (let hop = 0; hop < 6; hop++) await Promise.resolve();
}

async function runBatch(actions: Action[]): Promise<void> {
  batchNumber += 1;
  // Fresh ids per batch: the store lives on across batches (its bound is checked over the whole run).
  const ids = Array.from({ length: POOL }, (_, index) => `b${batchNumber}-id-${index}`.padEnd(8, '_'));
  const idOf = (index: number) => ids[index % ids.length] ?? '';
  violations.length = 0;
  const sinks: ReturnType<typeof recordingSink>[] = [];
  const sent: FilesMessage[] = [];
  /** Set only while the user's own answer runs: the only moments a destination or the clipboard may be touched. */
  let userAccepting: string | null = null;
  let userSaysYesTo: string | null = null;
  const ports: LocalPorts = {
    receive: (offer) => {
      totals.opened += 1;
      if (userAccepting === null) violations.push('a destination was opened without the user accepting');
      if (typeof offer.name !== 'string' || typeof offer.size !== 'number') violations.push('an offer reached the disk unchecked');
      const sink = recordingSink();
      sinks.push(sink);
      return Promise.resolve(sink);
    },
    readClipboard: () => {
      violations.push('the user’s clipboard was read without their click');
      return Promise.resolve({ ok: false, reason: 'empty' });
    },
    writeClipboard: (text) => {
      totals.clipboardWrites += 1;
      if (userSaysYesTo === null || text !== userSaysYesTo) violations.push('the clipboard was written without the user’s yes to that text');
      if (!clipboardTextSchema.safeParse(text).success) violations.push('text that is not plain text reached the clipboard');
      return Promise.resolve();
    },
  };
  const transfers = new FileTransfers({ role: 'user', send: (message) => sent.push(message), ports, store: filesStoreApi });
  const userAccepts = async (id: string) => {
    userAccepting = id;
    const accepting = transfers.accept(id);
    userAccepting = null;
    await accepting;
  };

  for (const step of actions) {
    switch (step.kind) {
      case 'message': {
        totals.messages += 1;
        const message = step.pooled === null ? step.message : withId(step.message, idOf(step.pooled));
        const parsed = filesMessageSchema.safeParse(message);
        const before = sent.length;
        // Never throws, and claims exactly the messages of the files protocol.
        expect(transfers.handle(message)).toBe(parsed.success);
        if (parsed.success && parsed.data.t === 'file.offer') {
          const { offer } = parsed.data;
          // A clear answer to every offer: declined at once (a duplicate, too many), or waiting for the user under a safe name.
          const declined = sent.slice(before).some((reply) => reply.t === 'file.decline' && reply.id === offer.id);
          const waiting = filesStoreApi.get().transfers.some((view) => view.id === offer.id && view.status === 'incoming' && view.name === sanitizeFileName(offer.name));
          expect(declined || waiting).toBe(true);
          totals.declined += declined ? 1 : 0;
          if (step.thenAccept) await userAccepts(offer.id);
        }
        await microtasks();
        const offerShown = filesStoreApi.get().clipboardOffer;
        if (offerShown !== null) expect(clipboardTextSchema.safeParse(offerShown).success).toBe(true);
        break;
      }
      case 'accept':
        await userAccepts(idOf(step.pooled));
        break;
      case 'decline':
        transfers.decline(idOf(step.pooled));
        break;
      case 'cancel':
        transfers.cancel(idOf(step.pooled));
        break;
      case 'clipboard-answer': {
        userSaysYesTo = step.yes ? filesStoreApi.get().clipboardOffer : null;
        const answering = transfers.answerClipboard(step.yes);
        userSaysYesTo = null;
        await answering;
        break;
      }
      case 'offer':
        ids.push(transfers.offer(pickedFile(step.size)));
        break;
      case 'sink-fails':
        for (const sink of sinks) sink.failNext = true;
        break;
      case 'settle':
        await settle();
        break;
    }
  }
  await settle();
  await transfers.dispose();
  await settle();
  // Nothing the user did not see through is left behind: every destination was finished or cancelled (deleted).
  for (const sink of sinks) if (sink.ended === 'no') violations.push('a destination was left open after the session');
  for (const message of sent) {
    expect(filesMessageSchema.safeParse(message).success).toBe(true);
    if (message.t === 'file.chunk') totals.chunksSent += 1;
  }
  // Names shown to the user are safe ones; the list stays bounded over the whole run.
  const views = filesStoreApi.get().transfers;
  for (const view of views) if (view.direction === 'in') expect(sanitizeFileName(view.name)).toBe(view.name);
  expect(views.length).toBeLessThanOrEqual(MAX_FINISHED_TRANSFERS + 2 * MAX_ACTIVE_TRANSFERS);
  expect(violations).toEqual([]);
  filesStoreApi.set({ clipboardOffer: null, request: 'none' });
}

describe('the user’s files and clipboard channel under hostile consultant messages', () => {
  it('never throws, touches the disk and the clipboard only on the user’s yes, and answers every refused offer', { timeout: Math.max(60_000, MESSAGES * 5) }, async () => {
    filesStoreApi.reset();
    const watch = watchProcess(node);
    await fc.assert(fc.asyncProperty(fc.array(action, BATCH), (actions) => runBatch(actions)), { ...parameters, numRuns: Math.ceil(MESSAGES / BATCH_AVERAGE) });
    const heap = expectHealthyRun(watch.stop(), totals, { counted: totals.messages, atLeast: MESSAGES });
    node.stdout.write(`files fuzz: ${totals.messages} channel messages, ${JSON.stringify(totals)}, ${heap}\n`);
  });
});

