import type { InputEvent } from '../../shared/control';
import type { Injector, InjectorAvailability, ScreenRect } from '../services/input/injector';

/** An injector that records what it was asked to do, for tests of everything above it. */
export class FakeInjector implements Injector {
  readonly injected: { event: InputEvent; screen: ScreenRect }[] = [];
  releases = 0;
  availabilityResult: InjectorAvailability = { available: true };
  failNext: Error | null = null;
  begins = 0;
  /** What begin() rejects with, once (the desktop's own dialog declined, say). */
  beginFailure: Error | null = null;

  availability(): Promise<InjectorAvailability> {
    return Promise.resolve(this.availabilityResult);
  }

  begin(): Promise<void> {
    this.begins += 1;
    const failure = this.beginFailure;
    this.beginFailure = null;
    return failure ? Promise.reject(failure) : Promise.resolve();
  }

  inject(event: InputEvent, screen: ScreenRect): Promise<void> {
    if (this.failNext) {
      const error = this.failNext;
      this.failNext = null;
      return Promise.reject(error);
    }
    this.injected.push({ event, screen });
    return Promise.resolve();
  }

  releaseAll(): Promise<void> {
    this.releases += 1;
    return Promise.resolve();
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
