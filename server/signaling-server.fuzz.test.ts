/**
 * Fuzzes the server's trust boundary over the real WebSocket of an in-process server: every
 * frame a hostile client can send (schema-shaped and mutated messages for signaling, accounts,
 * the queue and the audit trail, plus raw garbage) must be answered with a clear error when
 * refused, never crash a handler, never pollute a prototype, and keep memory bounded. Two of the
 * sockets are signed in (a consultant and an admin of a seeded organisation), so the handlers
 * behind the sign-in (the queue console, the audit trail) are fuzzed too, not only their refusal.
 * FUZZ_RUNS sets the size (`npm run fuzz` runs the full one); FUZZ_SEED/FUZZ_PATH replay a failure.
 */
import * as fc from 'fast-check';
import * as z from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditClientMessages } from '../shared/audit';
import type { Logger } from '../shared/log';
import { queueClientMessages } from '../shared/queue';
import { clientMessageSchema, MAX_MESSAGE_BYTES, parseWireMessage, type ServerMessage } from '../shared/signaling';
import { fuzzParameters, HEAP_GROWTH_BOUND_BYTES, hostileFrame, prototypePollution, watchProcess } from '../shared/test-support/fuzz';
import { startSignalingServer, type SignalingServer } from './signaling-server';
import { manualClock, TestClient } from './test-client';
import { PASSWORD, seed, tempDbPath } from './test-fixtures';
import { WS_MAX_PAYLOAD } from './upgrade-guard';

const parameters = fuzzParameters(process.env);
const CLIENTS = 4;
/** Sockets 0 and 1 stay anonymous; 2 is signed in as a consultant, 3 as an admin. */
const SIGNED_IN = [
  { index: 2, email: 'fuzz.consultant@example.test', name: 'Fuzz Consultant', role: 'consultant' as const },
  { index: 3, email: 'fuzz.admin@example.test', name: 'Fuzz Admin', role: 'admin' as const },
];

/** Server-side failures: a handler that threw is answered `internal`, which is a defect here. */
const failures: { event: string; fields: unknown }[] = [];
const recordingLogger: Logger = { info() {}, warn() {}, error: (event, fields) => void failures.push({ event, fields }) };

let server: SignalingServer;
let clients: TestClient[] = [];
const db = tempDbPath();

beforeAll(async () => {
  await seed(db.file, SIGNED_IN);
  // The clock never moves: throttles (logins, joins) stay engaged, so wrong passwords cost no scrypt after the first few.
  const clock = manualClock();
  // Limits out of the way: the fuzz looks at what every frame does, not at the flood guard (tested in connection.test.ts).
  server = await startSignalingServer({
    host: '127.0.0.1',
    port: 0,
    logger: recordingLogger,
    now: clock.now,
    dbPath: db.file,
    limits: { messagesPerSecond: 1e9, burst: 1e9, maxInvalid: Number.MAX_SAFE_INTEGER, maxDropped: Number.MAX_SAFE_INTEGER },
  });
  clients = await Promise.all(Array.from({ length: CLIENTS }, () => TestClient.ready(server.wsUrl)));
  for (const account of SIGNED_IN) {
    const client = clients[account.index];
    client?.send({ type: 'auth.login', email: account.email, password: PASSWORD });
    await client?.next('auth.ok', 10_000);
  }
});

afterAll(async () => {
  await Promise.all(clients.map((client) => client.close()));
  await server.close();
  db.cleanup();
});

/** What the signed-in sockets mostly get: the messages whose handlers sit behind the sign-in. */
const signedInSchema = z.union([...queueClientMessages, ...auditClientMessages]);
const fitsTheSocket = (frame: string) => Buffer.byteLength(frame) <= WS_MAX_PAYLOAD;

/**
 * Any socket, any client message; the signed-in ones also get (twice as often) the queue's and the
 * audit trail's messages, so what is behind the sign-in is reached in every run, not only in long ones.
 * Frames beyond what the WebSocket layer buffers close the socket (1009) before any parser sees
 * them: that path is upgrade-guard.test.ts's; here every frame reaches the parser.
 */
const socketAndFrame = fc.oneof(
  fc.tuple(fc.nat(CLIENTS - 1), hostileFrame(clientMessageSchema).filter(fitsTheSocket)),
  fc.tuple(fc.constantFrom(...SIGNED_IN.map((account) => account.index)), hostileFrame(signedInSchema).filter(fitsTheSocket)),
);

/**
 * A signed-in socket must stay signed in for the run to reach what is behind the sign-in, so the
 * frames that change who a socket is (a logout, another login) go to an anonymous socket instead:
 * their handlers are fuzzed there all the same.
 */
function socketFor(index: number, frame: string): number {
  if (!SIGNED_IN.some((account) => account.index === index)) return index;
  const parsed = parseWireMessage(frame, clientMessageSchema);
  return parsed.ok && parsed.value.type.startsWith('auth.') ? index % 2 : index;
}

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
    /** What the signed-in sockets were answered other than errors: proof their handlers ran past the sign-in check. */
    const signedInReplies = new Set<string>();
    await fc.assert(
      fc.asyncProperty(socketAndFrame, fc.boolean(), async ([picked, frame], binary) => {
        const index = socketFor(picked, frame);
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
        const signedIn = SIGNED_IN.some((account) => account.index === index);
        for (const message of client.drain()) {
          if (signedIn && message.type !== 'error') signedInReplies.add(message.type);
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
    // Past the sign-in: the queue console answered the consultant or admin, and the audit trail answered the admin.
    // Only a full-size run is sure to generate well-formed questions for them (2,000 frames missed audit.page once in CI).
    if ((parameters.numRuns ?? 0) >= 20_000) for (const reply of ['queue.snapshot', 'queue.colleagues', 'audit.page']) expect(signedInReplies, reply).toContain(reply);
    expect(failures).toEqual([]);
    expect(rejections).toEqual([]);
    expect(prototypePollution()).toEqual([]);
    expect(heapAfter - heapBefore).toBeLessThan(HEAP_GROWTH_BOUND_BYTES);
    // Still serving: a new socket gets its hello.
    const fresh = await TestClient.ready(server.wsUrl);
    await fresh.close();
    process.stdout.write(`signaling fuzz: ${parameters.numRuns} frames (${refused} refused, ${accepted} accepted, ${acceptedTypes.size} message types; signed-in sockets answered ${[...signedInReplies].sort().join(', ')}), heap ${mb(heapBefore)} → ${mb(heapAfter)} MB\n`);
  });
});

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
