import type { BlobContainerKey, ContainerKey } from '../resources';

/**
 * What happens to a person's data in one store when they ask to be forgotten or their data ages
 * out. `tombstone` keeps the document (the utility's contract needs the work order's existence,
 * ids, dates and outcome) with its personal fields replaced; `delete` removes it; `none` holds no
 * personal data at all, said explicitly so a new store cannot slip in without a decision.
 */
export type ErasureAction = 'tombstone' | 'delete' | 'deleteFiles' | 'none';

export interface StoreDecision {
  /** The personal data it holds, in words a data-protection officer reads. */
  readonly holds: string;
  /** How a person's items are found in it, without scanning. */
  readonly foundBy: string;
  readonly erasure: ErasureAction;
}

/**
 * Every place personal data lives, keyed by the resource manifest's own keys: adding a container
 * or blob container to `infra/resources.json` without a line here fails the type check and the
 * inventory test. Durable histories and the outbound queue are not in the manifest, so they are
 * listed in `unmanifestedStores`.
 */
export const personalDataMap: {
  readonly cosmos: Readonly<Record<ContainerKey, StoreDecision>>;
  readonly blobs: Readonly<Record<BlobContainerKey, StoreDecision>>;
} = {
  cosmos: {
    workOrders: {
      holds:
        'site address, coordinates and access notes; free-text notes; booking and SMS-offer documents beside it',
      foundBy: 'the customer document names its work order; follow-ups by followUpOf',
      erasure: 'tombstone',
    },
    customers: {
      holds:
        'name, phone, email, language, preferred channel; contact-index entries (keyed digests of phone/email)',
      foundBy: 'customer id, or a contact-index point read from a phone or email',
      erasure: 'tombstone',
    },
    timeline: {
      holds:
        'customer texts (details form, survey comment, SMS reply text) and visit reports with notes; events and notifications hold ids only',
      foundBy: 'partition = work-order id or case id',
      erasure: 'tombstone',
    },
    cases: {
      holds: 'title, description and notes an agent typed after a call',
      foundBy: 'the work order’s caseIds, and cases opened with only the customer id',
      erasure: 'tombstone',
    },
    technicians: { holds: 'staff, not customers', foundBy: 'not searched', erasure: 'none' },
    capacity: { holds: 'work-order ids in slot bookings', foundBy: 'not searched', erasure: 'none' },
    appointments: { holds: 'work-order ids and windows', foundBy: 'not searched', erasure: 'none' },
    idempotency: {
      holds: 'message ids and digests; no contact values',
      foundBy: 'not searched (30-day TTL)',
      erasure: 'none',
    },
    counters: { holds: 'sequence numbers', foundBy: 'not searched', erasure: 'none' },
    rateLimits: {
      holds: 'request counts under digests of addresses and work-order ids',
      foundBy: 'not searched (each expires with its window)',
      erasure: 'none',
    },
    kpis: { holds: 'counts per day', foundBy: 'not searched', erasure: 'none' },
    accessLog: {
      holds: 'who opened which customer or case id, and when; no values',
      foundBy: 'not searched: it is the record that access happened',
      erasure: 'none',
    },
    deadlines: {
      holds: 'work-order and case ids with SLA due times; no personal data',
      foundBy: 'not searched',
      erasure: 'none',
    },
    journeys: {
      holds:
        'the ops list: stage, region, utility reference and the contact-index digests of the phone and email (search keys, no values)',
      foundBy: 'partition = work-order id; erasure drops the contact digests, the utility reference stays',
      erasure: 'tombstone',
    },
    plans: {
      holds: 'work-order ids, visit-site coordinates and windows of one region-day',
      foundBy:
        'the booking record names region and window: three point reads; the visit stays at the tombstone’s coarse position (90-day TTL)',
      erasure: 'tombstone',
    },
    privacy: {
      holds: 'export and erasure records with ids and counts only',
      foundBy: 'request id',
      erasure: 'none',
    },
  },
  blobs: {
    uploads: {
      holds: 'documents and photos a customer uploaded',
      foundBy: 'prefix <workOrderId>/',
      erasure: 'deleteFiles',
    },
    uploadsIncoming: {
      holds: 'customer uploads not yet checked, or never completed (deleted after a day)',
      foundBy: 'prefix <workOrderId>/',
      erasure: 'deleteFiles',
    },
    photos: {
      holds: 'technician photos of the customer’s home and signatures',
      foundBy: 'prefix <workOrderId>/',
      erasure: 'deleteFiles',
    },
    exports: {
      holds: 'finished exports, for the short life of their download link',
      foundBy: 'export id',
      erasure: 'deleteFiles',
    },
  },
};

/** Stores outside the manifest that hold personal data, and how each is handled. */
export const unmanifestedStores: Readonly<Record<string, StoreDecision>> = {
  durableHistories: {
    holds: 'activity outputs of a journey (the customer profile it loaded)',
    foundBy: 'instance id = work-order id',
    erasure: 'delete',
  },
  utilityOutbound: {
    holds: 'reports to the utility (ids, outcome, photo names); no contact values',
    foundBy: 'not searched (14-day message TTL)',
    erasure: 'none',
  },
};
