import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createLogger, silentLogger } from '../../shared/log';
import { fake } from '../test/fake-electron';
import { setupDeepLinks } from './deep-links';

vi.mock('electron', async () => (await import('../test/fake-electron')).fakeElectronModule());

// The shared fake has no protocol-client API yet; these tests add what deep-links uses.
function app(packaged = true) {
  return Object.assign(fake.electron.app, { isPackaged: packaged, setAsDefaultProtocolClient: vi.fn((_scheme: string) => true) });
}

const openUrl = (url: string) => {
  const event = { preventDefault: vi.fn() };
  fake.electron.app.emit('open-url', event, url);
  return event;
};

beforeEach(() => fake.reset());

describe('setupDeepLinks', () => {
  it('registers tandem:// in packaged builds only', () => {
    const packaged = app(true);
    setupDeepLinks(silentLogger, []);
    expect(packaged.setAsDefaultProtocolClient).toHaveBeenCalledWith('tandem');
    fake.reset();
    const dev = app(false);
    setupDeepLinks(silentLogger, []);
    expect(dev.setAsDefaultProtocolClient).not.toHaveBeenCalled();
  });

  it('macOS: hands the code from open-url to the receiver', () => {
    app();
    const links = setupDeepLinks(silentLogger, []);
    const receiver = vi.fn();
    links.onLink(receiver);
    const event = openUrl('tandem://join/482-193-675');
    expect(event.preventDefault).toHaveBeenCalled();
    expect(receiver).toHaveBeenCalledWith({ type: 'join', code: '482193675' });
  });

  it('keeps a link that arrived before the UI was ready (cold start on macOS)', () => {
    app();
    const links = setupDeepLinks(silentLogger, []);
    openUrl('tandem://join/482193675');
    const receiver = vi.fn();
    links.onLink(receiver);
    expect(receiver).toHaveBeenCalledExactlyOnceWith({ type: 'join', code: '482193675' });
  });

  it('Windows/Linux: reads the link from a second instance and from the first launch', () => {
    app();
    const links = setupDeepLinks(silentLogger, ['C:\\Tandem\\Tandem.exe', 'tandem://join/111222333/']);
    const receiver = vi.fn();
    links.onLink(receiver);
    expect(receiver).toHaveBeenLastCalledWith({ type: 'join', code: '111222333' });
    fake.electron.app.emit('second-instance', {}, ['C:\\Tandem\\Tandem.exe', '--flag', 'tandem://join/482 193 675'], '/');
    expect(receiver).toHaveBeenLastCalledWith({ type: 'join', code: '482193675' });
    expect(receiver).toHaveBeenCalledTimes(2);
  });

  it('hands over a help request link from an e-mail, and never logs its token', () => {
    app();
    const sink = vi.fn();
    const links = setupDeepLinks(createLogger('deep-links', sink), []);
    const receiver = vi.fn();
    links.onLink(receiver);
    const token = 'T'.repeat(43);
    openUrl(`tandem://request/3f1c1f0e-8a8b-4c55-9a55-2a7c1d7e0b11/${token}`);
    expect(receiver).toHaveBeenCalledWith({ type: 'request', requestId: '3f1c1f0e-8a8b-4c55-9a55-2a7c1d7e0b11', resumeToken: token });
    openUrl(`tandem://request/3f1c1f0e-8a8b-4c55-9a55-2a7c1d7e0b11/${token}?x=1`);
    expect(receiver).toHaveBeenCalledTimes(1);
    expect(sink.mock.calls.map(([, line]) => String(line)).join('\n')).not.toContain(token);
  });

  it('rejects anything but a join link, and never logs the code', () => {
    app();
    const sink = vi.fn();
    const links = setupDeepLinks(createLogger('deep-links', sink), []);
    const receiver = vi.fn();
    links.onLink(receiver);
    openUrl('tandem://join/482193675?server=wss://evil.example');
    openUrl('tandem://settings/server');
    fake.electron.app.emit('second-instance', {}, ['Tandem.exe', 'tandem://join/12'], '/');
    // A plain second start (no link) is none of this module's business.
    fake.electron.app.emit('second-instance', {}, ['Tandem.exe'], '/');
    expect(receiver).not.toHaveBeenCalled();
    expect(sink.mock.calls.filter(([level]) => level === 'warn')).toHaveLength(3);
    openUrl('tandem://join/482193675');
    expect(sink.mock.calls.map(([, line]) => String(line)).join('\n')).not.toContain('482193675');
  });
});
