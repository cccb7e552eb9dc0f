import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../../shared/log';
import { createAppProtocolHandler, registerAppScheme, resolveAppFile, setupAppProtocol } from './app-protocol';
import { fake } from '../test/fake-electron';

vi.mock('electron', async () => (await import('../test/fake-electron')).fakeElectronModule());

const root = path.resolve('/srv/tandem/dist/renderer');

beforeEach(() => fake.reset());

describe('resolveAppFile', () => {
  it('maps app URLs to files under the root', () => {
    expect(resolveAppFile(root, 'app://tandem/')).toBe(path.join(root, 'index.html'));
    expect(resolveAppFile(root, 'app://tandem/assets/main-1a2b.js')).toBe(path.join(root, 'assets', 'main-1a2b.js'));
    expect(resolveAppFile(root, 'app://tandem/index.html?x=1#y')).toBe(path.join(root, 'index.html'));
  });

  it.each([
    'app://tandem/..%2f..%2fetc%2fpasswd',
    'app://tandem/assets/..%2f..%2f..%2fsecret',
    'app://tandem/..%5c..%5csecret',
    'app://tandem/..\\..\\secret',
    'app://tandem/%00index.html',
    'app://tandem/%E0%A4%A',
    'app://other/index.html',
    'https://tandem/index.html',
    'not a url',
  ])('refuses %s', (url) => {
    expect(resolveAppFile(root, url)).toBeNull();
  });

  it.each(['app://tandem/../../etc/passwd', 'app://tandem/%2e%2e/%2e%2e/etc/passwd', 'app://tandem//etc/passwd', 'app://tandem/%2fetc%2fpasswd'])(
    'keeps %s (already normalised by the URL parser) inside the root',
    (url) => {
      expect(resolveAppFile(root, url)).toBe(path.join(root, 'etc', 'passwd'));
    },
  );

  it('refuses escapes with Windows path rules too', () => {
    const winRoot = 'C:\\Program Files\\Tandem\\resources\\app.asar\\dist\\renderer';
    expect(resolveAppFile(winRoot, 'app://tandem/assets/app.js', path.win32)).toBe(`${winRoot}\\assets\\app.js`);
    for (const url of ['app://tandem/..%2f..%2fsecret', 'app://tandem/..%5csecret', 'app://tandem/C:%5cWindows%5cwin.ini']) {
      expect(resolveAppFile(winRoot, url, path.win32), url).toBeNull();
    }
  });
});

describe('app protocol handler', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'tandem-protocol-'));
    await mkdir(path.join(dir, 'renderer', 'assets'), { recursive: true });
    await writeFile(path.join(dir, 'renderer', 'index.html'), '<!doctype html><title>Tandem</title>');
    await writeFile(path.join(dir, 'renderer', 'assets', 'app.js'), 'export {};');
    await writeFile(path.join(dir, 'secret.txt'), 'top secret');
  });

  const handler = (csp = "default-src 'none'") => createAppProtocolHandler({ rootDir: path.join(dir, 'renderer'), contentSecurityPolicy: () => csp, log: silentLogger });

  it('serves files with their type, the CSP and nosniff', async () => {
    const response = await handler("default-src 'none'; connect-src ws://127.0.0.1:8787")(new Request('app://tandem/'));
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<title>Tandem</title>');
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe("default-src 'none'; connect-src ws://127.0.0.1:8787");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    const script = await handler()(new Request('app://tandem/assets/app.js'));
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it('refuses path traversal without reading outside the root', async () => {
    const readFile = vi.fn((file: string) => Promise.reject(new Error(`unexpected read ${file}`)));
    const guarded = createAppProtocolHandler({ rootDir: path.join(dir, 'renderer'), contentSecurityPolicy: () => '', log: silentLogger, readFile });
    const response = await guarded(new Request('app://tandem/..%2fsecret.txt'));
    expect(response.status).toBe(404);
    expect(readFile).not.toHaveBeenCalled();
    const normalised = await handler()(new Request('app://tandem/../secret.txt'));
    expect(normalised.status).toBe(404);
    expect(await normalised.text()).not.toContain('top secret');
  });

  it('answers 404 for missing files and 405 for writes', async () => {
    expect((await handler()(new Request('app://tandem/missing.js'))).status).toBe(404);
    expect((await handler()(new Request('app://tandem/', { method: 'POST', body: 'x' }))).status).toBe(405);
  });
});

describe('registration', () => {
  it('registers app: as a standard, secure, fetch-capable scheme and handles it', () => {
    registerAppScheme();
    expect(fake.electron.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
    setupAppProtocol({ rootDir: root, contentSecurityPolicy: () => '', log: silentLogger });
    expect(fake.electron.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
  });
});
