import type { ScreenSource } from '../../shared/host-api';

/** A screen's pixel rectangle in the input injector's coordinate space (the virtual desktop). */
export interface ScreenBounds {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A shareable screen as the platform lists it, with its bounds when the platform knows them. */
export interface ProvidedScreen extends ScreenSource {
  bounds: ScreenBounds | null;
}

/** Lists shareable screens: desktopCapturer in Electron, the X display in the e2e harness. */
export interface ScreenSourceProvider {
  list(): Promise<ProvidedScreen[]>;
}

/**
 * Remembers which screen the user picked in the in-app picker, so the display-media
 * request that follows shares exactly that screen, and remote control maps onto that
 * screen's bounds. Only an id from the latest listing can be picked; a pick is used once.
 */
export class CaptureSelection {
  private offered = new Map<string, ProvidedScreen>();
  private picked: string | null = null;
  private shared: ProvidedScreen | null = null;

  constructor(private readonly provider: ScreenSourceProvider) {}

  async list(): Promise<ScreenSource[]> {
    const screens = await this.provider.list();
    this.offered = new Map(screens.map((screen) => [screen.id, screen]));
    this.picked = null;
    // The renderer gets what it shows; bounds stay in the host.
    return screens.map(({ id, name, thumbnail }) => ({ id, name, thumbnail }));
  }

  select(id: string): void {
    const screen = this.offered.get(id);
    if (!screen) throw new Error('That screen is no longer available; list the screens again.');
    this.picked = id;
    this.shared = screen;
  }

  /** The picked screen id, consumed: a second capture needs a second pick. */
  takeSelection(): string | null {
    const id = this.picked;
    this.picked = null;
    return id;
  }

  /** Bounds of the screen the user chose to share, where remote control lands. */
  sharedBounds(): ScreenBounds | null {
    return this.shared?.bounds ?? null;
  }
}
