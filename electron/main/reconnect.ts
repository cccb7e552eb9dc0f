/**
 * Electron glue for reboot and reconnect: the ticket file in userData sealed with safeStorage,
 * and the one-time start at the next login (login items on Windows and macOS, an XDG autostart
 * entry on Linux). The logic lives in electron/services/reconnect.
 */
import { join } from 'node:path';
import { app, safeStorage } from 'electron';
import type { Logger } from '../../shared/log';
import type { ManagedPolicy } from '../../shared/policy';
import {
  createLoginItemStart,
  createReconnectService,
  createSafeStorageProtector,
  createTicketVault,
  createXdgAutostart,
  linuxAppCommand,
  TICKET_FILE_NAME,
  type NextLoginStart,
  type ReconnectService,
} from '../services/reconnect';

export function nextLoginStart(platform: NodeJS.Platform): NextLoginStart {
  if (platform === 'win32' || platform === 'darwin') return createLoginItemStart(app);
  return createXdgAutostart({ env: process.env, command: linuxAppCommand(process.env, process.execPath) });
}

export function createReconnect(policy: Pick<ManagedPolicy, 'reconnect'>, log: Logger, platform: NodeJS.Platform = process.platform): ReconnectService {
  const vault = createTicketVault({
    filePath: join(app.getPath('userData'), TICKET_FILE_NAME),
    protector: createSafeStorageProtector(safeStorage, platform, log),
    ticketMinutes: () => policy.reconnect.ticketMinutes,
    log,
  });
  return createReconnectService({ vault, nextLogin: nextLoginStart(platform), log });
}
