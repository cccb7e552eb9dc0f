import * as z from 'zod';
import { organisationNameSchema, organisationSlugSchema } from '../../../shared/names';

const organisationsSchema = z.object({
  organisations: z.array(z.object({ slug: organisationSlugSchema, name: organisationNameSchema })).max(1000),
});
export type OrganisationChoice = z.infer<typeof organisationsSchema>['organisations'][number];

/** The server's HTTP address for a path, from its WebSocket URL (ws://host/ws → http://host/api/…). */
export function apiUrl(serverUrl: string, path: string): string {
  const url = new URL(serverUrl);
  url.protocol = url.protocol === 'wss:' ? 'https:' : 'http:';
  url.pathname = url.pathname.replace(/\/ws$/, '') + path;
  url.search = '';
  url.hash = '';
  return url.toString();
}

/**
 * The organisations whose queues this server holds (GET /api/organisations), or null when
 * they cannot be listed: then the user types their organisation's short name. A desktop app
 * served from its own origin may not be allowed to read it (CORS / its CSP), hence the fallback.
 */
export async function fetchOrganisations(serverUrl: string, fetchImpl: typeof fetch = fetch): Promise<OrganisationChoice[] | null> {
  try {
    const response = await fetchImpl(apiUrl(serverUrl, '/api/organisations'), { headers: { Accept: 'application/json' } });
    if (!response.ok) return null;
    const parsed = organisationsSchema.safeParse(await response.json());
    return parsed.success ? parsed.data.organisations : null;
  } catch {
    return null;
  }
}
