import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { app, type Cookie, type HttpRequest, type HttpResponseInit } from '@azure/functions';
import { grants } from '../../shared/identity/access';
import { journeysPath, queryOf } from '../../web/console/journeysPage';
import { cookieValue } from '../staff/csrf';
import { staffAction } from '../staff/staffGate';
import { ConsoleSearchForm, SearchId, SearchTerm } from './schemas';

/**
 * The journeys list's search terms live in this cookie, never in a URL: HttpOnly, SameSite=Strict,
 * only sent to the journeys routes, gone when the browser session ends. App Service's HTTP logs
 * and Application Insights' request telemetry record URLs, not cookies. It holds the session's
 * last few searches, each under a random id the list's address carries (`search=<id>`), so a
 * second tab's search does not change what the first one lists, pages through or polls.
 */
export const searchCookieName = 'fieldline-journey-search';
const searchCookiePath = journeysPath;
const maxFormBytes = 2 * 1024;
/** Searches a session keeps: a few tabs' worth, well inside a browser's 4 KB a cookie. */
const keptSearches = 8;

const SessionSearches = z.array(z.tuple([SearchId, SearchTerm])).max(keptSearches);
type SessionSearches = z.infer<typeof SessionSearches>;

function sessionSearches(request: HttpRequest): SessionSearches {
  const raw = cookieValue(request, searchCookieName);
  if (raw === undefined || raw === '') return [];
  try {
    const parsed = SessionSearches.safeParse(JSON.parse(decodeURIComponent(raw)));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}

/** The term search `id` left in this browser's session, if it is still there. */
export function searchTermOf(request: HttpRequest, id: string): string | undefined {
  const term = sessionSearches(request).find(([kept]) => kept === id)?.[1];
  return term === undefined || term === '' ? undefined : term;
}

const searchCookie = (request: HttpRequest, searches: SessionSearches): Cookie => ({
  name: searchCookieName,
  value: encodeURIComponent(JSON.stringify(searches)),
  path: searchCookiePath,
  httpOnly: true,
  sameSite: 'Strict',
  secure: new URL(request.url).protocol === 'https:',
});

/**
 * `POST /api/console/journeys/search`: the search box and the filters, posted with the page's CSRF
 * token; 303 to the list with the filters and `search=<id>` in its address and the term in the
 * session cookie under that id (an empty box lists without a search).
 */
async function journeysSearch(request: HttpRequest): Promise<HttpResponseInit> {
  const checked = await staffAction(request, grants.journeyView, ConsoleSearchForm, {
    kind: 'form',
    maxBytes: maxFormBytes,
  });
  if (!checked.ok) return checked.error;
  const { q, ...filters } = checked.value.body;
  const location = (query: string) => ({ location: `${journeysPath}${query}`, 'cache-control': 'no-store' });
  if (q === undefined) return { status: 303, headers: location(queryOf(filters)) };
  // The same words searched again keep their id, so a tab already listing them goes on doing so.
  const searches = sessionSearches(request);
  const search = searches.find(([, term]) => term === q)?.[0] ?? randomBytes(9).toString('base64url');
  const others = searches.filter(([id]) => id !== search);
  const kept: SessionSearches = [[search, q] as [string, string], ...others].slice(0, keptSearches);
  return {
    status: 303,
    headers: location(queryOf({ ...filters, q, search })),
    cookies: [searchCookie(request, kept)],
  };
}

app.http('consoleJourneysSearch', {
  route: 'console/journeys/search',
  methods: ['POST'],
  authLevel: 'anonymous',
  handler: journeysSearch,
});
