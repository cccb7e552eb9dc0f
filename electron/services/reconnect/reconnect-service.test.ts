import { describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../../../shared/log';
import type { ReconnectTicket, TakenTicket } from '../../../shared/reconnect';
import { HostCallError } from '../host-call-error';
import type { NextLoginStart } from './next-login';
import { createReconnectService } from './reconnect-service';
import type { TicketVault } from './ticket-vault';

const ticket = { expiresAt: 1 } as ReconnectTicket;

function setup(options: { saveFails?: boolean; registerFails?: boolean; taken?: TakenTicket } = {}) {
  let now = 1000;
  const vault = {
    filePath: '/x',
    save: vi.fn(() => (options.saveFails ? Promise.reject(new Error('disk full')) : Promise.resolve(2))),
    take: vi.fn(() => Promise.resolve<TakenTicket>(options.taken ?? { status: 'none' })),
    discard: vi.fn(() => Promise.resolve()),
  } satisfies TicketVault;
  const nextLogin = {
    register: vi.fn(() => (options.registerFails ? Promise.reject(new Error('read-only')) : Promise.resolve())),
    remove: vi.fn(() => Promise.resolve()),
    isRegistered: vi.fn(() => Promise.resolve(false)),
  } satisfies NextLoginStart;
  const service = createReconnectService({ vault, nextLogin, log: silentLogger, now: () => now });
  return { service, vault, nextLogin, advance: (ms: number) => (now += ms) };
}

describe('reconnect service', () => {
  it('saving keeps the ticket and registers the start at the next login', async () => {
    const { service, vault, nextLogin, advance } = setup();
    expect(service.savedWithin(60_000)).toBe(false);
    await service.saveTicket(ticket);
    expect(vault.save).toHaveBeenCalledWith(ticket);
    expect(nextLogin.register).toHaveBeenCalled();
    expect(service.savedWithin(60_000)).toBe(true);
    advance(60_001);
    expect(service.savedWithin(60_000)).toBe(false);
  });

  it('a failed registration refuses the save and leaves nothing behind', async () => {
    const { service, vault, nextLogin } = setup({ registerFails: true });
    await expect(service.saveTicket(ticket)).rejects.toBeInstanceOf(HostCallError);
    expect(vault.discard).toHaveBeenCalled();
    expect(nextLogin.remove).toHaveBeenCalled();
    expect(service.savedWithin(60_000)).toBe(false);
  });

  it('a failed write refuses the save', async () => {
    const { service, nextLogin } = setup({ saveFails: true });
    await expect(service.saveTicket(ticket)).rejects.toThrow(/could not be kept/);
    expect(nextLogin.register).not.toHaveBeenCalled();
  });

  it('taking removes the login item whatever the answer', async () => {
    const { service, nextLogin } = setup({ taken: { status: 'expired' } });
    await service.saveTicket(ticket);
    expect(await service.takeTicket()).toEqual({ status: 'expired' });
    expect(nextLogin.remove).toHaveBeenCalled();
    expect(service.savedWithin(60_000)).toBe(false);
  });

  it('the app starting removes the login item but keeps the ticket for takeTicket', async () => {
    const { service, vault, nextLogin } = setup();
    await service.saveTicket(ticket);
    nextLogin.remove.mockRejectedValueOnce(new Error('EACCES'));
    await service.appStarted();
    expect(nextLogin.remove).toHaveBeenCalledTimes(1);
    expect(vault.discard).not.toHaveBeenCalled();
  });

  it('discarding forgets both', async () => {
    const { service, vault, nextLogin } = setup();
    await service.saveTicket(ticket);
    await service.discard();
    expect(vault.discard).toHaveBeenCalled();
    expect(nextLogin.remove).toHaveBeenCalled();
    expect(service.savedWithin(60_000)).toBe(false);
  });
});
