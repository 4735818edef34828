import { app, type HttpRequest, type HttpResponseInit, type InvocationContext } from '@azure/functions';
import * as df from 'durable-functions';
import type { z } from 'zod';
import { cosmosBookingStore } from '../../shared/adapters/cosmos/bookingStore';
import { appClock } from '../../shared/clock';
import { moveVisit, pinVisit, type BoardMoved, type BoardRefusal } from '../../shared/dispatch/boardChanges';
import { dayLocations } from '../../shared/dispatch/planDay';
import { changePlan } from '../../shared/dispatch/planStore';
import { regionDayInput } from '../../shared/dispatch/regionDayInput';
import { grants } from '../../shared/identity/access';
import type { Identity } from '../../shared/identity/principal';
import { err, ok, type Result } from '../../shared/result';
import { boardPage, boardUrl } from '../../web/console/dispatch/boardPage';
import { logLine } from '../http';
import { cosmos } from '../platform';
import { csrfTokenFor } from '../staff/csrf';
import { staffAction } from '../staff/staffGate';
import { staffHtml, staffSeeOther } from '../staff/staffResponses';
import { planStore, travelLegs } from './dependencies';
import { loadBoard } from './boardScreen';
import { dispatchDependencies, startPlanRun } from './planning';
import { BoardDayForm, BoardMoveForm, BoardVisitForm } from './schemas';

/** A board form is a handful of short fields; anything bigger is not from the board. */
const maxFormBytes = 4 * 1024;
/** A person is waiting on the board for this run: the small budget the API also defaults to. */
const boardBudgetSeconds = 20;

const form = <S extends z.ZodType>(request: HttpRequest, schema: S) =>
  staffAction(request, grants.dispatchPlanning, schema, { kind: 'form', maxBytes: maxFormBytes });

/** The board again with why nothing changed: 409, the stored plan untouched. */
async function refused(
  request: HttpRequest,
  identity: Identity,
  region: string,
  day: string,
  refusal: BoardRefusal,
): Promise<HttpResponseInit> {
  const data = await loadBoard(region, day, { refusal });
  return staffHtml(boardPage({ identity, csrfToken: csrfTokenFor(request).token }, data), 409);
}

/**
 * `POST /api/console/dispatch/move`: the optimiser's insertion, restricted to the chosen technician,
 * decides on the current plan; only a fit is written (If-Match), and then the booking and work
 * order follow the visit to its new technician.
 */
async function move(request: HttpRequest, context: InvocationContext): Promise<HttpResponseInit> {
  const checked = await form(request, BoardMoveForm);
  if (!checked.ok) return checked.error;
  const { identity, body } = checked.value;
  const { region, day, visitId, technicianId } = body;
  const technicians = await cosmosBookingStore(cosmos()).techniciansIn(region);
  const outcome = await changePlan<Result<BoardMoved, BoardRefusal>>(
    planStore(),
    region,
    day,
    async (current) => {
      if (current === undefined) return { keep: true, result: err('unknownVisit') };
      const input = regionDayInput(region, day, current.timeZone, technicians, current.visits);
      const legs = await travelLegs()(day, dayLocations(input));
      const moved = moveVisit(current, input, visitId, technicianId, legs);
      return moved.ok
        ? { write: { ...moved.value.plan, updatedAt: appClock().now().toISOString() }, result: moved }
        : { keep: true, result: moved };
    },
  );
  if (!outcome.ok) return refused(request, identity, region, day, outcome.error);
  const { visit, from } = outcome.value;
  await dispatchDependencies().reassign(visit.workOrderId, visit.id, technicianId);
  context.log(
    logLine('visit moved on the dispatch board', {
      workOrderId: visit.workOrderId,
      ...(visit.correlationId === undefined ? {} : { correlationId: visit.correlationId }),
      from: from ?? 'unassigned',
      to: technicianId,
      userId: identity.userId,
    }),
  );
  return staffSeeOther(boardUrl(region, day, { done: 'moved' }));
}

/** `POST /api/console/dispatch/pin|unpin`: the board's pin, which re-planning keeps. */
function pinHandler(pinned: boolean) {
  return async (request: HttpRequest, context: InvocationContext): Promise<HttpResponseInit> => {
    const checked = await form(request, BoardVisitForm);
    if (!checked.ok) return checked.error;
    const { identity, body } = checked.value;
    const { region, day, visitId } = body;
    const outcome = await changePlan<Result<string, BoardRefusal>>(planStore(), region, day, (current) => {
      if (current === undefined) return { keep: true, result: err('unknownVisit') };
      const changed = pinVisit(current, visitId, pinned);
      return changed.ok
        ? {
            write: { ...changed.value, updatedAt: appClock().now().toISOString() },
            result: ok(changed.value.visits.find((v) => v.id === visitId)?.workOrderId ?? ''),
          }
        : { keep: true, result: changed };
    });
    if (!outcome.ok) return refused(request, identity, region, day, outcome.error);
    context.log(
      logLine(pinned ? 'visit pinned on the dispatch board' : 'visit unpinned on the dispatch board', {
        workOrderId: outcome.value,
        userId: identity.userId,
      }),
    );
    return staffSeeOther(boardUrl(region, day, { done: pinned ? 'pinned' : 'unpinned' }));
  };
}

/** `POST /api/console/dispatch/replan`: the on-demand run for this region-day; the board shows its status. */
async function replan(request: HttpRequest, context: InvocationContext): Promise<HttpResponseInit> {
  const checked = await form(request, BoardDayForm);
  if (!checked.ok) return checked.error;
  const { identity, body } = checked.value;
  const instanceId = await startPlanRun(
    df.getClient(context),
    { region: body.region, date: body.day, budgetSeconds: boardBudgetSeconds },
    identity.userId,
  );
  context.log(logLine('dispatch planning requested from the board', { instanceId, userId: identity.userId }));
  return staffSeeOther(boardUrl(body.region, body.day, { run: instanceId, done: 'replanning' }));
}

const route = (name: string, path: string, handler: typeof move) =>
  app.http(name, {
    route: `console/dispatch/${path}`,
    methods: ['POST'],
    authLevel: 'anonymous',
    extraInputs: [df.input.durableClient()],
    handler,
  });

route('consoleDispatchMove', 'move', move);
route('consoleDispatchPin', 'pin', pinHandler(true));
route('consoleDispatchUnpin', 'unpin', pinHandler(false));
route('consoleDispatchReplan', 'replan', replan);
