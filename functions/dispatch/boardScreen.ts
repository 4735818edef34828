import { app, type HttpRequest, type HttpResponseInit, type InvocationContext } from '@azure/functions';
import * as df from 'durable-functions';
import { cosmosBookingStore } from '../../shared/adapters/cosmos/bookingStore';
import { technicianRegions } from '../../shared/adapters/cosmos/dayBookings';
import { appClock } from '../../shared/clock';
import { localDateOf } from '../../shared/dispatch/localClock';
import { regionDayInput } from '../../shared/dispatch/regionDayInput';
import { grants } from '../../shared/identity/access';
import { validate } from '../../shared/validation';
import { boardPage, type BoardData } from '../../web/console/dispatch/boardPage';
import { bookingRules } from '../booking';
import { cosmos } from '../platform';
import { staffScreen } from '../staff/staffGate';
import { staffHtml } from '../staff/staffResponses';
import type { Versioned } from '../../shared/common/versioned';
import type { StoredPlan } from '../../shared/dispatch/storedPlan';
import { boardTag } from './boardTag';
import { planStore } from './dependencies';
import { mapTilesFrom, withTileHost } from './mapTiles';
import { statusOf } from './planning';
import { BoardQuery } from './schemas';

type BoardExtras = Pick<BoardData, 'run' | 'notice' | 'refusal' | 'errors'>;

/**
 * What the board draws for a region-day: the stored plan (one point read, unless the caller has
 * just read it), the region's technicians as the planner sees them on that day, the regions to
 * choose from, and the version its live panels poll with.
 */
export async function loadBoard(
  region: string | undefined,
  day: string | undefined,
  extras: BoardExtras = {},
  read?: Versioned<StoredPlan> | undefined,
) {
  const { timeZone } = bookingRules();
  const regions = await technicianRegions(cosmos());
  const chosen = region ?? regions[0] ?? '';
  const date = day ?? localDateOf(appClock().now(), timeZone);
  const [technicians, stored] = await Promise.all([
    chosen === '' ? Promise.resolve([]) : cosmosBookingStore(cosmos()).techniciansIn(chosen),
    chosen === '' || read !== undefined ? Promise.resolve(read) : planStore().get(chosen, date),
  ]);
  const input = regionDayInput(chosen, date, timeZone, technicians, stored?.value.visits ?? []);
  const data: BoardData = {
    region: chosen,
    day: date,
    regions: regions.includes(chosen) || chosen === '' ? regions : [...regions, chosen],
    technicians: input.technicians,
    names: Object.fromEntries(technicians.map((t) => [t.id, t.displayName])),
    plan: stored?.value,
    liveTag: boardTag(chosen, date, stored?.etag, extras.run),
    tiles: mapTilesFrom(),
    ...extras,
  };
  return data;
}

/** `GET /api/console/dispatch[?region=&day=&run=]`: the board; a bad query is shown back with why. */
async function boardScreen(request: HttpRequest, context: InvocationContext): Promise<HttpResponseInit> {
  const viewer = staffScreen(request, grants.dispatchPlanning);
  if (!viewer.ok) return viewer.error;
  const { identity, csrfToken, cookies } = viewer.value;
  const query = validate(BoardQuery, Object.fromEntries(request.query.entries()));
  if (!query.ok) {
    const data = await loadBoard(undefined, undefined, {
      errors: query.error.map((issue) => `${issue.path}: ${issue.message}`),
    });
    return withTileHost(staffHtml(boardPage({ identity, csrfToken }, data), 400, cookies), data.tiles);
  }
  const { region, day, run, done } = query.value;
  const status = run === undefined ? undefined : await statusOf(df.getClient(context), run);
  const data = await loadBoard(region, day, {
    notice: done,
    run: run === undefined ? undefined : { instanceId: run, status: status?.runtimeStatus },
  });
  return withTileHost(staffHtml(boardPage({ identity, csrfToken }, data), 200, cookies), data.tiles);
}

app.http('consoleDispatch', {
  route: 'console/dispatch',
  methods: ['GET'],
  authLevel: 'anonymous',
  extraInputs: [df.input.durableClient()],
  handler: boardScreen,
});
