import { addLocalDays, instantAt } from '../../shared/common/zonedTime';
import { JourneyCountQuery, JourneyListQuery } from '../../shared/journey/projectionQuery';
import { err, ok, type Result } from '../../shared/result';
import { validate, type ValidationIssue } from '../../shared/validation';
import { consoleTimeZone } from '../../web/console/format';
import type { JourneysListForm } from './schemas';

export const consolePageSize = 25;

/** Midnight at the start of a Brussels day, as the instant the projection's times compare with. */
const startOfDay = (date: string): string => {
  const [year, month, day] = date.split('-').map(Number);
  return instantAt(
    { year: year ?? 0, month: month ?? 0, day: day ?? 0, hour: 0, minute: 0 },
    consoleTimeZone,
  ).toISOString();
};

/** What the one search box holds: a phone (+, digits), an email (@), our work-order id, else the utility's id. */
function searchOf(
  q: string | undefined,
): Partial<Pick<JourneyListQuery, 'phone' | 'email' | 'workOrderId' | 'externalId'>> {
  if (q === undefined) return {};
  if (q.includes('@')) return { email: q };
  if (/^\+?[\d\s().-]{6,}$/.test(q)) return { phone: q };
  if (/^WO-/.test(q)) return { workOrderId: q };
  return { externalId: q };
}

/**
 * The list API's own queries for the console's form: the page (with search and continuation)
 * and the counts (the same filters, stage aside). Days become instants, `to` taking its whole day.
 */
export function listQueriesOf(
  form: JourneysListForm,
): Result<
  { readonly list: JourneyListQuery; readonly counts: JourneyCountQuery },
  readonly ValidationIssue[]
> {
  const from = form.from === undefined ? undefined : startOfDay(form.from);
  const to =
    form.to === undefined
      ? undefined
      : addLocalDays(new Date(startOfDay(form.to)), 1, consoleTimeZone).toISOString();
  const filters = {
    ...(form.region === undefined ? {} : { region: form.region }),
    ...(form.utility === undefined ? {} : { utility: form.utility }),
    ...(from === undefined ? {} : { from }),
    ...(to === undefined ? {} : { to }),
  };
  const list = validate(JourneyListQuery, {
    ...filters,
    ...(form.stage === undefined ? {} : { stage: form.stage }),
    ...searchOf(form.q),
    limit: consolePageSize,
    ...(form.continuation === undefined ? {} : { continuation: form.continuation }),
  });
  if (!list.ok) return err(list.error);
  const counts = validate(JourneyCountQuery, filters);
  if (!counts.ok) return err(counts.error);
  return ok({ list: list.value, counts: counts.value });
}
