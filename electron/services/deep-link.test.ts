import { describe, expect, it } from 'vitest';
import { findJoinLinkInArgv, parseJoinLink } from './deep-link';

describe('parseJoinLink', () => {
  it('accepts tandem://join/<9 digits> in the forms people and mail clients produce', () => {
    for (const link of [
      'tandem://join/482193675',
      'tandem://join/482 193 675',
      'tandem://join/482%20193%20675',
      'tandem://join/482-193-675',
      'tandem://join/482.193.675',
      'tandem://join/482193675/',
      'TANDEM://JOIN/482193675',
    ]) {
      expect(parseJoinLink(link), link).toBe('482193675');
    }
  });

  it('rejects every other form', () => {
    for (const link of [
      'tandem://join/48219367',
      'tandem://join/4821936750',
      'tandem://join/48219367a',
      'tandem://join/',
      'tandem://join/482193675?server=wss://evil.example',
      'tandem://join/482193675#x',
      'tandem://join/482193675//',
      'tandem://join/482193675/extra',
      'tandem://host/482193675',
      'tandem://user@join/482193675',
      'tandem://join:80/482193675',
      'tandem:join/482193675',
      'tandem:///join/482193675',
      'https://join/482193675',
      'tandem://join/%34%38%32193675',
      'tandem://join/482\n193675',
      ` tandem://join/482193675`,
      `tandem://join/${'1'.repeat(200)}`,
    ]) {
      expect(parseJoinLink(link), link).toBeNull();
    }
  });
});

describe('findJoinLinkInArgv', () => {
  it('finds the link among Electron and Chromium arguments', () => {
    expect(findJoinLinkInArgv(['C:\\Program Files\\Tandem\\Tandem.exe', '--allow-file-access-from-files', 'tandem://join/482193675/'])).toBe('482193675');
    expect(findJoinLinkInArgv(['/opt/Tandem/tandem', '--no-sandbox'])).toBeNull();
    expect(findJoinLinkInArgv(['/opt/Tandem/tandem', 'tandem://join/evil?x', '--flag'])).toBeNull();
  });
});
