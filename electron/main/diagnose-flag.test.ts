import { describe, expect, it, vi } from 'vitest';
import { diagnoseArguments } from './diagnose-flag';

vi.mock('electron', async () => (await import('../test/fake-electron')).fakeElectronModule());

describe('--diagnose', () => {
  it('takes the arguments after the flag, and nothing when absent', () => {
    expect(diagnoseArguments(['/opt/Tandem/tandem', '--diagnose', '--json'])).toEqual(['--json']);
    expect(diagnoseArguments(['/opt/Tandem/tandem', '--diagnose'])).toEqual([]);
    expect(diagnoseArguments(['/opt/Tandem/tandem'])).toBeNull();
  });
});
