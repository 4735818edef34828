import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentBookingId } from '../../shared/booking/currentBooking';
import type { InflightWorld } from '../inflight/support/inflightWorld';
import type { TimelineEvent } from '../../shared/timeline/timelineEvent';
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
  const live = (etag?: string) =>
    page(
      `/api/console/dispatch/live?region=${region}&day=${day}`,
      etag === undefined ? dispatcher : { ...dispatcher, 'if-none-match': etag },
    );
  const timelineOf = async (workOrderId: string): Promise<TimelineEvent[]> => {
    const { resources } = await world.rt
      .cosmos!.container('timeline')
      .items.query<TimelineEvent>({
        query: "SELECT * FROM c WHERE c.subjectId = @id AND STARTSWITH(c.type, 'dispatch.')",
        parameters: [{ name: '@id', value: workOrderId }],
      })
      .fetchAll();
    return resources;
  };
  let boardTagBeforeMove = '';

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
    // No Azure Maps account here: the plain SVG map, no tile script, nothing but 'self' to connect to.
    expect(body).not.toContain('data-tile=');
    expect(body).not.toContain('/api/console/dispatch/assets/map-tiles');
    expect(response.headers.get('content-security-policy')).toContain("connect-src 'self';");
    expect((await page('/api/console/dispatch/maps-token')).status).toBe(404);
  });

  it('records the place each booking took in the routes on its work order timeline, by the system', async () => {
    for (const workOrderId of booked) {
      const events = await timelineOf(workOrderId);
      const routed = events.find((event) => event.type === 'dispatch.routed');
      expect(routed?.actor).toEqual({ kind: 'system' });
      expect(routed?.data).toMatchObject({ trigger: 'booking', previousTechnicianId: null });
      expect(technicianIds).toContain(routed?.data?.technicianId);
      expect(routed?.summary).toMatch(
        /^Planned with T-BE-BRD-[AB], arrival \d\d:\d\d \(a booking on the same day\)$/,
      );
    }
  });

  it('draws the board with the version its live panels poll with, and answers 304 while the day is unchanged', async () => {
    const body = await (await page(`/api/console/dispatch?region=${region}&day=${day}`)).text();
    const tags = [...body.matchAll(/data-live-etag="([^"]+)"/g)].map((m) => m[1]!.replaceAll('&quot;', '"'));
    expect(tags.length).toBe(4);
    expect(new Set(tags).size).toBe(1);
    expect(body).toContain('data-live="/api/console/dispatch/live?region=BE-BRD&amp;day=2026-11-25"');
    expect(body).toMatch(/<p class="vh" role="status" data-live-announce><\/p>/);
    const unchanged = await live(tags[0]);
    expect(unchanged.status).toBe(304);
    expect(unchanged.headers.get('etag')).toBe(tags[0]);
    expect(await unchanged.text()).toBe('');
    const fresh = await live();
    expect(fresh.status).toBe(200);
    expect(fresh.headers.get('etag')).toBe(tags[0]);
    const fragments = (await fresh.json()) as { panels: Record<string, string>; announce: string };
    expect(Object.keys(fragments.panels).sort()).toEqual(['map', 'routes', 'summary', 'unassigned']);
    expect(fragments.announce).toBe('The board changed: 2 visits, 0 unassigned.');
    boardTagBeforeMove = tags[0]!;
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

    // An open board polling with the old version gets the new day, the visit in its new row.
    const polled = await live(boardTagBeforeMove);
    expect(polled.status).toBe(200);
    expect(polled.headers.get('etag')).not.toBe(boardTagBeforeMove);
    const { panels } = (await polled.json()) as { panels: Record<string, string> };
    const newRow = panels.routes!.split('<section').find((part) => part.includes(`id="route-${to}"`))!;
    expect(newRow).toContain(`/api/console/journeys/${visit.workOrderId}`);
    expect(newRow).toContain('(pinned)');

    // The move is on the work order's timeline with the dispatcher, the reason and from → to.
    const events = await timelineOf(visit.workOrderId);
    const reassigned = events.find((event) => event.type === 'dispatch.reassigned');
    expect(reassigned?.actor).toEqual({ kind: 'ops', id: 'dispatcher-1' });
    expect(reassigned?.data).toMatchObject({
      trigger: 'dispatcherMove',
      previousTechnicianId: from,
      technicianId: to,
    });
    expect(reassigned?.summary).toContain(`Moved from ${from} to ${to}, arrival`);
    expect(reassigned?.summary).toContain('(a dispatcher moving a visit)');
    const journey = await (await page(`/api/console/journeys/${visit.workOrderId}`)).text();
    expect(journey).toContain(`Moved from ${from} to ${to}`);
    expect(journey).toContain('by ops dispatcher-1');
  });

  it('puts a pin and its removal on the timeline with the dispatcher, the visit staying where it is', async () => {
    const before = await storedPlan();
    const visit = before.visits.find((v) => v.workOrderId === booked[1])!;
    const technicianId = routeOf(before, visit.id)!.technicianId;
    expect((await post('/api/console/dispatch/pin', { region, day, visitId: visit.id })).status).toBe(303);
    expect((await post('/api/console/dispatch/unpin', { region, day, visitId: visit.id })).status).toBe(303);
    const events = await timelineOf(visit.workOrderId);
    const pinned = events.find((event) => event.type === 'dispatch.pinned');
    const unpinned = events.find((event) => event.type === 'dispatch.unpinned');
    for (const event of [pinned, unpinned]) {
      expect(event?.actor).toEqual({ kind: 'ops', id: 'dispatcher-1' });
      expect(event?.data).toMatchObject({ technicianId });
    }
    expect(pinned?.data?.trigger).toBe('dispatcherPin');
    expect(pinned?.summary).toMatch(
      new RegExp(`^Pinned to ${technicianId} as stop \\d, arrival \\d\\d:\\d\\d`),
    );
    expect(unpinned?.data?.trigger).toBe('dispatcherUnpin');
    expect(routeOf(await storedPlan(), visit.id)?.technicianId).toBe(technicianId);
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

  it('a technician on the way pins the visit in the plan, and an open board sees it at its next poll', async () => {
    const before = await storedPlan();
    const tag = (await live()).headers.get('etag')!;
    const visit = before.visits.find((v) => v.workOrderId === booked[1])!;
    const technicianId = routeOf(before, visit.id)!.technicianId;
    const now = world.clock.now();
    const said = await world.technicianSays(technicianId, visit.workOrderId, {
      updateId: 'board-enroute-1',
      clientTimestamp: new Date(now).toISOString(),
      status: 'enRoute',
      eta: new Date(now + 30 * 60_000).toISOString(),
    });
    expect(said.body).toMatchObject({ outcome: 'applied', status: 'EnRoute' });
    const after = await storedPlan();
    expect(after.visits.find((v) => v.id === visit.id)?.pin).toMatchObject({
      technicianId,
      status: 'enRoute',
    });
    const polled = await live(tag);
    expect(polled.status).toBe(200);
    const { panels } = (await polled.json()) as { panels: Record<string, string> };
    const row = panels
      .routes!.split('<tr')
      .find((part) => part.includes(`/api/console/journeys/${visit.workOrderId}`))!;
    expect(row).toContain('En route');
    expect(row).not.toContain(`Pin ${visit.workOrderId}`);
  });

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
