import { app, type Cookie, type HttpRequest, type HttpResponseInit } from '@azure/functions';
import { grants } from '../../shared/identity/access';
import { journeysPath, queryOf } from '../../web/console/journeysPage';
import { cookieValue } from '../staff/csrf';
import { staffAction } from '../staff/staffGate';
import { ConsoleSearchForm, SearchTerm } from './schemas';

/**
 * The journeys list's search term lives in this cookie, never in a URL: HttpOnly, SameSite=Strict,
 * only sent to the journeys routes, gone when the browser session ends. App Service's HTTP logs
 * and Application Insights' request telemetry record URLs, not cookies.
 */
export const searchCookieName = 'fieldline-journey-search';
const searchCookiePath = journeysPath;
const maxFormBytes = 2 * 1024;

/** The term the search form left in this browser's session, if the list asks for it. */
export function searchTermOf(request: HttpRequest): string | undefined {
  const raw = cookieValue(request, searchCookieName);
  if (raw === undefined || raw === '') return undefined;
  try {
    const term = SearchTerm.safeParse(decodeURIComponent(raw));
    return term.success && term.data !== '' ? term.data : undefined;
  } catch {
    return undefined;
  }
}

const searchCookie = (request: HttpRequest, term: string | undefined): Cookie => ({
  name: searchCookieName,
  value: term === undefined ? '' : encodeURIComponent(term),
  path: searchCookiePath,
  httpOnly: true,
  sameSite: 'Strict',
  secure: new URL(request.url).protocol === 'https:',
  ...(term === undefined ? { maxAge: 0 } : {}),
});

/**
 * `POST /api/console/journeys/search`: the search box and the filters, posted with the page's CSRF
 * token; 303 to the list with the filters and `search=1` in its address and the term in the
 * session cookie (an empty box clears it).
 */
async function journeysSearch(request: HttpRequest): Promise<HttpResponseInit> {
  const checked = await staffAction(request, grants.journeyView, ConsoleSearchForm, {
    kind: 'form',
    maxBytes: maxFormBytes,
  });
  if (!checked.ok) return checked.error;
  const { q, ...filters } = checked.value.body;
  return {
    status: 303,
    headers: { location: `${journeysPath}${queryOf({ ...filters, q })}`, 'cache-control': 'no-store' },
    cookies: [searchCookie(request, q)],
  };
}

app.http('consoleJourneysSearch', {
  route: 'console/journeys/search',
  methods: ['POST'],
  authLevel: 'anonymous',
  handler: journeysSearch,
});
