import type { IncomingMessage, ServerResponse } from 'node:http';
import { AUDIT_EXPORT_MAX, AUDIT_QUERY_MAX, auditQuerySchema } from '../../shared/audit';
import { opaqueTokenSchema } from '../../shared/names';
import type { AccountStore } from '../accounts/account-store';
import type { AuthService } from '../accounts/auth-service';
import { auditAccess } from '../audit/audit-access';
import type { AuditLog } from '../audit/audit-log';
import { organisationChoices } from '../accounts/organisation-list';
import { auditCsv } from '../../shared/audit-csv';

/**
 * GET /api/organisations, /api/audit and /api/audit.csv. Credentials are a bearer token in the
 * Authorization header only (never a cookie, never the URL): a cross-site page cannot make the
 * browser attach it, so there is no CSRF surface, and tokens stay out of access logs.
 */
export interface ApiDeps {
  accounts: AccountStore;
  audit: AuditLog;
  auth: AuthService;
}

export function createApiHandler(deps: ApiDeps): (request: IncomingMessage, response: ServerResponse, pathname: string) => Promise<boolean> {
  return async (request, response, pathname) => {
    if (pathname === '/api/organisations') {
      sendJson(response, 200, await organisationChoices(deps.accounts));
      return true;
    }
    if (pathname !== '/api/audit' && pathname !== '/api/audit.csv') return false;
    const header = request.headers.authorization ?? '';
    const token = opaqueTokenSchema.safeParse(/^Bearer (\S+)$/.exec(header)?.[1]);
    const access = auditAccess(token.success ? await deps.auth.authenticate(token.data) : undefined);
    if (!access.ok) {
      if (access.error === 'unauthorized') response.setHeader('WWW-Authenticate', 'Bearer');
      sendJson(response, access.error === 'unauthorized' ? 401 : 403, { error: access.error });
      return true;
    }
    const search = new URLSearchParams((request.url ?? '').split('?')[1]?.split('#')[0] ?? '');
    const query = auditQuerySchema.safeParse(Object.fromEntries(search));
    if (!query.success) {
      sendJson(response, 400, { error: 'invalid-query', detail: query.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ').slice(0, 300) });
      return true;
    }
    const csv = pathname === '/api/audit.csv';
    const entries = await deps.audit.query(access.orgId, query.data, csv ? AUDIT_EXPORT_MAX : AUDIT_QUERY_MAX);
    if (!csv) {
      sendJson(response, 200, { entries });
      return true;
    }
    const body = auditCsv(entries);
    response.writeHead(200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': 'attachment; filename="tandem-audit.csv"',
      'Cache-Control': 'no-store',
      'Content-Length': Buffer.byteLength(body),
    });
    response.end(request.method === 'HEAD' ? undefined : body);
    return true;
  };
}

function sendJson(response: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value);
  response.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', 'Content-Length': Buffer.byteLength(body) });
  response.end(body);
}
