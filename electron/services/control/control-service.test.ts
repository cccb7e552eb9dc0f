import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ControlStatus, InputEvent } from '../../../shared/control';
import { silentLogger } from '../../../shared/log';
import { FakeInjector } from '../../test/fake-injector';
import { InjectionError } from '../input/injection';
import { createControlService, type ConsentPrompter } from './control-service';

const SCREEN = { x: 1920, y: 0, width: 1280, height: 800 };
const click: InputEvent = { type: 'button', button: 'left', down: true, x: 0.5, y: 0.5 };

function setup(answer: boolean | (() => Promise<boolean>) = true) {
  const injector = new FakeInjector();
  const emitted: ControlStatus[] = [];
  const asked: string[] = [];
  const prompter: ConsentPrompter = {
    ask: ({ consultantName }) => {
      asked.push(consultantName);
      return typeof answer === 'function' ? answer() : Promise.resolve(answer);
    },
  };
  const control = createControlService({
    injector,
    prompter,
    sharedScreen: () => SCREEN,
    emit: (status) => emitted.push(status),
    log: silentLogger,
    now: () => Date.now(),
    rate: { perSecond: 10, burst: 5 },
  });
  return { control, injector, emitted, asked };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('consent', () => {
  it('starts view-only and drops every event before consent, counting them', async () => {
    const { control, injector } = setup();
    expect(control.status()).toEqual({ state: 'view-only' });
    expect(await control.input({ seq: 0, event: click })).toEqual({ injected: false, dropped: 'not-granted' });
    expect(injector.injected).toEqual([]);
    expect(control.stats().dropped['not-granted']).toBe(1);
  });

  it('asks the user with the consultant’s name and injects onto the shared screen once allowed', async () => {
    const { control, injector, asked } = setup(true);
    expect(await control.request('Camille')).toEqual({ state: 'granted' });
    expect(asked).toEqual(['Camille']);
    expect(await control.input({ seq: 0, event: click })).toEqual({ injected: true });
    expect(injector.injected).toEqual([{ event: click, screen: SCREEN }]);
  });

  it('a refusal leaves control off, and repeated requests soon after are refused without a new prompt', async () => {
    const { control, asked } = setup(false);
    expect(await control.request('Camille')).toEqual({ state: 'view-only', reason: 'declined' });
    expect(await control.request('Camille')).toEqual({ state: 'view-only', reason: 'busy' });
    expect(asked).toHaveLength(1);
    vi.advanceTimersByTime(6000);
    await control.request('Camille');
    expect(asked).toHaveLength(2);
  });

  it('never stacks prompts', async () => {
    let resolve: (allow: boolean) => void = () => {};
    const { control, asked } = setup(() => new Promise((r) => (resolve = r)));
    const first = control.request('Camille');
    await vi.advanceTimersByTimeAsync(0);
    expect(await control.request('Camille')).toEqual({ state: 'requested' });
    expect(asked).toHaveLength(1);
    resolve(true);
    expect(await first).toEqual({ state: 'granted' });
  });

  it('grants control only after the desktop’s own permission too (begin), never before Tandem’s prompt', async () => {
    const { control, injector } = setup(false);
    await control.request('Camille');
    expect(injector.begins).toBe(0);
    const second = setup(true);
    expect(await second.control.request('Camille')).toEqual({ state: 'granted' });
    expect(second.injector.begins).toBe(1);
  });

  it('a no in the desktop’s own dialog is a refusal: control stays off and is not asked again at once', async () => {
    const { control, injector, asked } = setup(true);
    injector.beginFailure = new InjectionError('declined', 'no in the portal dialog');
    expect(await control.request('Camille')).toEqual({ state: 'view-only', reason: 'declined' });
    expect(await control.input({ seq: 0, event: click })).toEqual({ injected: false, dropped: 'not-granted' });
    expect(await control.request('Camille')).toEqual({ state: 'view-only', reason: 'busy' });
    expect(asked).toHaveLength(1);
  });

  it('a desktop that fails to start control reports a plain failure', async () => {
    const { control, injector } = setup(true);
    injector.beginFailure = new InjectionError('failed', 'portal broke');
    expect(await control.request('Camille')).toEqual({ state: 'view-only', reason: 'failed' });
  });

  it('withdrawn while the desktop’s dialog is up (consultant gone): what the desktop granted is released', async () => {
    const { control, injector } = setup(true);
    let finish: () => void = () => {};
    injector.begin = () => new Promise<void>((resolve) => (finish = resolve));
    const pending = control.request('Camille');
    await vi.advanceTimersByTimeAsync(2100); // no heartbeat: the dead-man switch fires
    finish();
    expect(await pending).toEqual({ state: 'view-only', reason: 'heartbeat-lost' });
    expect(injector.releases).toBe(1);
    expect(await control.input({ seq: 0, event: click })).toEqual({ injected: false, dropped: 'not-granted' });
  });

  it('reports an unavailable injector instead of prompting', async () => {
    const { control, injector, asked } = setup(true);
    injector.availabilityResult = { available: false, reason: 'wayland', detail: 'no' };
    expect(await control.request('Camille')).toEqual({ state: 'unavailable', reason: 'wayland' });
    expect(asked).toEqual([]);
  });
});

describe('while in control', () => {
  it('drops out-of-order and replayed events', async () => {
    const { control } = setup();
    await control.request('Camille');
    expect(await control.input({ seq: 5, event: click })).toEqual({ injected: true });
    expect(await control.input({ seq: 5, event: click })).toEqual({ injected: false, dropped: 'out-of-order' });
    expect(await control.input({ seq: 4, event: click })).toEqual({ injected: false, dropped: 'out-of-order' });
  });

  it('drops a flood beyond the burst instead of queueing it', async () => {
    const { control, injector } = setup();
    await control.request('Camille');
    const results = [];
    for (let seq = 0; seq < 20; seq += 1) results.push(await control.input({ seq, event: click }));
    expect(injector.injected).toHaveLength(5);
    expect(control.stats().dropped.flood).toBe(15);
    vi.advanceTimersByTime(1000);
    expect(await control.input({ seq: 100, event: click })).toEqual({ injected: true });
  });

  it('counts an injection failure without throwing', async () => {
    const { control, injector } = setup();
    await control.request('Camille');
    injector.failNext = new Error('X went away');
    expect(await control.input({ seq: 0, event: click })).toEqual({ injected: false, dropped: 'injection-failed' });
  });

  it('revoking releases held keys, tells the renderer, and stops injection', async () => {
    const { control, injector, emitted } = setup();
    await control.request('Camille');
    expect(await control.release('revoked')).toEqual({ state: 'view-only', reason: 'revoked' });
    expect(injector.releases).toBe(1);
    expect(emitted.at(-1)).toEqual({ state: 'view-only', reason: 'revoked' });
    expect(await control.input({ seq: 9, event: click })).toEqual({ injected: false, dropped: 'not-granted' });
  });
});

describe('dead-man switch', () => {
  it('revokes when no heartbeat arrives for 2 seconds, and tells the renderer', async () => {
    const { control, injector, emitted } = setup();
    await control.request('Camille');
    vi.advanceTimersByTime(1500);
    control.heartbeat();
    vi.advanceTimersByTime(1500);
    expect(control.status().state).toBe('granted');
    await vi.advanceTimersByTimeAsync(600);
    expect(control.status()).toEqual({ state: 'view-only', reason: 'heartbeat-lost' });
    expect(emitted.at(-1)).toEqual({ state: 'view-only', reason: 'heartbeat-lost' });
    expect(injector.releases).toBe(1);
  });

  it('withdraws an open prompt when the consultant goes silent', async () => {
    const prompts: AbortSignal[] = [];
    const pending = createControlService({
      injector: new FakeInjector(),
      prompter: { ask: (_request, signal) => (prompts.push(signal), new Promise(() => {})) },
      sharedScreen: () => SCREEN,
      emit: () => {},
      log: silentLogger,
    });
    void pending.request('Camille');
    await vi.advanceTimersByTimeAsync(2100);
    expect(prompts[0]?.aborted).toBe(true);
    expect(pending.status()).toEqual({ state: 'view-only', reason: 'heartbeat-lost' });
  });
});
