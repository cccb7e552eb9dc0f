import type { Authenticated } from '../accounts/auth-service';

/** Who may read an organisation's audit trail: its admins. One rule for the HTTP API and the socket. */
export type AuditAccess = { ok: true; orgId: number } | { ok: false; error: 'unauthorized' | 'forbidden' };

export function auditAccess(auth: Authenticated | undefined): AuditAccess {
  if (!auth) return { ok: false, error: 'unauthorized' };
  if (auth.consultant.role !== 'admin') return { ok: false, error: 'forbidden' };
  return { ok: true, orgId: auth.consultant.orgId };
}
