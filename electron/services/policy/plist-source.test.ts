import { describe, expect, it } from 'vitest';
import { managedPreferencePaths, PLUTIL, readManagedPreferences } from './plist-source';
import { failed, fakeFs, fakeRunner, ok } from './test-fakes';

const MACHINE = '/Library/Managed Preferences/org.tandem.app.plist';

describe('managedPreferencePaths', () => {
  it('lists the machine file, then the user file', () => {
    expect(managedPreferencePaths('org.tandem.app', 'alice')).toEqual([MACHINE, '/Library/Managed Preferences/alice/org.tandem.app.plist']);
  });

  it('drops the user file for a name that could leave the folder', () => {
    expect(managedPreferencePaths('org.tandem.app', '../etc')).toEqual([MACHINE]);
    expect(managedPreferencePaths('org.tandem.app', 'a/b')).toEqual([MACHINE]);
    expect(managedPreferencePaths('org.tandem.app', null)).toEqual([MACHINE]);
  });
});

describe('readManagedPreferences', () => {
  const plutil = `${PLUTIL} -convert json -o - ${MACHINE}`;

  it('converts the plist with plutil and drops profile bookkeeping', async () => {
    const fs = fakeFs({ [MACHINE]: { content: 'bplist00…' } });
    const run = fakeRunner({ [plutil]: ok(JSON.stringify({ serverUrl: 'wss://a.example/ws', allowedCapabilities: ['control'], PayloadUUID: 'x' })) });
    await expect(readManagedPreferences(MACHINE, fs, run)).resolves.toEqual({
      status: 'found',
      source: `plist:${MACHINE}`,
      values: { serverUrl: 'wss://a.example/ws', allowedCapabilities: ['control'] },
    });
  });

  it('is absent when no profile installed the file', async () => {
    const run = fakeRunner({});
    await expect(readManagedPreferences(MACHINE, fakeFs({}), run)).resolves.toMatchObject({ status: 'absent' });
    expect(run.calls).toEqual([]);
  });

  it('refuses a file a local account could have written, and plutil failures', async () => {
    const notRoot = fakeFs({ [MACHINE]: { content: 'x', uid: 501 } });
    await expect(readManagedPreferences(MACHINE, notRoot, fakeRunner({}))).resolves.toMatchObject({ status: 'error', reason: expect.stringContaining('not root') as string });
    const fs = fakeFs({ [MACHINE]: { content: 'x' } });
    await expect(readManagedPreferences(MACHINE, fs, fakeRunner({ [plutil]: failed(1, 'invalid plist') }))).resolves.toMatchObject({ status: 'error' });
    await expect(readManagedPreferences(MACHINE, fs, fakeRunner({ [plutil]: ok('[1,2]') }))).resolves.toMatchObject({ status: 'error', reason: 'not a dictionary' });
  });
});
