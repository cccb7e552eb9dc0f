/**
 * Fuzzes the server's trust boundary over the real WebSocket of an in-process server: every
 * frame a hostile client can send (schema-shaped and mutated messages for signaling, accounts,
 * the queue and the audit trail, plus raw garbage) must be answered with a clear error when
 * refused, never crash a handler, never pollute a prototype, and keep memory bounded.
 * FUZZ_RUNS sets the size (`npm run fuzz` runs the full one); FUZZ_SEED/FUZZ_PATH replay a failure.
 */
import * as fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Logger } from '../shared/log';
import { clientMessageSchema, MAX_MESSAGE_BYTES, parseWireMessage, type ServerMessage } from '../shared/signaling';
import { fuzzParameters, HEAP_GROWTH_BOUND_BYTES, hostileFrame, prototypePollution, watchProcess } from '../shared/test-support/fuzz';
import { startSignalingServer, type SignalingServer } from './signaling-server';
import { manualClock, TestClient } from './test-client';
import { WS_MAX_PAYLOAD } from './upgrade-guard';

const parameters = fuzzParameters(process.env);
const CLIENTS = 4;

/** Server-side failures: a handler that threw is answered `internal`, which is a defect here. */
const failures: { event: string; fields: unknown }[] = [];
const recordingLogger: Logger = { info() {}, warn() {}, error: (event, fields) => void failures.push({ event, fields }) };

let server: SignalingServer;
let clients: TestClient[] = [];

beforeAll(async () => {
  // The clock never moves: throttles (logins, joins) stay engaged, so wrong passwords cost no scrypt after the first few.
  const clock = manualClock();
  // Limits out of the way: the fuzz looks at what every frame does, not at the flood guard (tested in connection.test.ts).
  server = await startSignalingServer({
    host: '127.0.0.1',
    port: 0,
    logger: recordingLogger,
    now: clock.now,
    limits: { messagesPerSecond: 1e9, burst: 1e9, maxInvalid: Number.MAX_SAFE_INTEGER, maxDropped: Number.MAX_SAFE_INTEGER },
  });
  clients = await Promise.all(Array.from({ length: CLIENTS }, () => TestClient.ready(server.wsUrl)));
});

afterAll(async () => {
  await Promise.all(clients.map((client) => client.close()));
  await server.close();
});

/** What the server's gate must answer for this frame, computed with the shared parser. */
function expectedRefusal(frame: string, binary: boolean): 'invalid-message' | 'message-too-large' | null {
  if (Buffer.byteLength(frame) > MAX_MESSAGE_BYTES) return 'message-too-large';
  if (binary) return 'invalid-message';
  const parsed = parseWireMessage(frame, clientMessageSchema);
  return parsed.ok ? null : parsed.error;
}

const isGateError = (message: ServerMessage) => message.type === 'error' && message.replyTo === undefined;

let nextRef = 1;

/** Handling is in order per socket: once this reply arrives, every reply to earlier frames has too. */
async function barrier(client: TestClient): Promise<void> {
  const ref = nextRef++;
  client.send({ type: 'organisations.list', ref });
  await client.nextMatching((message) => message.type === 'organisations' && message.ref === ref, `organisations #${ref}`, 10_000);
}

describe('signaling server under hostile frames', () => {
  it('answers every refused frame with a clear error and survives every accepted one', { timeout: Math.max(60_000, (parameters.numRuns ?? 0) * 20) }, async () => {
    const watch = watchProcess(process);
    let refused = 0;
    let accepted = 0;
    const acceptedTypes = new Set<string>();
    await fc.assert(
      // Frames beyond what the WebSocket layer buffers close the socket (1009) before any parser
      // sees them: that path is upgrade-guard.test.ts's; here every frame reaches the parser.
      fc.asyncProperty(fc.nat(CLIENTS - 1), fc.boolean(), hostileFrame(clientMessageSchema).filter((frame) => Buffer.byteLength(frame) <= WS_MAX_PAYLOAD), async (index, binary, frame) => {
        const client = clients[index];
        if (!client) throw new Error('no client');
        // Binary frames only now and then: most of the interest is in what the parser and handlers do.
        const sendBinary = binary && frame.length % 8 === 0;
        client.sendRaw(sendBinary ? Buffer.from(frame, 'utf8') : frame, sendBinary);
        const refusal = expectedRefusal(frame, sendBinary);
        if (refusal) {
          refused += 1;
          const reply = await client.nextMatching(isGateError, 'the refusal', 10_000);
          expect(reply).toMatchObject({ type: 'error', code: refusal });
          expect(reply.type === 'error' && reply.message.length > 0).toBe(true);
          return;
        }
        accepted += 1;
        const parsed = parseWireMessage(frame, clientMessageSchema);
        if (parsed.ok) acceptedTypes.add(parsed.value.type);
        await barrier(client);
        for (const message of client.drain()) {
          // A refusal by a handler names the message it answers and never says `internal` (a handler that threw).
          if (message.type === 'error') {
            expect(message.code).not.toBe('internal');
            expect(message.replyTo).toBeDefined();
            expect(message.message.length).toBeGreaterThan(0);
          }
        }
      }),
      parameters,
    );
    const { rejections, heapBefore, heapAfter } = watch.stop();
    // Both families must really have been exercised, or the run proves little.
    expect(refused).toBeGreaterThan(0);
    expect(accepted).toBeGreaterThan(0);
    // Every family of handlers was reached: signaling, accounts, the queue (user and console), the audit trail.
    for (const family of ['session.', 'signal', 'auth.', 'request.', 'queue.', 'audit.']) expect([...acceptedTypes].some((type) => type.startsWith(family)), family).toBe(true);
    expect(failures).toEqual([]);
    expect(rejections).toEqual([]);
    expect(prototypePollution()).toEqual([]);
    expect(heapAfter - heapBefore).toBeLessThan(HEAP_GROWTH_BOUND_BYTES);
    // Still serving: a new socket gets its hello.
    const fresh = await TestClient.ready(server.wsUrl);
    await fresh.close();
    process.stdout.write(`signaling fuzz: ${parameters.numRuns} frames (${refused} refused, ${accepted} accepted, ${acceptedTypes.size} message types), heap ${mb(heapBefore)} → ${mb(heapAfter)} MB\n`);
  });
});

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
