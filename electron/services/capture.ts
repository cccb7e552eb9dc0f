import type { ScreenSource } from '../../shared/host-api';

/** Lists shareable screens: desktopCapturer in Electron, the X display in the e2e harness. */
export interface ScreenSourceProvider {
  list(): Promise<ScreenSource[]>;
}

/**
 * Remembers which screen the user picked in the in-app picker, so the display-media
 * request that follows shares exactly that screen. Only an id from the latest listing
 * can be picked, and a pick is used once.
 */
export class CaptureSelection {
  private offered = new Set<string>();
  private picked: string | null = null;

  constructor(private readonly provider: ScreenSourceProvider) {}

  async list(): Promise<ScreenSource[]> {
    const sources = await this.provider.list();
    this.offered = new Set(sources.map((source) => source.id));
    this.picked = null;
    return sources;
  }

  select(id: string): void {
    if (!this.offered.has(id)) throw new Error('That screen is no longer available; list the screens again.');
    this.picked = id;
  }

  /** The picked screen id, consumed: a second capture needs a second pick. */
  takeSelection(): string | null {
    const id = this.picked;
    this.picked = null;
    return id;
  }
}
