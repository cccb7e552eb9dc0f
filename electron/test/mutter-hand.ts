/**
 * The test's own hand on the headless GNOME desktop: Mutter's private RemoteDesktop and
 * ScreenCast D-Bus API (what GNOME's own remote-desktop service uses), so a test can click the
 * portal's consent dialogs the way a person would, and look at the screen while it does.
 * This is not the code under test; the product talks only to the public portal.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { Message, MessageType, Variant, sessionBus, type MessageBus } from 'dbus-next';

const RD = 'org.gnome.Mutter.RemoteDesktop';
const SC = 'org.gnome.Mutter.ScreenCast';
const BTN_LEFT = 0x110;
const run = promisify(execFile);

export type Rgb = [number, number, number];

export interface MutterHand {
  click(x: number, y: number): Promise<void>;
  /** One pixel of the monitor as it is now (a fresh frame from Mutter's own screen cast). */
  pixel(x: number, y: number): Promise<Rgb>;
  /** Waits until the pixel matches, e.g. a dialog's button has been drawn. */
  waitForPixel(x: number, y: number, matches: (rgb: Rgb) => boolean, timeoutMs?: number): Promise<void>;
  /** A PNG of the whole monitor (for looking at what a test sees). */
  screenshot(file: string): Promise<void>;
  close(): void;
}

/** The blue of GNOME's suggested-action buttons (Share) and of a switch turned on. */
export const isAccentBlue = ([r, g, b]: Rgb): boolean => r < 90 && g > 100 && g < 160 && b > 200;

export async function openMutterHand(busAddress: string, env: NodeJS.ProcessEnv): Promise<MutterHand> {
  const bus: MessageBus = sessionBus({ busAddress });
  bus.on('error', () => undefined);
  const call = async (destination: string, path: string, iface: string, member: string, signature = '', body: unknown[] = []): Promise<unknown[]> => {
    const reply: unknown[] = (await bus.call(new Message({ destination, path, interface: iface, member, signature, body })))?.body ?? [];
    return reply;
  };

  const [rdPath] = await call(RD, '/org/gnome/Mutter/RemoteDesktop', RD, 'CreateSession');
  if (typeof rdPath !== 'string') throw new Error('mutter: no remote desktop session');
  const [sessionId] = await call(RD, rdPath, 'org.freedesktop.DBus.Properties', 'Get', 'ss', [`${RD}.Session`, 'SessionId']);
  const id: unknown = sessionId instanceof Variant ? sessionId.value : sessionId;
  const [scPath] = await call(SC, '/org/gnome/Mutter/ScreenCast', SC, 'CreateSession', 'a{sv}', [{ 'remote-desktop-session-id': new Variant('s', id) }]);
  if (typeof scPath !== 'string') throw new Error('mutter: no screen cast session');
  const [streamPath] = await call(SC, scPath, `${SC}.Session`, 'RecordMonitor', 'sa{sv}', ['Meta-0', { 'cursor-mode': new Variant('u', 1) }]);
  if (typeof streamPath !== 'string') throw new Error('mutter: no monitor stream');
  let node: number | null = null;
  bus.on('message', (message: Message) => {
    if (message.type === MessageType.SIGNAL && message.path === streamPath && message.member === 'PipeWireStreamAdded') {
      const signal: unknown[] = message.body;
      const [value] = signal;
      if (typeof value === 'number') node = value;
    }
  });
  await call('org.freedesktop.DBus', '/org/freedesktop/DBus', 'org.freedesktop.DBus', 'AddMatch', 's', [`type='signal',path='${streamPath}'`]);
  await call(RD, rdPath, `${RD}.Session`, 'Start');
  const session = (member: string, signature: string, body: unknown[]) => call(RD, rdPath, `${RD}.Session`, member, signature, body);

  const waitForNode = async (): Promise<number> => {
    for (let i = 0; node === null && i < 40; i += 1) await new Promise((resolve) => setTimeout(resolve, 50));
    if (node === null) throw new Error('mutter: the monitor stream has no PipeWire node');
    return node;
  };
  const pixel = async (x: number, y: number): Promise<Rgb> => {
    const { stdout } = await run(
      'gst-launch-1.0',
      ['-q', 'pipewiresrc', `path=${await waitForNode()}`, 'num-buffers=1', '!', 'videoconvert', '!', 'video/x-raw,format=RGB', '!', 'fdsink', 'fd=1'],
      { env, timeout: 10_000, encoding: 'buffer', maxBuffer: 16 * 1024 * 1024 },
    );
    // Rows of the 1280-pixel monitor, 3 bytes a pixel, no padding (1280 * 3 is a multiple of 4).
    const at = (Math.round(y) * 1280 + Math.round(x)) * 3;
    return [stdout[at] ?? 0, stdout[at + 1] ?? 0, stdout[at + 2] ?? 0];
  };

  return {
    pixel,
    async waitForPixel(x, y, matches, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      let last: Rgb = [0, 0, 0];
      while (Date.now() < deadline) {
        last = await pixel(x, y);
        if (matches(last)) return;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      throw new Error(`mutter: the pixel at ${x},${y} stayed ${last.join(',')}`);
    },
    async click(x, y) {
      await session('NotifyPointerMotionAbsolute', 'sdd', [streamPath, x, y]);
      await new Promise((resolve) => setTimeout(resolve, 50));
      await session('NotifyPointerButton', 'ib', [BTN_LEFT, true]);
      await session('NotifyPointerButton', 'ib', [BTN_LEFT, false]);
    },
    async screenshot(file) {
      await run('gst-launch-1.0', ['-q', 'pipewiresrc', `path=${await waitForNode()}`, 'num-buffers=3', '!', 'videoconvert', '!', 'pngenc', 'snapshot=true', '!', 'filesink', `location=${file}`], { env, timeout: 10_000 });
    },
    close() {
      call(RD, rdPath, `${RD}.Session`, 'Stop').catch(() => undefined).finally(() => bus.disconnect());
    },
  };
}
