import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentBookingId } from '../../shared/booking/currentBooking';
import type { InflightWorld } from '../inflight/support/inflightWorld';
import { eventually } from '../support/outboundQueue';
import { signedInAs } from '../support/runtime';
import { boardDay, startBoardWorld } from './support/boardWorld';

const region = 'BE-BRD';
const day = boardDay;

interface Plan {
  visits: { id: string; workOrderId: string; pin?: { technicianId: string; status: string } }[];
  plan: { routes: { technicianId: string; stops: { visitId: string; pinned: boolean }[] }[] };
}

/*
 * The dispatch board over HTTP on the whole app in virtual time: two customers book Wednesday, a
 * dispatcher opens the board, moves one visit to the other skilled technician (checked and saved,
 * the booking following), is refused a move to a technician without the skill, and re-plans the day
 * with the move kept. A technician gets the 403 page.
 */
describe('console: the dispatch board', () => {
  let world: InflightWorld;
  let technicianIds: string[] = [];
  let booked: string[] = [];
  const dispatcher = signedInAs({ userId: 'dispatcher-1', roles: ['dispatcher'] });

  const page = (path: string, headers: Readonly<Record<string, string>> = dispatcher) =>
    world.rt.fetch(path, { redirect: 'manual', headers });
  const post = (path: string, form: Record<string, string>, headers = dispatcher) =>
    world.rt.fetch(path, {
      method: 'POST',
      redirect: 'manual',
      headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ csrf: headers['x-csrf-token'] ?? '', ...form }),
    });
  const storedPlan = async (): Promise<Plan> =>
    (await (await page(`/api/dispatch/plans/${region}/${day}`)).json()) as Plan;
  const routeOf = (plan: Plan, visitId: string) =>
    plan.plan.routes.find((route) => route.stops.some((stop) => stop.visitId === visitId));

  beforeAll(async () => {
    ({ world, technicianIds, booked } = await startBoardWorld(region));
  }, 120_000);
  afterAll(async () => {
    await world?.stop();
  });

  it('draws the day: a row per technician, each visit a block link with its work order and window, and the map', async () => {
    const response = await page(`/api/console/dispatch?region=${region}&day=${day}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toContain("style-src 'self'");
    const body = await response.text();
    for (const workOrderId of booked) {
      expect(body).toMatch(
        new RegExp(`<a href="#visit-[^"]+" aria-label="${workOrderId}, window 12:00–16:00`),
      );
      expect(body).toContain(`/api/console/journeys/${workOrderId}`);
    }
    expect(body).toContain('Map of the day’s visits and routes');
    expect(body).toContain('data-confirm="Re-plan');
    expect(body).toMatch(/<svg\s+class="board-timeline"/);
  });

  it('moves a visit to the other skilled technician, pinned there, and the booking follows', async () => {
    const before = await storedPlan();
    const visit = before.visits.find((v) => v.workOrderId === booked[0])!;
    const from = routeOf(before, visit.id)!.technicianId;
    const to = technicianIds.find((id) => id !== from)!;
    const moved = await post('/api/console/dispatch/move', {
      region,
      day,
      visitId: visit.id,
      technicianId: to,
    });
    expect(moved.status).toBe(303);
    expect(moved.headers.get('location')).toBe(
      `/api/console/dispatch?region=${region}&day=${day}&done=moved`,
    );
    const after = await storedPlan();
    expect(routeOf(after, visit.id)?.technicianId).toBe(to);
    expect(routeOf(after, visit.id)?.stops.find((s) => s.visitId === visit.id)?.pinned).toBe(true);
    expect(after.visits.find((v) => v.id === visit.id)?.pin).toMatchObject({
      technicianId: to,
      status: 'dispatched',
    });
    const bookingId = currentBookingId(visit.workOrderId);
    const booking = await world.rt.cosmos!.container('workOrders').item(bookingId, bookingId).read();
    expect(booking.resource).toMatchObject({ status: 'booked', appointmentId: visit.id, technicianId: to });
    const shown = await (await page(moved.headers.get('location')!)).text();
    expect(shown).toContain('The visit was moved and pinned');
  });

  it('refuses a move the optimiser cannot fit, says why, and changes nothing', async () => {
    const before = await storedPlan();
    const visit = before.visits.find((v) => v.workOrderId === booked[1])!;
    const refused = await post('/api/console/dispatch/move', {
      region,
      day,
      visitId: visit.id,
      technicianId: 'T-BE-BRD-GAS',
    });
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain('The move was refused: the visit does not fit');
    expect(await storedPlan()).toEqual(before);
  });

  it('re-plans the day, shows the run finishing, and keeps the moved visit with its new technician', async () => {
    const before = await storedPlan();
    const movedVisit = before.visits.find((v) => v.workOrderId === booked[0])!;
    const started = await post('/api/console/dispatch/replan', { region, day });
    expect(started.status).toBe(303);
    const location = started.headers.get('location')!;
    expect(decodeURIComponent(location)).toMatch(/run=dispatch-onDemand-BE-BRD~2026-11-25~/);
    await eventually(async () => {
      const body = await (await page(location)).text();
      return body.includes('finished: the board shows the new plan') ? true : undefined;
    }, 90_000);
    const after = (await storedPlan()) as Plan & { optimisedAt?: string };
    expect(after.optimisedAt).toBeDefined();
    expect(routeOf(after, movedVisit.id)?.technicianId).toBe(movedVisit.pin?.technicianId);
  }, 120_000);

  it('gives a technician the 403 page, for the board and its actions', async () => {
    const technician = signedInAs({ userId: 'T-BE-BRD-A', roles: ['technician'] });
    const refused = await page(`/api/console/dispatch?region=${region}&day=${day}`, technician);
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain('You do not have access to this page');
    const before = await storedPlan();
    const posted = await post('/api/console/dispatch/replan', { region, day }, technician);
    expect(posted.status).toBe(403);
    expect(await storedPlan()).toEqual(before);
  });
});
