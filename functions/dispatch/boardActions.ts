import { randomUUID } from 'node:crypto';
import { app, type HttpRequest, type HttpResponseInit, type InvocationContext } from '@azure/functions';
import * as df from 'durable-functions';
import type { z } from 'zod';
import { cosmosBookingStore } from '../../shared/adapters/cosmos/bookingStore';
import { appClock } from '../../shared/clock';
import { moveVisit, pinVisit, type BoardMoved, type BoardRefusal } from '../../shared/dispatch/boardChanges';
import {
  dayChanges,
  pinChange,
  type RouteChange,
  type RouteChangeTrigger,
} from '../../shared/dispatch/dayChanges';
import { routeChangeEvent } from '../../shared/dispatch/routeChangeEvent';
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
import { withTileHost } from './mapTiles';
import { dispatchDependencies, startPlanRun } from './planning';
import { BoardDayForm, BoardMoveForm, BoardVisitForm } from './schemas';

/** A board form is a handful of short fields; anything bigger is not from the board. */
const maxFormBytes = 4 * 1024;
/** A person is waiting on the board for this run: the small budget the API also defaults to. */
const boardBudgetSeconds = 20;

const form = <S extends z.ZodType>(request: HttpRequest, schema: S) =>
  staffAction(request, grants.dispatchPlanning, schema, { kind: 'form', maxBytes: maxFormBytes });

/**
 * Each route the board's change touched goes on the work order's timeline as the planning run's
 * changes do (`dispatch.*`, the reason, from and to), with the dispatcher as the actor. Named by
 * this one change, so the entries of two moves never share an id.
 */
async function noteChanges(
  changes: readonly RouteChange[],
  trigger: RouteChangeTrigger,
  identity: Identity,
  at: string,
): Promise<void> {
  const version = `board:${randomUUID()}`;
  const actor = { kind: 'ops' as const, id: identity.userId };
  for (const change of changes)
    await dispatchDependencies().recordEvent(routeChangeEvent(change, version, trigger, at, actor));
}

/** The board again with why nothing changed: 409, the stored plan untouched. */
async function refused(
  request: HttpRequest,
  identity: Identity,
  region: string,
  day: string,
  refusal: BoardRefusal,
): Promise<HttpResponseInit> {
  const data = await loadBoard(region, day, { refusal });
  return withTileHost(
    staffHtml(boardPage({ identity, csrfToken: csrfTokenFor(request).token }, data), 409),
    data.tiles,
  );
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
  const at = appClock().now().toISOString();
  const outcome = await changePlan<Result<BoardMoved & { changes: RouteChange[] }, BoardRefusal>>(
    planStore(),
    region,
    day,
    async (current) => {
      if (current === undefined) return { keep: true, result: err('unknownVisit') };
      const input = regionDayInput(region, day, current.timeZone, technicians, current.visits);
      const legs = await travelLegs()(day, dayLocations(input));
      const moved = moveVisit(current, input, visitId, technicianId, legs);
      if (!moved.ok) return { keep: true, result: moved };
      const { plan } = moved.value;
      const changes = dayChanges(current.plan, plan.plan, plan.visits);
      return { write: { ...plan, updatedAt: at }, result: ok({ ...moved.value, changes }) };
    },
  );
  if (!outcome.ok) return refused(request, identity, region, day, outcome.error);
  const { visit, from, changes } = outcome.value;
  await dispatchDependencies().reassign(visit.workOrderId, visit.id, technicianId);
  await noteChanges(changes, 'dispatcherMove', identity, at);
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
    const at = appClock().now().toISOString();
    const outcome = await changePlan<Result<RouteChange, BoardRefusal>>(
      planStore(),
      region,
      day,
      (current) => {
        if (current === undefined) return { keep: true, result: err('unknownVisit') };
        const changed = pinVisit(current, visitId, pinned);
        if (!changed.ok) return { keep: true, result: changed };
        const visit = changed.value.visits.find((v) => v.id === visitId);
        const change = visit === undefined ? undefined : pinChange(changed.value.plan, visit, pinned);
        if (change === undefined) return { keep: true, result: err('notRouted') };
        return { write: { ...changed.value, updatedAt: at }, result: ok(change) };
      },
    );
    if (!outcome.ok) return refused(request, identity, region, day, outcome.error);
    await noteChanges([outcome.value], pinned ? 'dispatcherPin' : 'dispatcherUnpin', identity, at);
    context.log(
      logLine(pinned ? 'visit pinned on the dispatch board' : 'visit unpinned on the dispatch board', {
        workOrderId: outcome.value.visit.workOrderId,
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
