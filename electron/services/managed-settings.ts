import type { ManagedPolicy } from '../../shared/policy';
import { effectiveSettings, lockedKeysIn } from '../../shared/policy';
import { HostCallError } from './host-call-error';
import type { SettingsService } from './settings';

/**
 * Settings as the app sees them under a managed policy: the policy wins over what the user
 * saved, and a change to a locked setting is refused (the UI shows it as managed).
 */
export function createManagedSettings(settings: SettingsService, policy: ManagedPolicy): SettingsService {
  return {
    get: () => effectiveSettings(settings.get(), policy),
    update(patch) {
      const locked = lockedKeysIn(patch, policy);
      if (locked.length > 0) throw new HostCallError('locked-by-policy', `Managed by your organisation: ${locked.join(', ')}`);
      return effectiveSettings(settings.update(patch), policy);
    },
  };
}
