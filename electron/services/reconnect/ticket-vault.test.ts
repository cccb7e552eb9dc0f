import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../shared/log';
import type { ReconnectTicket } from '../../../shared/reconnect';
import { createSafeStorageProtector, unprotected, type SafeStorageLike, type TicketProtector } from './protector';
import { createTicketVault, TICKET_FILE_NAME } from './ticket-vault';

const NOW = 1_800_000_000_000;

function sampleTicket(overrides: Partial<ReconnectTicket> = {}): ReconnectTicket {
  return {
    serverUrl: 'wss://help.example.org/ws',
    sessionId: '0b6f3c9e-6a0e-4a59-9d0f-3f1c2a7b8e11',
    token: 'A'.repeat(43),
    consultantName: 'Camille',
    organisation: 'Mairie de Lyon',
    expiresAt: NOW + 10 * 60_000,
    chat: [{ from: 'peer', text: 'Je redémarre votre ordinateur.', at: NOW - 1000 }],
    ...overrides,
  };
}

/** Reversible, so the test can tell sealed bytes from plain text. */
const fakeStorage: SafeStorageLike = {
  isEncryptionAvailable: () => true,
  encryptString: (plain) => Buffer.from(Buffer.from(plain).toString('hex')),
  decryptString: (sealed) => Buffer.from(sealed.toString(), 'hex').toString(),
};

let dir: string;
let now: number;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tandem-vault-'));
  now = NOW;
});
afterEach(() => rm(dir, { recursive: true, force: true }));

function vault(protector: TicketProtector = createSafeStorageProtector(fakeStorage, 'linux', silentLogger), ticketMinutes = 15) {
  return createTicketVault({ filePath: join(dir, 'userData', TICKET_FILE_NAME), protector, ticketMinutes: () => ticketMinutes, now: () => now, log: silentLogger });
}

describe('ticket vault', () => {
  it('gives the ticket back once, then says there is none', async () => {
    const v = vault();
    await v.save(sampleTicket());
    expect(await v.take()).toEqual({ status: 'ready', ticket: sampleTicket() });
    expect(await v.take()).toEqual({ status: 'none' });
  });

  it('keeps the file readable by its owner only, and sealed', async () => {
    const v = vault();
    await v.save(sampleTicket());
    expect((await stat(v.filePath)).mode & 0o777).toBe(0o600);
    const raw = await readFile(v.filePath, 'utf8');
    expect(raw).not.toContain('Camille');
    expect(raw).not.toContain(sampleTicket().token);
    expect(JSON.parse(raw)).toMatchObject({ v: 1, protection: 'os-keystore' });
  });

  it('tightens a leftover partial file too', async () => {
    const v = vault();
    await v.save(sampleTicket());
    await writeFile(`${v.filePath}.partial`, 'old', { mode: 0o644 });
    await v.save(sampleTicket());
    expect((await stat(v.filePath)).mode & 0o777).toBe(0o600);
  });

  it('caps the expiry by the policy', async () => {
    const v = vault(undefined, 2);
    expect(await v.save(sampleTicket({ expiresAt: NOW + 60 * 60_000 }))).toBe(NOW + 2 * 60_000);
    const taken = await v.take();
    expect(taken.status === 'ready' && taken.ticket.expiresAt).toBe(NOW + 2 * 60_000);
  });

  it('keeps a shorter expiry as it is', async () => {
    const v = vault();
    expect(await v.save(sampleTicket({ expiresAt: NOW + 30_000 }))).toBe(NOW + 30_000);
  });

  it('refuses an expired ticket, and deletes it', async () => {
    const v = vault(undefined, 1);
    await v.save(sampleTicket());
    now += 60_001;
    expect(await v.take()).toEqual({ status: 'expired' });
    expect(await v.take()).toEqual({ status: 'none' });
  });

  it('says unreadable for a corrupt file, and deletes it', async () => {
    const v = vault();
    await v.save(sampleTicket());
    await writeFile(v.filePath, '{"v":1,"protection":"os-keystore","data":"bm90IGhleA=="}');
    expect(await v.take()).toEqual({ status: 'unreadable' });
    expect(await v.take()).toEqual({ status: 'none' });
  });

  it('says unreadable for a ticket that decrypts but does not validate', async () => {
    const v = vault(unprotected);
    await v.save(sampleTicket());
    await writeFile(v.filePath, JSON.stringify({ v: 1, protection: 'none', data: Buffer.from('{"serverUrl":"x"}').toString('base64') }));
    expect(await v.take()).toEqual({ status: 'unreadable' });
  });

  it('says unreadable when the key store that sealed it is gone', async () => {
    await vault().save(sampleTicket());
    const noKeystore = createSafeStorageProtector({ ...fakeStorage, isEncryptionAvailable: () => false }, 'linux', silentLogger);
    expect(await vault(noKeystore).take()).toEqual({ status: 'unreadable' });
  });

  it('says unreadable when decryption throws', async () => {
    await vault().save(sampleTicket());
    const otherKey = createSafeStorageProtector({ ...fakeStorage, decryptString: () => { throw new Error('Error while decrypting'); } }, 'linux', silentLogger);
    expect(await vault(otherKey).take()).toEqual({ status: 'unreadable' });
  });

  it('forgets the ticket on discard', async () => {
    const v = vault();
    await v.save(sampleTicket());
    await v.discard();
    expect(await v.take()).toEqual({ status: 'none' });
    await v.discard();
  });
});

describe('safeStorage protector', () => {
  function logger() {
    const warnings: string[] = [];
    return { warnings, log: { ...silentLogger, warn: (event: string) => void warnings.push(event) } };
  }

  it('warns once on Linux when the backend is basic_text, and still seals', () => {
    const { warnings, log } = logger();
    const protector = createSafeStorageProtector({ ...fakeStorage, getSelectedStorageBackend: () => 'basic_text' }, 'linux', log);
    expect(protector.kind()).toBe('os-keystore');
    expect(protector.protect('x').toString()).toBe('78');
    expect(warnings).toEqual(['reconnect.weak-keystore']);
  });

  it('does not warn for a real key store', () => {
    const { warnings, log } = logger();
    createSafeStorageProtector({ ...fakeStorage, getSelectedStorageBackend: () => 'gnome_libsecret' }, 'linux', log).kind();
    expect(warnings).toEqual([]);
  });

  it('falls back to the file permissions alone without a key store, and says so', () => {
    const { warnings, log } = logger();
    const protector = createSafeStorageProtector({ ...fakeStorage, isEncryptionAvailable: () => false }, 'win32', log);
    expect(protector.kind()).toBe('none');
    expect(protector.protect('x').toString()).toBe('x');
    expect(warnings).toEqual(['reconnect.no-keystore']);
  });
});
