/**
 * Registers one ipcMain handler per host method, all from the single handler table.
 * Each call is answered only for the top frame of a window the app created, showing the
 * app's own origin; the payload is then validated by dispatchHostCall.
 */
import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { HOST_METHODS, hostChannel, type HostReply } from '../../shared/host-bridge';
import type { Logger } from '../../shared/log';
import { dispatchHostCall, type HostHandlers } from '../services/host-handlers';
import { isAppOrigin } from './app-origin';

export interface IpcDeps {
  handlers: HostHandlers;
  isAppWebContents: (contents: WebContents) => boolean;
  isAppOrigin?: (urlOrOrigin: string | null | undefined) => boolean;
  log: Logger;
}

/** Why a sender is refused, or null when it may call the host API. */
export function senderProblem(event: IpcMainInvokeEvent, deps: Pick<IpcDeps, 'isAppWebContents' | 'isAppOrigin'>): string | null {
  const frame = event.senderFrame;
  // Null when the frame navigated away or was destroyed before the message arrived.
  if (!frame) return 'no-frame';
  // Subframes never talk to the host, even same-origin ones.
  if (frame.parent !== null) return 'subframe';
  if (!deps.isAppWebContents(event.sender)) return 'unknown-webcontents';
  if (!(deps.isAppOrigin ?? isAppOrigin)(frame.url)) return 'foreign-origin';
  return null;
}

export function createIpcListener(method: string, deps: IpcDeps): (event: IpcMainInvokeEvent, params: unknown) => Promise<HostReply> {
  return async (event, params) => {
    const problem = senderProblem(event, deps);
    if (problem !== null) {
      deps.log.warn('ipc.forbidden-sender', { method, problem, url: event.senderFrame?.url.slice(0, 200) ?? null });
      return { ok: false, error: { code: 'forbidden-sender', message: 'This caller may not use the host API.' } };
    }
    return dispatchHostCall(deps.handlers, method, params, deps.log);
  };
}

export function setupIpc(deps: IpcDeps): void {
  for (const method of HOST_METHODS) ipcMain.handle(hostChannel(method), createIpcListener(method, deps));
}
