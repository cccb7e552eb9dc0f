import { describe, expect, it } from 'vitest';
import { REPAIR_IDS, repairActionSchema } from '../../../shared/diagnostics';
import { findRepair, listRepairs, repairDefinitions } from './catalogue';

const PLATFORMS = ['linux', 'win32', 'darwin'] as const;

describe('repair catalogue', () => {
  it.each(PLATFORMS)('%s: every action has French and English text and a valid descriptor', (platform) => {
    for (const action of listRepairs(platform)) {
      repairActionSchema.parse(action);
      for (const text of [action.title.fr, action.title.en, action.explanation.fr, action.explanation.en]) expect(text.length).toBeGreaterThan(5);
    }
  });

  it('offers the required actions on each platform', () => {
    const ids = (platform: NodeJS.Platform) => listRepairs(platform).map((a) => a.id);
    const common = ['dns.flush', 'network.renew-dhcp', 'printing.restart-spooler', 'printing.clear-queue', 'system.clear-temp', 'settings.open-network'];
    for (const platform of PLATFORMS) expect(ids(platform)).toEqual(expect.arrayContaining(common));
    expect(ids('win32')).toEqual([...REPAIR_IDS]);
  });

  it('refuses unknown ids, ids of other platforms, and non-strings', () => {
    for (const id of ['rm -rf /', 'dns.flush; reboot', '', 42, null, { id: 'dns.flush' }, '__proto__', 'constructor']) expect(findRepair('win32', id)).toBeUndefined();
    expect(findRepair('linux', 'network.reset-stack')).toBeUndefined();
    expect(findRepair('freebsd', 'dns.flush')).toBeUndefined();
  });

  it('marks elevated commands as needing admin, and only those', () => {
    for (const platform of PLATFORMS) {
      for (const d of repairDefinitions(platform)) {
        const steps = d.plan.kind === 'commands' ? d.plan.steps : d.plan.kind === 'launch' ? [d.plan.command] : [];
        const elevated = steps.some((s) => s.file === 'pkexec' || s.file === 'osascript' || s.args.some((a) => a.includes('-Verb RunAs')));
        expect({ id: d.id, platform, elevated }).toEqual({ id: d.id, platform, elevated: d.needsAdmin });
      }
    }
  });

  it('shows the exact command to the user', () => {
    expect(listRepairs('linux').find((a) => a.id === 'dns.flush')?.commandPreview).toBe('pkexec /usr/bin/resolvectl flush-caches');
  });
});
