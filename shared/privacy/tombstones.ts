/**
 * Pure rewrites of stored documents for an erasure. They work on the stored JSON rather than the
 * schemas' types so that an erasure of an old document, written before a field was added or
 * renamed, still removes what it holds. Each is idempotent: erasing an erased document gives the
 * same document, so a retried or replayed activity writes nothing new.
 */

type Json = Readonly<Record<string, unknown>>;

/** The text that stands where personal text was; short enough for every `min(1)` field it replaces. */
export const erasedText = '[erased]';

const withoutKeys = (document: Json, keys: readonly string[]): Record<string, unknown> =>
  Object.fromEntries(Object.entries(document).filter(([key]) => !keys.includes(key)));

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The site stays in its planning region and roughly where it was (two decimals, about a
 * kilometre), so dispatch statistics and the utility's reports still add up; the address goes.
 */
const coarse = (value: unknown): unknown =>
  typeof value === 'number' ? Math.round(value * 100) / 100 : value;

export function erasedCustomer(customer: Json, erasedAt: string): Json {
  if (customer['erasedAt'] !== undefined) return customer;
  return {
    ...withoutKeys(customer, ['phone', 'email', 'preferredChannel']),
    name: erasedText,
    smsOptedOut: true,
    erasedAt,
    updatedAt: erasedAt,
  };
}

export function erasedWorkOrder(workOrder: Json, erasedAt: string): Json {
  if (workOrder['erasedAt'] !== undefined) return workOrder;
  const site = isObject(workOrder['site']) ? workOrder['site'] : {};
  return {
    ...withoutKeys(workOrder, ['notes']),
    site: {
      ...withoutKeys(site, ['accessNotes']),
      street: erasedText,
      postcode: erasedText,
      city: erasedText,
      latitude: coarse(site['latitude']),
      longitude: coarse(site['longitude']),
    },
    erasedAt,
  };
}

export function erasedCase(record: Json, erasedAt: string): Json {
  if (record['erasedAt'] !== undefined) return record;
  const notes = Array.isArray(record['notes']) ? record['notes'] : [];
  return {
    ...withoutKeys(record, ['description']),
    title: erasedText,
    notes: notes.map((note: unknown) => (isObject(note) ? { ...note, text: erasedText } : note)),
    erasedAt,
  };
}

/** Visit reports keep what the utility was sent (checklist, measurements, outcome); notes go. */
export function erasedVisitReport(report: Json, erasedAt: string): Json {
  if (report['erasedAt'] !== undefined) return report;
  return { ...withoutKeys(report, ['notes', 'signature']), erasedAt };
}

/** Timeline documents that are nothing but the customer's own words are removed outright. */
export const customerTextDocTypes: readonly string[] = ['customerDetails', 'surveyComment', 'smsText'];

export type TimelineErasure =
  | { readonly kind: 'delete' }
  | { readonly kind: 'replace'; readonly document: Json }
  | { readonly kind: 'keep' };

export function timelineErasure(document: Json, erasedAt: string): TimelineErasure {
  const docType = document['docType'];
  if (typeof docType === 'string' && customerTextDocTypes.includes(docType)) return { kind: 'delete' };
  if (docType === 'visitReport') {
    const erased = erasedVisitReport(document, erasedAt);
    return erased === document ? { kind: 'keep' } : { kind: 'replace', document: erased };
  }
  return { kind: 'keep' };
}

/**
 * The journeys list keeps finding the work order by the utility's reference (a contract fact);
 * the keyed digests of the phone and email go, or a search for her number would still lead to it.
 */
export function erasedJourneyProjection(projection: Json, erasedAt: string): Json {
  if (projection['erasedAt'] !== undefined) return projection;
  const keys = Array.isArray(projection['searchKeys']) ? projection['searchKeys'] : [];
  return {
    ...projection,
    searchKeys: keys.filter((key: unknown) => typeof key === 'string' && !key.startsWith('CI-')),
    erasedAt,
  };
}

/**
 * A day's plan keeps the work order's visit (the routes, travel and the day's statistics stay
 * true) at the same coarse position as the tombstoned site: the exact point of a home is personal
 * data and the plan would otherwise keep it until its 90-day TTL.
 */
export function erasedPlanVisits(plan: Json, workOrderId: string): Json {
  const visits = Array.isArray(plan['visits']) ? plan['visits'] : [];
  let changed = false;
  const rewritten = visits.map((visit: unknown) => {
    if (!isObject(visit) || visit['workOrderId'] !== workOrderId || !isObject(visit['location']))
      return visit;
    const location = visit['location'];
    const coarsened = {
      ...location,
      latitude: coarse(location['latitude']),
      longitude: coarse(location['longitude']),
    };
    if (coarsened.latitude === location['latitude'] && coarsened.longitude === location['longitude'])
      return visit;
    changed = true;
    return { ...visit, location: coarsened };
  });
  return changed ? { ...plan, visits: rewritten } : plan;
}

/** A contact-index entry without the erased people; undefined when nobody is left in it. */
export function contactIndexWithout(index: Json, customerIds: readonly string[]): Json | undefined {
  const remaining = (Array.isArray(index['customerIds']) ? index['customerIds'] : []).filter(
    (id: unknown) => typeof id === 'string' && !customerIds.includes(id),
  );
  return remaining.length === 0 ? undefined : { ...index, customerIds: remaining };
}
