import { describe, expect, it } from 'vitest';
import { parseRegQuery, readRegistryPolicy } from './registry-source';
import { failed, fakeRunner, ok, regOutput } from './test-fakes';

const REG = 'C:\\Windows\\System32\\reg.exe';
const HKLM_KEY = 'HKLM\\Software\\Policies\\Tandem';
const HKLM_FULL = 'HKEY_LOCAL_MACHINE\\Software\\Policies\\Tandem';

describe('parseRegQuery', () => {
  it('reads REG_SZ, REG_EXPAND_SZ, REG_DWORD, REG_QWORD and REG_MULTI_SZ values', () => {
    const stdout = regOutput(HKLM_FULL, [
      ['ServerUrl', 'REG_SZ', 'wss://tandem.example.org/ws'],
      ['OrganizationLogo', 'REG_EXPAND_SZ', 'C:\\Program Files\\Acme\\logo.png'],
      ['RequireVerifiedConsultants', 'REG_DWORD', '0x1'],
      ['UpdatesEnabled', 'REG_QWORD', '0x0'],
      ['AllowedCapabilities', 'REG_MULTI_SZ', 'control\\0files\\0clipboard'],
      ['OrganizationName', 'REG_SZ', 'Acme    Corp'],
    ]);
    expect(parseRegQuery(stdout, HKLM_KEY)).toEqual({
      ServerUrl: 'wss://tandem.example.org/ws',
      OrganizationLogo: 'C:\\Program Files\\Acme\\logo.png',
      RequireVerifiedConsultants: 1,
      UpdatesEnabled: 0,
      AllowedCapabilities: ['control', 'files', 'clipboard'],
      // Four spaces inside the data stay: only the first two separators split columns.
      OrganizationName: 'Acme    Corp',
    });
  });

  it('reads an empty REG_MULTI_SZ as an empty list and an empty REG_SZ as ""', () => {
    const stdout = `\r\n${HKLM_FULL}\r\n    AllowedCapabilities    REG_MULTI_SZ    \r\n    OrganizationName    REG_SZ    \r\n`;
    expect(parseRegQuery(stdout, HKLM_KEY)).toEqual({ AllowedCapabilities: [], OrganizationName: '' });
  });

  it('marks unsupported types instead of guessing, skips the default value and subkeys', () => {
    const stdout = regOutput(HKLM_FULL, [
      ['(par défaut)', 'REG_SZ', 'x'],
      ['ServerUrl', 'REG_BINARY', '7773733A2F2F'],
    ], ['Extra']) + `\r\n${HKLM_FULL}\\Extra\r\n    ServerUrl    REG_SZ    wss://evil.example/ws\r\n`;
    expect(parseRegQuery(stdout, HKLM_KEY)).toEqual({ ServerUrl: { unsupportedType: 'REG_BINARY' } });
  });
});

describe('readRegistryPolicy', () => {
  it('reports the values when the key exists', async () => {
    const run = fakeRunner({ [`${REG} query ${HKLM_KEY}`]: ok(regOutput(HKLM_FULL, [['ServerUrl', 'REG_SZ', 'wss://a.example/ws']])) });
    await expect(readRegistryPolicy(run, HKLM_KEY, REG)).resolves.toEqual({
      status: 'found',
      source: `registry:${HKLM_KEY}`,
      values: { ServerUrl: 'wss://a.example/ws' },
    });
  });

  it('is absent only when the parent key is listed without it', async () => {
    const run = fakeRunner({
      [`${REG} query ${HKLM_KEY}`]: failed(),
      [`${REG} query HKLM\\Software\\Policies`]: ok(regOutput('HKEY_LOCAL_MACHINE\\Software\\Policies', [], ['Microsoft', 'Google'])),
    });
    await expect(readRegistryPolicy(run, HKLM_KEY, REG)).resolves.toMatchObject({ status: 'absent' });
  });

  it('walks up when HKCU\\Software\\Policies itself is missing', async () => {
    const key = 'HKCU\\Software\\Policies\\Tandem';
    const run = fakeRunner({
      [`${REG} query ${key}`]: failed(),
      [`${REG} query HKCU\\Software\\Policies`]: failed(),
      [`${REG} query HKCU\\Software`]: ok(regOutput('HKEY_CURRENT_USER\\Software', [], ['Microsoft'])),
    });
    await expect(readRegistryPolicy(run, key, REG)).resolves.toMatchObject({ status: 'absent' });
  });

  it('fails closed when the key is listed but cannot be read, or reg.exe cannot run', async () => {
    const listedButUnreadable = fakeRunner({
      [`${REG} query ${HKLM_KEY}`]: failed(1, 'ERROR: Access is denied.'),
      [`${REG} query HKLM\\Software\\Policies`]: ok(regOutput('HKEY_LOCAL_MACHINE\\Software\\Policies', [], ['Tandem'])),
    });
    await expect(readRegistryPolicy(listedButUnreadable, HKLM_KEY, REG)).resolves.toMatchObject({ status: 'error' });
    await expect(readRegistryPolicy(fakeRunner({}), HKLM_KEY, REG)).resolves.toMatchObject({ status: 'error', reason: expect.stringContaining('ENOENT') as string });
    const timedOut = fakeRunner({ [`${REG} query ${HKLM_KEY}`]: { status: 'timed-out', exitCode: null, stdout: '', stderr: '', durationMs: 5000, reason: 'no answer' } });
    await expect(readRegistryPolicy(timedOut, HKLM_KEY, REG)).resolves.toMatchObject({ status: 'error' });
  });
});
