/**
 * The floor's injector: the bare XTEST calls (move, press, release) with the pure-JS `x11`
 * package, with none of Tandem's injector around them (no validation, no rate limit, no
 * consent), so the floor costs only what any remote-control app must pay.
 */
import x11 from 'x11';
import type { XClient, XTest } from 'x11';

export interface XTestPointer {
  move(x: number, y: number): void;
  click(x: number, y: number): void;
  close(): void;
}

export async function openXTestPointer(display = process.env.DISPLAY ?? ''): Promise<XTestPointer> {
  const { client, root } = await new Promise<{ client: XClient; root: number }>((resolve, reject) => {
    const client: XClient = x11.createClient({ display }, (error, info) => {
      const screen = info?.screen[0];
      if (error || !screen) reject(error ?? new Error(`no screen on ${display}`));
      else resolve({ client, root: screen.root });
    });
    client.on('error', reject);
  });
  const xtest = await new Promise<XTest>((resolve, reject) => client.require('xtest', (error, ext) => (error ? reject(error) : resolve(ext))));
  // detail 0 on MotionNotify: absolute coordinates on the root window.
  const move = (x: number, y: number) => xtest.FakeInput(xtest.MotionNotify, 0, 0, root, Math.round(x), Math.round(y));
  return {
    move,
    click(x, y) {
      move(x, y);
      xtest.FakeInput(xtest.ButtonPress, 1, 0, root, 0, 0);
      xtest.FakeInput(xtest.ButtonRelease, 1, 0, root, 0, 0);
    },
    close: () => client.close(),
  };
}
