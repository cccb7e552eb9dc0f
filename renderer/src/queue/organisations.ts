import type { OrganisationChoice } from '../../../shared/accounts';
import { askOnce, type SignalingAccess } from '../session/signaling-client';

export type { OrganisationChoice };

/**
 * The organisations whose queues this server holds, asked over the signaling socket (the one
 * address the desktop app's CSP lets it reach), or null when they cannot be listed in full:
 * then the user types their organisation's short name.
 */
export async function listOrganisations(access: SignalingAccess): Promise<OrganisationChoice[] | null> {
  const answer = await askOnce(access, { type: 'organisations.list' }, 'organisations');
  if (!answer || answer.total > answer.organisations.length) return null;
  return answer.organisations;
}
