import { create } from 'zustand';
import { resolveBranding, type Branding } from '../../../shared/branding';
import { unmanagedPolicy, type ManagedPolicy } from '../../../shared/policy';
import { getHost } from '../host/host';

interface PolicyStore {
  policy: ManagedPolicy;
  branding: Branding;
  load: () => Promise<void>;
}

/** The managed policy and branding in force on this machine, read once from the host. */
export const usePolicyStore = create<PolicyStore>((set) => ({
  policy: unmanagedPolicy(),
  branding: resolveBranding(unmanagedPolicy().branding, {}),
  async load() {
    const { policy, branding } = await getHost().policy.get();
    set({ policy, branding });
    applyBranding(branding);
  },
}));

/** The organisation's colours replace Tandem's accent (text colour chosen for contrast by the host). */
function applyBranding(branding: Branding): void {
  const root = document.documentElement.style;
  root.setProperty('--accent', branding.primaryColor);
  root.setProperty('--accent-strong', branding.accentColor);
  root.setProperty('--on-accent', branding.onPrimaryColor);
}
