import type { IntakeStore } from './intakePorts';

/** Storage calls made through the store, by method: each is one round trip to Cosmos DB. */
export type RoundTrips = Record<keyof IntakeStore, number>;

/** Wraps intake's store to count its round trips per message (the scale benchmark prints them). */
const methods: ReadonlyArray<keyof IntakeStore> = [
  'getWorkOrder',
  'createWorkOrder',
  'replaceWorkOrder',
  'getCustomer',
  'upsertCustomer',
  'indexContact',
  'retireContact',
  'addTimelineEvent',
  'getCancelTombstone',
  'putCancelTombstone',
];

/** Wraps intake's store to count its round trips per message (the scale benchmark prints them). */
export function countingIntakeStore(store: IntakeStore): { store: IntakeStore; trips: RoundTrips } {
  const trips = {} as RoundTrips;
  const counted = {} as Record<string, unknown>;
  for (const name of methods) {
    trips[name] = 0;
    const method = store[name] as (...args: unknown[]) => Promise<unknown>;
    counted[name] = (...args: unknown[]) => {
      trips[name] += 1;
      return method.apply(store, args);
    };
  }
  return { store: counted as unknown as IntakeStore, trips };
}
