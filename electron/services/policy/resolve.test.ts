import { describe, expect, it } from 'vitest';
import { managedPolicySchema } from '../../../shared/policy';
import { silentLogger } from '../../../shared/log';
import { DEFAULT_SERVER_URL } from '../settings';
import { resolvePolicy, unmanagedPolicy } from './resolve';
import type { SourceRead } from './types';
import { PNG_DATA_URL } from './test-fakes';

const found = (values: Record<string, unknown>, source = 'file:/etc/tandem/policy.json'): SourceRead => ({ status: 'found', source, values });
const resolve = (...reads: SourceRead[]) => {
  const { policy, logoRef } = resolvePolicy(reads, silentLogger);
  // Whatever comes in, what goes out is a valid policy for the UI.
  managedPolicySchema.parse(policy);
  return { policy, logoRef };
};

describe('resolvePolicy', () => {
  it('without any source: unmanaged, everything allowed, nothing locked', () => {
    expect(resolve({ status: 'absent', source: 'file:/etc/tandem/policy.json' }).policy).toEqual(unmanagedPolicy());
  });

  it('applies a full policy', () => {
    const { policy, logoRef } = resolve(
      found({
        serverUrl: 'wss://tandem.example.org/ws',
        organizationName: '  Acme  ',
        organizationLogo: PNG_DATA_URL,
        primaryColor: '#AA0000',
        accentColor: '#550000',
        allowedCapabilities: ['control', 'clipboard'],
        requireVerifiedConsultants: true,
        allowedConsultantOrganizations: ['Acme.example', 'helpdesk.example'],
        updatesEnabled: true,
        updateUrl: 'https://updates.example.org/tandem',
        updateChannel: 'beta',
        defaultLanguage: 'fr',
        requireSafetyCodeForControl: ' Always ',
        sessionRecording: ' Required ',
        recordingRetentionDays: '90',
      }),
    );
    expect(policy).toEqual({
      managed: true,
      sources: ['file:/etc/tandem/policy.json'],
      serverUrl: 'wss://tandem.example.org/ws',
      capabilities: { control: true, files: false, clipboard: true, repairs: false, voice: false },
      requireVerifiedConsultants: true,
      allowedConsultantOrganizations: ['acme.example', 'helpdesk.example'],
      updates: { enabled: true, url: 'https://updates.example.org/tandem', channel: 'beta' },
      defaultLanguage: 'fr',
      branding: { organizationName: 'Acme', logo: null, primaryColor: '#aa0000', accentColor: '#550000' },
      lockedSettings: ['serverUrl'],
      reconnect: { limitSeconds: 60, ticketMinutes: 15, autoResumeAfterRestart: false },
      requireSafetyCodeForControl: 'always',
      recording: { mode: 'required', retentionDays: 90 },
      problem: null,
    });
    expect(logoRef).toBe(PNG_DATA_URL);
  });

  it('forbids recording and keeps recordings one day when the recording keys do not validate', () => {
    const { policy } = resolve(found({ sessionRecording: 'sometimes', recordingRetentionDays: 0 }));
    expect(policy.recording).toEqual({ mode: 'forbidden', retentionDays: 1 });
    expect(policy.problem?.fields).toEqual(['sessionRecording', 'recordingRetentionDays']);
    expect(resolve(found({ allowedCapabilities: [] })).policy.recording).toEqual({ mode: 'allowed', retentionDays: 30 });
    expect(resolve(found({ sessionRecording: 'FORBIDDEN' })).policy.recording.mode).toBe('forbidden');
  });

  it('asks for the safety code before every control request when the key is not a known value', () => {
    const { policy } = resolve(found({ requireSafetyCodeForControl: 'sometimes' }));
    expect(policy.requireSafetyCodeForControl).toBe('always');
    expect(policy.problem?.fields).toEqual(['requireSafetyCodeForControl']);
    expect(resolve(found({ allowedCapabilities: [] })).policy.requireSafetyCodeForControl).toBe('unverified-consultants');
  });

  it('keeps defaults for keys a partial policy does not set', () => {
    const { policy } = resolve(found({ allowedCapabilities: [] }));
    expect(policy.capabilities).toEqual({ control: false, files: false, clipboard: false, repairs: false, voice: false });
    expect(policy.serverUrl).toBeNull();
    expect(policy.lockedSettings).toEqual([]);
    expect(policy.allowedConsultantOrganizations).toBeNull();
    expect(policy.updates).toEqual({ enabled: false, url: null, channel: 'latest' });
    expect(resolve(found({ serverUrl: 'wss://a.example/ws' })).policy.capabilities.files).toBe(true);
  });

  it('a source that exists but cannot be read: every key at its safest', () => {
    const { policy } = resolve({ status: 'error', source: 'file:/etc/tandem/policy.json', reason: 'Unexpected end of JSON input' });
    expect(policy).toMatchObject({
      managed: true,
      serverUrl: DEFAULT_SERVER_URL,
      capabilities: { control: false, files: false, clipboard: false, repairs: false, voice: false },
      requireVerifiedConsultants: true,
      allowedConsultantOrganizations: [],
      updates: { enabled: false, url: null },
      lockedSettings: ['serverUrl'],
      problem: { code: 'unreadable', fields: [] },
    });
  });

  it('fails closed when one source of two is unreadable, even if the other is valid', () => {
    const { policy } = resolve(found({ allowedCapabilities: ['control', 'files'] }, 'registry:HKLM'), { status: 'error', source: 'registry:HKCU', reason: 'x' });
    expect(policy.capabilities.control).toBe(false);
    expect(policy.problem?.code).toBe('unreadable');
  });

  it('an invalid key takes its safest value; valid keys still apply', () => {
    const { policy } = resolve(
      found({
        serverUrl: 'https://not-a-websocket.example',
        allowedCapabilities: 'everything!',
        requireVerifiedConsultants: 'yes please',
        updatesEnabled: 2,
        updateUrl: 'http://plain-http.example/updates',
        updateChannel: '../../etc',
        organizationName: 'Acme',
        organizationLogo: 'data:image/svg+xml;base64,PHN2Zz4=',
        primaryColor: 'red;background:url(x)',
        defaultLanguage: 'de',
      }),
    );
    expect(policy.serverUrl).toBe(DEFAULT_SERVER_URL);
    expect(policy.lockedSettings).toEqual(['serverUrl']);
    expect(policy.capabilities).toEqual({ control: false, files: false, clipboard: false, repairs: false, voice: false });
    expect(policy.requireVerifiedConsultants).toBe(true);
    expect(policy.updates).toEqual({ enabled: false, url: null, channel: 'latest' });
    expect(policy.branding).toEqual({ organizationName: 'Acme', logo: null, primaryColor: null, accentColor: null });
    expect(policy.defaultLanguage).toBeNull();
    expect(policy.problem).toEqual({
      code: 'invalid-values',
      fields: ['serverUrl', 'organizationLogo', 'primaryColor', 'allowedCapabilities', 'requireVerifiedConsultants', 'updatesEnabled', 'updateUrl', 'updateChannel', 'defaultLanguage'],
      unknownKeys: [],
    });
  });

  it('applies the reboot-and-reconnect keys, from numbers, registry DWORDs or digits as text', () => {
    expect(resolve(found({ reconnectLimitSeconds: 120, reconnectTicketMinutes: 5, autoResumeAfterRestart: true })).policy).toMatchObject({
      reconnect: { limitSeconds: 120, ticketMinutes: 5, autoResumeAfterRestart: true },
      problem: null,
    });
    expect(resolve(found({ reconnectLimitSeconds: ' 600 ', reconnectTicketMinutes: '60', autoResumeAfterRestart: 1 }, 'registry:HKLM')).policy.reconnect).toEqual({
      limitSeconds: 600,
      ticketMinutes: 60,
      autoResumeAfterRestart: true,
    });
    expect(resolve(found({ reconnectLimitSeconds: 10, reconnectTicketMinutes: 1, autoResumeAfterRestart: 'false' })).policy.reconnect).toEqual({
      limitSeconds: 10,
      ticketMinutes: 1,
      autoResumeAfterRestart: false,
    });
  });

  it('rejects reconnect values out of range or not whole numbers, never clamping them', () => {
    for (const [limit, minutes] of [
      [9, 0],
      [601, 61],
      [30.5, 2.5],
      ['sixty', '15 minutes'],
      [-30, -1],
    ] as const) {
      const { policy } = resolve(found({ reconnectLimitSeconds: limit, reconnectTicketMinutes: minutes, autoResumeAfterRestart: 'always' }));
      // The retry time decides nobody's access (default); the ticket gets the shortest life; the user is asked.
      expect(policy.reconnect).toEqual({ limitSeconds: 60, ticketMinutes: 1, autoResumeAfterRestart: false });
      expect(policy.problem?.fields).toEqual(['reconnectLimitSeconds', 'reconnectTicketMinutes', 'autoResumeAfterRestart']);
    }
  });

  it('an unreadable policy keeps tickets for the shortest time and never resumes by itself', () => {
    expect(resolve({ status: 'error', source: 'file:/etc/tandem/policy.json', reason: 'x' }).policy.reconnect).toEqual({ limitSeconds: 60, ticketMinutes: 1, autoResumeAfterRestart: false });
  });

  it('drops bad list entries, which only narrows the list, and reports them', () => {
    const { policy } = resolve(found({ allowedCapabilities: ['Control', 'fiels', 'voice'], allowedConsultantOrganizations: ['acme.example', 'not an org', 42] }));
    expect(policy.capabilities).toEqual({ control: true, files: false, clipboard: false, repairs: false, voice: true });
    // A non-string entry makes the whole list invalid: nobody is allowed.
    expect(policy.allowedConsultantOrganizations).toEqual([]);
    expect(policy.problem?.fields).toEqual(['allowedCapabilities', 'allowedConsultantOrganizations']);
  });

  it('accepts registry-style values: DWORD 0/1, comma-separated strings, any key case', () => {
    const { policy } = resolve(found({ ServerURL: 'wss://a.example/ws', RequireVerifiedConsultants: 1, UpdatesEnabled: 0, UpdateUrl: 'https://u.example', AllowedCapabilities: 'control, files' }, 'registry:HKLM'));
    expect(policy.serverUrl).toBe('wss://a.example/ws');
    expect(policy.requireVerifiedConsultants).toBe(true);
    expect(policy.updates.enabled).toBe(false);
    expect(policy.capabilities).toMatchObject({ control: true, files: true, clipboard: false });
    expect(policy.problem).toBeNull();
  });

  it('rejects an unsupported registry type for its key', () => {
    const { policy } = resolve(found({ AllowedCapabilities: { unsupportedType: 'REG_BINARY' } }, 'registry:HKLM'));
    expect(policy.capabilities.control).toBe(false);
    expect(policy.problem?.fields).toEqual(['allowedCapabilities']);
  });

  it('the higher source wins per key; lower sources fill the gaps', () => {
    const { policy } = resolve(
      found({ serverUrl: 'wss://machine.example/ws', allowedCapabilities: ['control'] }, 'registry:HKLM'),
      found({ serverUrl: 'wss://user.example/ws', allowedCapabilities: ['control', 'files'], defaultLanguage: 'en' }, 'registry:HKCU'),
    );
    expect(policy.serverUrl).toBe('wss://machine.example/ws');
    expect(policy.capabilities.files).toBe(false);
    expect(policy.defaultLanguage).toBe('en');
    expect(policy.sources).toEqual(['registry:HKLM', 'registry:HKCU']);
  });

  it('reports unknown keys without failing, and rejects a key spelt twice in one source', () => {
    const { policy } = resolve(found({ allowedCapabilites: ['control'], serverUrl: 'wss://a.example/ws', ServerUrl: 'wss://b.example/ws' }));
    expect(policy.problem).toEqual({ code: 'invalid-values', fields: ['serverUrl'], unknownKeys: ['allowedCapabilites'] });
    expect(policy.serverUrl).toBe(DEFAULT_SERVER_URL);
    expect(policy.capabilities.control).toBe(true);
  });

  it('keeps a logo file path for the loader, refuses a relative one', () => {
    expect(resolve(found({ organizationLogo: '/usr/share/acme/logo.png' })).logoRef).toBe('/usr/share/acme/logo.png');
    expect(resolve(found({ organizationLogo: 'C:\\Acme\\logo.png' })).logoRef).toBe('C:\\Acme\\logo.png');
    const relative = resolve(found({ organizationLogo: 'logo.png' }));
    expect(relative.logoRef).toBeNull();
    expect(relative.policy.problem?.fields).toEqual(['organizationLogo']);
  });
});
