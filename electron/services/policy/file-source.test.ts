import { describe, expect, it } from 'vitest';
import { readPolicyFile } from './file-source';
import { fakeFs } from './test-fakes';

const PATH = '/etc/tandem/policy.json';
const strict = { requireRootOwned: true };

describe('readPolicyFile', () => {
  it('reads a root-owned JSON object (with or without a BOM)', async () => {
    const fs = fakeFs({ [PATH]: { content: '\uFEFF{"serverUrl":"wss://a.example/ws"}' } });
    await expect(readPolicyFile(PATH, fs, strict)).resolves.toEqual({ status: 'found', source: `file:${PATH}`, values: { serverUrl: 'wss://a.example/ws' } });
  });

  it('is absent when there is no file', async () => {
    await expect(readPolicyFile(PATH, fakeFs({}), strict)).resolves.toEqual({ status: 'absent', source: `file:${PATH}` });
  });

  it('refuses files a local account owns or may write', async () => {
    await expect(readPolicyFile(PATH, fakeFs({ [PATH]: { content: '{}', uid: 1000 } }), strict)).resolves.toMatchObject({ status: 'error', reason: expect.stringContaining('uid 1000') as string });
    await expect(readPolicyFile(PATH, fakeFs({ [PATH]: { content: '{}', mode: 0o100666 } }), strict)).resolves.toMatchObject({ status: 'error', reason: expect.stringContaining('666') as string });
    await expect(readPolicyFile(PATH, fakeFs({ [PATH]: { content: '{}', uid: 1000 } }), { requireRootOwned: false })).resolves.toMatchObject({ status: 'found' });
  });

  it('reports broken JSON, non-objects and invalid UTF-8 as errors', async () => {
    for (const content of ['{"serverUrl":', '[]', 'null', Uint8Array.from([0x7b, 0xff, 0x7d])]) {
      await expect(readPolicyFile(PATH, fakeFs({ [PATH]: { content } }), strict)).resolves.toMatchObject({ status: 'error' });
    }
  });
});
