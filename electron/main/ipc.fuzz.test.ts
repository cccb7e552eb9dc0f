/**
 * Fuzzes the host API's IPC boundary: the listeners setupIpc registers, over the one handler
 * table, with generated method names, schema-shaped and mutated params, garbage, and hostile
 * senders (subframes, foreign origins, webContents the app did not create, frames that are gone).
 * Only the app's own top frame may reach a handler; everything else gets `forbidden-sender`,
 * and every refused call from the app gets a typed error instead of a throw.
 */
import type { IpcMainInvokeEvent, WebContents } from 'electron';
import * as fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { hostMethodParams, type HostMethod } from '../../shared/host-api';
import { HOST_METHODS, type HostReply } from '../../shared/host-bridge';
import { silentLogger } from '../../shared/log';
import { fuzzParameters, HEAP_GROWTH_BOUND_BYTES, hostileString, hostileValue, prototypePollution, shapedAndMutated, shapedBy, watchProcess } from '../../shared/test-support/fuzz';
import { createControlService } from '../services/control/control-service';
import type { HostHandlers } from '../services/host-handlers';
import { FakeInjector } from '../test/fake-injector';
import { fake, fakeFrame, FakeWebContents, type FakeFrame } from '../test/fake-electron';
import { fuzzHostHandlers } from '../test/fuzz-host';
import { createIpcListener } from './ipc';
vi.mock('electron', async () => (await import('../test/fake-electron')).fakeElectronModule());

const parameters = fuzzParameters(process.env);
const downloads = mkdtempSync(path.join(tmpdir(), 'tandem-ipc-fuzz-'));
afterAll(() => rmSync(downloads, { recursive: true, force: true }));

type Sender = 'app' | 'subframe' | 'foreign-origin' | 'file-page' | 'other-webcontents' | 'no-frame' | 'lookalike-origin';

const appContents = new FakeWebContents();
/** A window the app did not create, showing the app's own URL. One for the whole run: fakes record every call. */
const otherContents = new FakeWebContents('app://tandem/index.html');
const injector = new FakeInjector();
// The user always says no here: consent has its own fuzz (consent.fuzz.test.ts); this one is about who may call.
const control = createControlService({ injector, prompter: { ask: () => Promise.resolve(false) }, sharedScreen: () => null, emit: () => {}, log: silentLogger });
const real = fuzzHostHandlers(control, downloads);
/** Calls that reached a handler, by sender: only 'app' may ever appear. */
const reached: Sender[] = [];
let currentSender: Sender = 'app';
const handlers = Object.fromEntries(
  Object.entries(real).map(([method, handler]) => [method, (params: unknown) => (reached.push(currentSender), (handler as (p: unknown) => unknown)(params))]),
) as HostHandlers;
const deps = { handlers, isAppWebContents: (contents: WebContents) => contents === appContents.asElectron(), log: silentLogger };

function eventFrom(sender: Sender): IpcMainInvokeEvent {
  const frames: Record<Exclude<Sender, 'other-webcontents'>, FakeFrame | null> = {
    app: appContents.mainFrame,
    subframe: fakeFrame('app://tandem/index.html', appContents.mainFrame),
    'foreign-origin': fakeFrame('https://evil.example/'),
    'file-page': fakeFrame('file:///tmp/x.html'),
    'no-frame': null,
    'lookalike-origin': fakeFrame('app://tandem.evil/index.html'),
  };
  if (sender === 'other-webcontents') {
    return { sender: otherContents, senderFrame: otherContents.mainFrame } as unknown as IpcMainInvokeEvent;
  }
  return { sender: appContents, senderFrame: frames[sender] } as unknown as IpcMainInvokeEvent;
}

/**
 * The method a hostile renderer could name: every real one, plus invented ones (setupIpc registers
 * no listener for those, so they go through createIpcListener directly, as a second line).
 */
const methodName = fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...HOST_METHODS) }, { weight: 1, arbitrary: fc.oneof(hostileString, fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty')) });
const paramsFor = (method: string) => {
  const schema = Object.hasOwn(hostMethodParams, method) ? hostMethodParams[method as HostMethod] : undefined;
  return schema ? fc.oneof(shapedBy(schema), shapedAndMutated(schema), hostileValue) : hostileValue;
};
const call = fc.record({
  sender: fc.constantFrom<Sender>('app', 'app', 'app', 'subframe', 'foreign-origin', 'file-page', 'other-webcontents', 'no-frame', 'lookalike-origin'),
  method: methodName,
}).chain(({ sender, method }) => paramsFor(method).map((params) => ({ sender, method, params })));

describe('host IPC under hostile senders and payloads', () => {
  it('serves only the app’s own top frame and answers every refusal with a typed error', { timeout: Math.max(60_000, (parameters.numRuns ?? 0) * 10) }, async () => {
    fake.reset();
    const watch = watchProcess(process);
    const codes = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(call, async ({ sender, method, params }) => {
        currentSender = sender;
        const before = reached.length;
        const reply: HostReply = await createIpcListener(method, deps)(eventFrom(sender), params);
        if (!reply.ok) {
          codes.set(reply.error.code, (codes.get(reply.error.code) ?? 0) + 1);
          expect(reply.error.message.length).toBeGreaterThan(0);
        }
        if (sender !== 'app') {
          expect(reply).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
          expect(reached.length).toBe(before);
        } else if (!reply.ok) {
          expect(['unknown-method', 'invalid-params', 'not-allowed', 'failed', 'not-found', 'invalid-state']).toContain(reply.error.code);
        }
      }),
      parameters,
    );
    const { rejections, heapBefore, heapAfter } = watch.stop();
    expect(reached.every((sender) => sender === 'app')).toBe(true);
    expect(reached.length).toBeGreaterThan(0);
    expect(codes.get('forbidden-sender')).toBeGreaterThan(0);
    expect(codes.get('invalid-params')).toBeGreaterThan(0);
    expect(injector.injected).toEqual([]);
    expect(rejections).toEqual([]);
    expect(prototypePollution()).toEqual([]);
    expect(heapAfter - heapBefore).toBeLessThan(HEAP_GROWTH_BOUND_BYTES);
    process.stdout.write(`ipc fuzz: ${parameters.numRuns} calls, ${reached.length} reached a handler, refusals ${JSON.stringify(Object.fromEntries(codes))}, heap ${mb(heapBefore)} → ${mb(heapAfter)} MB\n`);
  });
});

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
