import { describe, expect, it, vi } from 'vitest';
import { createLogger, silentLogger } from '../../../shared/log';
import { DEFAULT_SERVER_URL } from '../settings';
import { loadPolicy, LINUX_POLICY_PATH, type PolicyLoaderDeps } from './load-policy';
import { PLUTIL } from './plist-source';
import { failed, fakeFs, fakeRunner, ok, PNG_BYTES, PNG_DATA_URL, regOutput, type FakeFile } from './test-fakes';

const REG = 'C:\\Windows\\System32\\reg.exe';

function deps(platform: NodeJS.Platform, files: Record<string, FakeFile>, answers: Parameters<typeof fakeRunner>[0] = {}): PolicyLoaderDeps {
  return { platform, fs: fakeFs(files), run: fakeRunner(answers), log: silentLogger, userName: 'alice', systemRoot: 'C:\\Windows' };
}

describe('loadPolicy on Linux', () => {
  it('reads /etc/tandem/policy.json and loads a logo file it names', async () => {
    const policy = await loadPolicy(
      deps('linux', {
        [LINUX_POLICY_PATH]: { content: JSON.stringify({ serverUrl: 'wss://a.example/ws', organizationLogo: '/usr/share/acme/logo.png', allowedCapabilities: ['control'] }) },
        '/usr/share/acme/logo.png': { content: PNG_BYTES },
      }),
    );
    expect(policy).toMatchObject({ managed: true, serverUrl: 'wss://a.example/ws', lockedSettings: ['serverUrl'], problem: null });
    expect(policy.capabilities).toEqual({ control: true, files: false, clipboard: false, repairs: false, voice: false });
    expect(policy.branding.logo).toBe(PNG_DATA_URL);
  });

  it('reports a logo that is not an image, or a user-owned one, and keeps the rest', async () => {
    const policy = await loadPolicy(
      deps('linux', {
        [LINUX_POLICY_PATH]: { content: JSON.stringify({ organizationName: 'Acme', organizationLogo: '/home/bob/logo.png' }) },
        '/home/bob/logo.png': { content: PNG_BYTES, uid: 1000 },
      }),
    );
    expect(policy.branding).toMatchObject({ organizationName: 'Acme', logo: null });
    expect(policy.problem).toEqual({ code: 'invalid-values', fields: ['organizationLogo'], unknownKeys: [] });
    const fake = await loadPolicy(deps('linux', { [LINUX_POLICY_PATH]: { content: JSON.stringify({ organizationLogo: 'data:image/png;base64,PHN2Zz4=' }) } }));
    expect(fake.problem?.fields).toEqual(['organizationLogo']);
  });

  it('without a file: unmanaged', async () => {
    await expect(loadPolicy(deps('linux', {}))).resolves.toMatchObject({ managed: false, serverUrl: null, problem: null });
  });

  it('logs why a policy was refused', async () => {
    const sink = vi.fn();
    await loadPolicy({ ...deps('linux', { [LINUX_POLICY_PATH]: { content: '{', uid: 0 } }), log: createLogger('policy', sink) });
    expect(sink).toHaveBeenCalledWith('error', expect.stringContaining('"event":"policy.unreadable"'));
    expect(sink).toHaveBeenCalledWith('info', expect.stringContaining('"problem":"unreadable"'));
  });
});

describe('loadPolicy on Windows', () => {
  const HKLM = 'HKEY_LOCAL_MACHINE\\Software\\Policies\\Tandem';
  const HKCU = 'HKEY_CURRENT_USER\\Software\\Policies\\Tandem';

  it('HKLM wins over HKCU key by key', async () => {
    const policy = await loadPolicy(
      deps('win32', {}, {
        [`${REG} query HKLM\\Software\\Policies\\Tandem`]: ok(regOutput(HKLM, [
          ['ServerUrl', 'REG_SZ', 'wss://machine.example/ws'],
          ['AllowedCapabilities', 'REG_MULTI_SZ', 'control\\0clipboard'],
          ['RequireVerifiedConsultants', 'REG_DWORD', '0x1'],
        ])),
        [`${REG} query HKCU\\Software\\Policies\\Tandem`]: ok(regOutput(HKCU, [
          ['ServerUrl', 'REG_SZ', 'wss://user.example/ws'],
          ['DefaultLanguage', 'REG_SZ', 'fr'],
          ['RequireVerifiedConsultants', 'REG_DWORD', '0x0'],
        ])),
      }),
    );
    expect(policy).toMatchObject({
      sources: ['registry:HKLM\\Software\\Policies\\Tandem', 'registry:HKCU\\Software\\Policies\\Tandem'],
      serverUrl: 'wss://machine.example/ws',
      requireVerifiedConsultants: true,
      defaultLanguage: 'fr',
      capabilities: { control: true, files: false, clipboard: true, repairs: false, voice: false },
      problem: null,
    });
  });

  it('no Tandem key in either hive: unmanaged', async () => {
    const policy = await loadPolicy(
      deps('win32', {}, {
        [`${REG} query HKLM\\Software\\Policies\\Tandem`]: failed(),
        [`${REG} query HKLM\\Software\\Policies`]: ok(regOutput('HKEY_LOCAL_MACHINE\\Software\\Policies', [], ['Microsoft'])),
        [`${REG} query HKCU\\Software\\Policies\\Tandem`]: failed(),
        [`${REG} query HKCU\\Software\\Policies`]: ok(regOutput('HKEY_CURRENT_USER\\Software\\Policies', [], ['Microsoft'])),
      }),
    );
    expect(policy.managed).toBe(false);
  });

  it('reg.exe missing or broken: safest values, never unmanaged', async () => {
    const policy = await loadPolicy(deps('win32', {}, {}));
    expect(policy).toMatchObject({ managed: true, serverUrl: DEFAULT_SERVER_URL, problem: { code: 'unreadable' } });
    expect(Object.values(policy.capabilities).some(Boolean)).toBe(false);
  });
});

describe('loadPolicy on macOS', () => {
  const machine = '/Library/Managed Preferences/org.tandem.app.plist';
  const user = '/Library/Managed Preferences/alice/org.tandem.app.plist';

  it('the machine profile wins over the user profile key by key', async () => {
    const policy = await loadPolicy(
      deps('darwin', { [machine]: { content: 'x' }, [user]: { content: 'y' } }, {
        [`${PLUTIL} -convert json -o - ${machine}`]: ok(JSON.stringify({ allowedCapabilities: ['voice'], updateUrl: 'https://u.example/tandem' })),
        [`${PLUTIL} -convert json -o - ${user}`]: ok(JSON.stringify({ allowedCapabilities: ['control', 'files'], updateChannel: 'beta', organizationName: 'Acme' })),
      }),
    );
    expect(policy).toMatchObject({
      capabilities: { control: false, files: false, clipboard: false, repairs: false, voice: true },
      updates: { enabled: true, url: 'https://u.example/tandem', channel: 'beta' },
      branding: { organizationName: 'Acme' },
      problem: null,
    });
  });

  it('no profile: unmanaged', async () => {
    await expect(loadPolicy(deps('darwin', {}))).resolves.toMatchObject({ managed: false });
  });
});

describe('loadPolicy when a reader throws', () => {
  it('fails closed instead of passing for "no policy"', async () => {
    const broken = { ...deps('win32', {}), run: () => Promise.reject(new Error('spawn EPERM')) };
    const policy = await loadPolicy(broken);
    expect(policy).toMatchObject({ managed: true, sources: ['internal-error'], serverUrl: DEFAULT_SERVER_URL, problem: { code: 'unreadable' } });
  });

  it('loses only the logo when reading the logo throws', async () => {
    const broken = deps('linux', {});
    broken.fs = {
      stat: (path) => (path === LINUX_POLICY_PATH ? Promise.resolve({ uid: 0, mode: 0o100644, size: 2, isFile: true }) : Promise.reject(new Error('EACCES'))),
      readFile: () => Promise.resolve(new TextEncoder().encode('{"organizationLogo":"/x.png","organizationName":"Acme"}')),
    };
    const policy = await loadPolicy(broken);
    expect(policy.branding.organizationName).toBe('Acme');
    expect(policy.problem?.fields).toEqual(['organizationLogo']);
  });
});
