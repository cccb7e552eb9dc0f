import { ORGANISATIONS_LIST_MAX, type OrganisationChoice } from '../../shared/accounts';
import type { AccountStore } from './account-store';

/** The organisations users may send help requests to (public: names and short names only). */
export async function organisationChoices(accounts: AccountStore): Promise<{ organisations: OrganisationChoice[]; total: number }> {
  const all = await accounts.listOrganisations();
  return { organisations: all.slice(0, ORGANISATIONS_LIST_MAX).map(({ slug, name }) => ({ slug, name })), total: all.length };
}
