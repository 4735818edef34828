import { app, type HttpRequest, type HttpResponseInit, type InvocationContext } from '@azure/functions';
import * as df from 'durable-functions';
import { grants } from '../../shared/identity/access';
import { validate } from '../../shared/validation';
import { boardAnnouncement, boardPanels } from '../../web/console/dispatch/boardPanels';
import type { LiveFragments } from '../../web/console/livePanel';
import { errorResponse } from '../http';
import { staffScreen } from '../staff/staffGate';
import { staffSecurityHeaders } from '../staff/staffResponses';
import { loadBoard } from './boardScreen';
import { boardTag, noneMatch } from './boardTag';
import { planStore } from './dependencies';
import { statusOf } from './planning';
import { BoardLiveQuery } from './schemas';

/**
 * `GET /api/console/dispatch/live?region=&day=[&run=]`: the board's live panels again, for its
 * script to swap in. A poll costs one point read of the plan (and the run's status when the board
 * follows one); when that version is the one the browser holds the answer is a bodiless 304, and
 * only a changed day reads the technicians and draws the panels.
 */
async function boardLive(request: HttpRequest, context: InvocationContext): Promise<HttpResponseInit> {
  const viewer = staffScreen(request, grants.dispatchPlanning);
  if (!viewer.ok) return errorResponse(viewer.error.status === 403 ? 403 : 401, 'not allowed');
  const query = validate(BoardLiveQuery, Object.fromEntries(request.query.entries()));
  if (!query.ok) return errorResponse(400, query.error.map((i) => `${i.path}: ${i.message}`).join('; '));
  const { region, day, run } = query.value;
  const [stored, status] = await Promise.all([
    planStore().get(region, day),
    run === undefined ? Promise.resolve(undefined) : statusOf(df.getClient(context), run),
  ]);
  const following = run === undefined ? undefined : { instanceId: run, status: status?.runtimeStatus };
  const tag = boardTag(region, day, stored?.etag, following);
  const headers = { ...staffSecurityHeaders, etag: tag };
  if (noneMatch(request.headers.get('if-none-match'), tag)) return { status: 304, headers };
  const data = await loadBoard(region, day, { run: following }, stored);
  const panels = boardPanels(viewer.value, data);
  const body: LiveFragments = {
    panels: Object.fromEntries(Object.entries(panels).map(([part, markup]) => [part, markup.value])),
    announce: boardAnnouncement(data),
  };
  return { status: 200, jsonBody: body, headers };
}

app.http('consoleDispatchLive', {
  route: 'console/dispatch/live',
  methods: ['GET'],
  authLevel: 'anonymous',
  extraInputs: [df.input.durableClient()],
  handler: boardLive,
});
