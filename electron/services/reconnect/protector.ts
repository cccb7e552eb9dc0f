/**
 * How a reconnect ticket is sealed on disk. The app uses Electron's safeStorage (the OS key
 * store: DPAPI, the Keychain, the Secret Service or KWallet); the e2e harness and a computer
 * with no key store fall back to no encryption, with the file still readable by its owner only.
 */
import type { Logger } from '../../../shared/log';

export type Protection = 'os-keystore' | 'none';

export interface TicketProtector {
  /** How the next `protect` seals; written beside the data so a mismatch reads as 'unreadable'. */
  kind(): Protection;
  protect(plain: string): Buffer;
  /** Throws when the data cannot be opened (another user, a reset key store, a corrupt file). */
  unprotect(sealed: Buffer, kind: Protection): string;
}

/** The part of Electron's `safeStorage` the protector uses (passed in: services never import electron). */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(sealed: Buffer): string;
  /** Linux only: 'basic_text' means a hard-coded key, i.e. obfuscation rather than protection. */
  getSelectedStorageBackend?(): string;
}

export const unprotected: TicketProtector = {
  kind: () => 'none',
  protect: (plain) => Buffer.from(plain, 'utf8'),
  unprotect: (sealed, kind) => {
    if (kind !== 'none') throw new Error('The ticket was sealed with the key store, which is not available here.');
    return sealed.toString('utf8');
  },
};

export function createSafeStorageProtector(storage: SafeStorageLike, platform: NodeJS.Platform, log: Logger): TicketProtector {
  let warned = false;
  const available = (): boolean => {
    const ok = storage.isEncryptionAvailable();
    if (warned) return ok;
    warned = true;
    if (!ok) {
      log.warn('reconnect.no-keystore', { detail: 'no OS key store: the ticket file is protected by its 0600 permissions only' });
    } else if (platform === 'linux' && storage.getSelectedStorageBackend?.() === 'basic_text') {
      // safeStorage still "encrypts", but with a key every Chromium build knows.
      log.warn('reconnect.weak-keystore', { backend: 'basic_text', detail: 'no Secret Service or KWallet: the ticket file is protected by its 0600 permissions only' });
    }
    return ok;
  };
  return {
    kind: () => (available() ? 'os-keystore' : 'none'),
    protect: (plain) => (available() ? storage.encryptString(plain) : unprotected.protect(plain)),
    unprotect: (sealed, kind) => {
      if (kind === 'none') return unprotected.unprotect(sealed, kind);
      if (!available()) throw new Error('The OS key store is not available.');
      return storage.decryptString(sealed);
    },
  };
}
