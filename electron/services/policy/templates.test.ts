/**
 * The policy templates IT departments deploy (build/policy-templates) must name exactly the
 * keys Tandem reads, or a setting would be silently ignored. The XML is parsed simply: the
 * attributes and elements these checks need, nothing more.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../../shared/log';
import { POLICY_KEYS, POLICY_KEY_NAMES } from '../../../shared/policy';
import { resolvePolicy } from './resolve';

const dir = path.resolve(import.meta.dirname, '../../../build/policy-templates');
const read = (file: string) => readFileSync(path.join(dir, file), 'utf8');
const admx = read('windows/tandem.admx');
const admls = { 'en-US': read('windows/en-US/tandem.adml'), 'fr-FR': read('windows/fr-FR/tandem.adml') };

const attr = (tag: string, name: string) => new RegExp(`\\b${name}="([^"]*)"`).exec(tag)?.[1];
const blocks = (xml: string, element: string) => [...xml.matchAll(new RegExp(`<${element}\\b[^>]*>[\\s\\S]*?</${element}>`, 'g'))].map((match) => match[0]);
const lower = (names: string[]) => names.map((name) => name.toLowerCase()).sort();

describe('ADMX template', () => {
  const policies = blocks(admx, 'policy');

  it('has one policy per policy key, each writing a value of the same name under Software\\Policies\\Tandem', () => {
    const valueNames = policies.map((block) => {
      const open = /<policy\b[^>]*>/.exec(block)?.[0] ?? '';
      expect(attr(open, 'key')).toBe('Software\\Policies\\Tandem');
      expect(attr(open, 'class')).toBe('Both');
      const names = [attr(open, 'valueName'), ...[...block.matchAll(/<(?:text|multiText|enum|boolean|decimal)\b[^>]*\bvalueName="([^"]*)"/g)].map((match) => match[1])].filter(
        (name): name is string => name !== undefined,
      );
      expect(names, open).toHaveLength(1);
      return names[0] ?? '';
    });
    expect(lower(valueNames)).toEqual(lower(POLICY_KEY_NAMES));
  });

  it('uses the element that produces the registry type the reader expects', () => {
    for (const block of policies) {
      const name = attr(/<policy\b[^>]*>/.exec(block)?.[0] ?? '', 'name') ?? '';
      const key = POLICY_KEY_NAMES.find((candidate) => candidate.toLowerCase() === name.toLowerCase());
      expect(key, name).toBeDefined();
      const kind = POLICY_KEYS[key ?? 'serverUrl'];
      if (kind === 'boolean') expect(block, name).toMatch(/<enabledValue>\s*<decimal value="1" \/>/);
      if (kind === 'list') expect(block, name).toMatch(/<multiText\b/);
      if (kind === 'string') expect(block, name).toMatch(/<(text|enum)\b/);
      // REG_DWORD, with the same bounds the reader enforces.
      if (kind === 'number') expect(block, name).toMatch(/<decimal id="[^"]+" valueName="[^"]+" required="true" minValue="\d+" maxValue="\d+" \/>/);
    }
  });

  for (const [language, adml] of Object.entries(admls)) {
    it(`${language}: every $(string.X) and $(presentation.X) the ADMX uses is defined`, () => {
      const strings = new Set([...adml.matchAll(/<string id="([^"]+)">/g)].map((match) => match[1]));
      const presentations = new Set([...adml.matchAll(/<presentation id="([^"]+)">/g)].map((match) => match[1]));
      for (const [, id] of admx.matchAll(/\$\(string\.([^)]+)\)/g)) expect(strings.has(id), `${language} string ${id}`).toBe(true);
      for (const [, id] of admx.matchAll(/\$\(presentation\.([^)]+)\)/g)) expect(presentations.has(id), `${language} presentation ${id}`).toBe(true);
      // Every element of a presentation refers to an element the ADMX declares.
      const elementIds = new Set([...admx.matchAll(/<(?:text|multiText|enum|decimal)\b[^>]*\bid="([^"]+)"/g)].map((match) => match[1]));
      for (const [, refId] of adml.matchAll(/refId="([^"]+)"/g)) expect(elementIds.has(refId), `${language} refId ${refId}`).toBe(true);
    });
  }

  it('numeric policies have the bounds the reader enforces', () => {
    const bounds = (name: string) => {
      const element = new RegExp(`<decimal id="${name}"[^>]*>`).exec(admx)?.[0] ?? '';
      return [Number(attr(element, 'minValue')), Number(attr(element, 'maxValue'))];
    };
    expect(bounds('ReconnectLimitSeconds')).toEqual([10, 600]);
    expect(bounds('ReconnectTicketMinutes')).toEqual([1, 60]);
    expect(bounds('RecordingRetentionDays')).toEqual([1, 3650]);
    for (const [name, [min, max]] of [['reconnectLimitSeconds', [10, 600]], ['reconnectTicketMinutes', [1, 60]], ['recordingRetentionDays', [1, 3650]]] as const) {
      for (const [value, ok] of [[min, true], [max, true], [min - 1, false], [max + 1, false]] as const) {
        const { policy } = resolvePolicy([{ status: 'found', source: 'registry:HKLM', values: { [name]: value } }], silentLogger);
        expect(policy.problem === null, `${name}=${value}`).toBe(ok);
      }
    }
  });

  it('en-US and fr-FR define the same strings', () => {
    const ids = (adml: string) => [...adml.matchAll(/<(?:string|presentation) id="([^"]+)">/g)].map((match) => match[1]).sort();
    expect(ids(admls['fr-FR'])).toEqual(ids(admls['en-US']));
  });
});

describe('sample policies', () => {
  it('the Linux policy.json sets every key and validates without a problem', () => {
    const sample = JSON.parse(read('linux/policy.json')) as Record<string, unknown>;
    expect(Object.keys(sample).sort()).toEqual([...POLICY_KEY_NAMES].sort());
    const { policy } = resolvePolicy([{ status: 'found', source: 'sample', values: sample }], silentLogger);
    expect(policy.problem).toBeNull();
  });

  it('the macOS profile sets every key in the org.tandem.app payload, with valid values', () => {
    const profile = read('macos/org.tandem.app.mobileconfig');
    // The inner payload dict (the first dict inside PayloadContent's array); keys that are not profile bookkeeping.
    const payload = profile.slice(profile.indexOf('<dict>', profile.indexOf('<key>PayloadContent</key>')), profile.indexOf('</dict>'));
    expect(payload).toContain('<string>org.tandem.app</string>');
    const keys = [...payload.matchAll(/<key>([^<]+)<\/key>/g)].map((match) => match[1] ?? '').filter((key) => !key.startsWith('Payload'));
    expect(keys.sort()).toEqual([...POLICY_KEY_NAMES].sort());
    // Values: what plutil would turn into JSON, read the simple way (strings, booleans, string arrays).
    const values: Record<string, unknown> = {};
    for (const match of payload.matchAll(/<key>([^<]+)<\/key>\s*(<string>([^<]*)<\/string>|<(true|false)\/>|<array>([\s\S]*?)<\/array>|<integer>(\d+)<\/integer>)/g)) {
      const [, key = '', , text, bool, array, integer] = match;
      values[key] = text ?? (bool ? bool === 'true' : array !== undefined ? [...array.matchAll(/<string>([^<]*)<\/string>/g)].map((entry) => entry[1]) : Number(integer));
    }
    const { policy } = resolvePolicy([{ status: 'found', source: 'sample', values: Object.fromEntries(Object.entries(values).filter(([key]) => !key.startsWith('Payload'))) }], silentLogger);
    expect(policy.problem).toBeNull();
    expect(policy.serverUrl).toBe('wss://tandem.example.org/ws');
  });
});
