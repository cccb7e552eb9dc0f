import { describe, expect, it } from 'vitest';
import { ORGANISATIONS_LIST_MAX } from '../../shared/accounts';
import { MAX_MESSAGE_BYTES, serverMessageSchema } from '../../shared/signaling';
import type { AccountStore } from './account-store';
import { organisationChoices } from './organisation-list';

describe('organisationChoices', () => {
  it('lists at most ORGANISATIONS_LIST_MAX, says how many there are, and always fits in one message', async () => {
    // The longest names the schema allows, in three-byte characters.
    const all = Array.from({ length: 250 }, (_, i) => ({ id: i + 1, slug: `org-${String(i).padStart(35, '0')}`, name: '€'.repeat(99) + String(i % 10) }));
    const accounts = { listOrganisations: () => Promise.resolve(all) } as Pick<AccountStore, 'listOrganisations'> as AccountStore;
    const listed = await organisationChoices(accounts);
    expect(listed.total).toBe(250);
    expect(listed.organisations).toHaveLength(ORGANISATIONS_LIST_MAX);
    expect(listed.organisations[0]).toEqual({ slug: all[0]?.slug, name: all[0]?.name });
    const message = { type: 'organisations', ...listed, ref: 2 ** 31 - 1 };
    expect(serverMessageSchema.safeParse(message).success).toBe(true);
    expect(Buffer.byteLength(JSON.stringify(message))).toBeLessThan(MAX_MESSAGE_BYTES);
  });
});
