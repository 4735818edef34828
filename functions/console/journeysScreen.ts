import { app, type HttpRequest, type HttpResponseInit, type InvocationContext } from '@azure/functions';
import { appClock } from '../../shared/clock';
import { grants } from '../../shared/identity/access';
import type { Identity } from '../../shared/identity/principal';
import { countJourneys, listJourneyPage } from '../../shared/journey/projectionQuery';
import { validate } from '../../shared/validation';
import {
  journeysCountsPanel,
  journeysPage,
  journeysRowsPanel,
  type JourneysPageData,
} from '../../web/console/journeysPage';
import type { LiveFragments } from '../../web/console/livePanel';
import { errorResponse, logLine } from '../http';
import { journeyProjections } from '../journey/dependencies';
import { staffScreen } from '../staff/staffGate';
import { staffHtml, staffSecurityHeaders } from '../staff/staffResponses';
import { listQueriesOf } from './journeyListQuery';
import { searchTermOf } from './journeySearch';
import { ConsoleJourneysQuery } from './schemas';

/**
 * The list as the form asks for it, from the journey projection through the list API's own
 * domain functions: one indexed query for the page, and with `counts` one count per stage beside
 * it. The page asks for counts only without scripts (`?counts=1`); with them, its live panel
 * fetches them from `/live` at once, so the list is not held up by six more queries.
 */
async function loadJourneys(request: HttpRequest, withCounts: boolean): Promise<JourneysPageData> {
  const now = appClock().now();
  const form = validate(ConsoleJourneysQuery, Object.fromEntries(request.query.entries()));
  if (!form.ok)
    return { filters: {}, journeys: [], errors: form.error.map((i) => `${i.path}: ${i.message}`), now };
  // The term the search form posted, from the session; a list that asks for it after the browser
  // session ended says so rather than silently listing every journey.
  const { continuation, search, counts: countsAsked, ...rest } = form.value;
  const q = search === undefined ? undefined : searchTermOf(request, search);
  if (search !== undefined && q === undefined)
    return { filters: rest, journeys: [], errors: ['search: the search has ended; search again'], now };
  const filters = { ...rest, q, search };
  const queries = listQueriesOf({ ...filters, continuation });
  if (!queries.ok)
    return { filters, journeys: [], errors: queries.error.map((i) => `${i.path}: ${i.message}`), now };
  const store = journeyProjections();
  const [page, counts] = await Promise.all([
    listJourneyPage(store, queries.value.list),
    withCounts || countsAsked !== undefined ? countJourneys(store, queries.value.counts) : undefined,
  ]);
  return {
    filters,
    continuation,
    counts,
    journeys: page.journeys,
    next: page.continuation,
    errors: [],
    now,
  };
}

/** A search names a person's phone or email: the log says a search ran and what kind, never the words. */
const logSearch = (context: InvocationContext, identity: Identity, data: JourneysPageData) =>
  context.log(
    logLine('console journeys listed', {
      userId: identity.userId,
      searched: data.filters.q !== undefined,
      rows: data.journeys.length,
      continued: data.continuation !== undefined,
    }),
  );

/** `GET /api/console/journeys`: filters, search and a page of journeys; counts per stage beside it. */
async function journeysScreen(request: HttpRequest, context: InvocationContext): Promise<HttpResponseInit> {
  const viewer = staffScreen(request, grants.journeyView);
  if (!viewer.ok) return viewer.error;
  const { identity, csrfToken, cookies } = viewer.value;
  const data = await loadJourneys(request, false);
  logSearch(context, identity, data);
  return staffHtml(
    journeysPage({ identity, csrfToken }, data),
    data.errors.length === 0 ? 200 : 400,
    cookies,
  );
}

/** `GET /api/console/journeys/live`: the counts and rows again, for the list's script to swap in. */
async function journeysLive(request: HttpRequest): Promise<HttpResponseInit> {
  const viewer = staffScreen(request, grants.journeyView);
  if (!viewer.ok) return errorResponse(viewer.error.status === 403 ? 403 : 401, 'not allowed');
  const data = await loadJourneys(request, true);
  if (data.errors.length > 0) return errorResponse(400, data.errors.join('; '));
  const body: LiveFragments = {
    panels: { counts: journeysCountsPanel(data).value, rows: journeysRowsPanel(data).value },
  };
  return { status: 200, jsonBody: body, headers: { ...staffSecurityHeaders } };
}

app.http('consoleJourneys', {
  route: 'console/journeys',
  methods: ['GET'],
  authLevel: 'anonymous',
  handler: journeysScreen,
});

app.http('consoleJourneysLive', {
  route: 'console/journeys/live',
  methods: ['GET'],
  authLevel: 'anonymous',
  handler: journeysLive,
});
