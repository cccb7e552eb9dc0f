/**
 * Remote control on the user's machine: the consent, the state, the dead-man switch and the
 * gate in front of the injector. It lives in the main process (never in the page), so a
 * misbehaving renderer or consultant cannot turn control on or keep it on.
 */
import { DEAD_MAN_TIMEOUT_MS, type ControlReason, type ControlStatus, type DropReason, type SequencedInput } from '../../../shared/control';
import type { InputResult } from '../../../shared/host-api';
import type { Logger } from '../../../shared/log';
import { InjectionError, type Injector, type ScreenRect } from '../input/injector';
import { TokenBucket } from './token-bucket';

/** Asks the user, outside web content (a native dialog in Electron). Resolves true only for an explicit yes. */
export interface ConsentPrompter {
  ask(request: { consultantName: string }, signal: AbortSignal): Promise<boolean>;
}

export interface ControlServiceDeps {
  injector: Injector;
  prompter: ConsentPrompter;
  /** Pixel bounds of the screen being shared, or null when nothing is shared. */
  sharedScreen: () => ScreenRect | null;
  /** Tells the renderer about every change the host makes on its own (revocation, dead-man). */
  emit: (status: ControlStatus) => void;
  log: Logger;
  now?: () => number;
  deadManMs?: number;
  /** Sustained events per second and burst; beyond them events are dropped and counted. */
  rate?: { perSecond: number; burst: number };
  /** After a refusal, further requests within this time are refused without asking again. */
  requestCooldownMs?: number;
}

export type DropCounts = Record<DropReason, number>;

export interface ControlService {
  status(): ControlStatus;
  request(consultantName: string): Promise<ControlStatus>;
  heartbeat(): void;
  input(input: SequencedInput): Promise<InputResult>;
  release(reason: ControlReason): Promise<ControlStatus>;
  stats(): { injected: number; dropped: DropCounts };
}

export function createControlService(deps: ControlServiceDeps): ControlService {
  const now = deps.now ?? Date.now;
  const deadManMs = deps.deadManMs ?? DEAD_MAN_TIMEOUT_MS;
  const rate = deps.rate ?? { perSecond: 250, burst: 500 };
  let status: ControlStatus = { state: 'view-only' };
  let prompt: AbortController | null = null;
  let deadMan: ReturnType<typeof setTimeout> | null = null;
  let lastSeq = -1;
  let bucket = new TokenBucket(rate.perSecond, rate.burst, now);
  let refusedAt = Number.NEGATIVE_INFINITY;
  let injected = 0;
  const dropped: DropCounts = { 'not-granted': 0, 'out-of-order': 0, flood: 0, invalid: 0, 'injection-failed': 0 };

  function set(next: ControlStatus, announce: boolean): ControlStatus {
    status = next;
    deps.log.info('control.status', { state: next.state, reason: next.reason ?? null });
    if (announce) deps.emit(next);
    return next;
  }

  function armDeadMan(): void {
    if (deadMan) clearTimeout(deadMan);
    deadMan = setTimeout(() => void end('heartbeat-lost', true), deadManMs);
  }

  async function end(reason: ControlReason, announce: boolean): Promise<ControlStatus> {
    if (deadMan) clearTimeout(deadMan);
    deadMan = null;
    prompt?.abort();
    prompt = null;
    const wasOn = status.state === 'granted';
    const next = status.state === 'unavailable' ? status : set({ state: 'view-only', reason }, announce);
    // Keys or buttons held at that moment must not stay pressed on the user's machine.
    if (wasOn) await deps.injector.releaseAll().catch((error: unknown) => deps.log.warn('control.release-failed', { reason: String(error) }));
    return next;
  }

  function drop(reason: DropReason): InputResult {
    dropped[reason] += 1;
    return { injected: false, dropped: reason };
  }

  return {
    status: () => status,

    async request(consultantName) {
      if (status.state === 'granted' || prompt) return status;
      if (now() - refusedAt < (deps.requestCooldownMs ?? 5000)) return set({ state: 'view-only', reason: 'busy' }, false);
      const availability = await deps.injector.availability();
      if (!availability.available) return set({ state: 'unavailable', reason: availability.reason }, false);
      const controller = new AbortController();
      prompt = controller;
      set({ state: 'requested' }, true);
      // The consultant must keep heartbeating while the user decides; if they vanish the prompt is withdrawn.
      armDeadMan();
      let allowed = false;
      try {
        allowed = await deps.prompter.ask({ consultantName }, controller.signal);
      } catch (error) {
        deps.log.warn('control.prompt-failed', { reason: String(error) });
      }
      if (prompt !== controller) return status; // withdrawn meanwhile (dead-man, release, session end)
      if (!allowed) {
        refusedAt = now();
        return end('declined', false);
      }
      // Some desktops (the Wayland portal) ask the person again in their own dialog; control is
      // granted only once both said yes. The prompt stays "open" and the dead-man switch runs meanwhile.
      let begun: 'ok' | 'declined' | 'failed' = 'ok';
      try {
        await deps.injector.begin();
      } catch (error) {
        begun = error instanceof InjectionError && error.reason === 'declined' ? 'declined' : 'failed';
        deps.log.warn('control.begin-failed', { reason: String(error) });
      }
      if (prompt !== controller) {
        // Withdrawn while the desktop's dialog was up: whatever it granted goes away at once.
        await deps.injector.releaseAll().catch(() => undefined);
        return status;
      }
      prompt = null;
      if (begun !== 'ok') {
        if (begun === 'declined') refusedAt = now();
        return end(begun, false);
      }
      lastSeq = -1;
      bucket = new TokenBucket(rate.perSecond, rate.burst, now);
      armDeadMan();
      return set({ state: 'granted' }, false);
    },

    heartbeat() {
      if (status.state === 'granted' || status.state === 'requested') armDeadMan();
    },

    async input({ seq, event }) {
      if (status.state !== 'granted') return drop('not-granted');
      if (seq <= lastSeq) return drop('out-of-order');
      lastSeq = seq;
      if (!bucket.take()) return drop('flood');
      const screen = deps.sharedScreen();
      if (!screen) return drop('injection-failed');
      try {
        await deps.injector.inject(event, screen);
        injected += 1;
        return { injected: true };
      } catch (error) {
        deps.log.warn('control.inject-failed', { type: event.type, reason: String(error) });
        return drop('injection-failed');
      }
    },

    // Announced too: the shortcut and session teardown release control without the page asking.
    release: (reason) => end(reason, true),

    stats: () => ({ injected, dropped: { ...dropped } }),
  };
}
