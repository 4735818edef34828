import type { CosmosClient } from '@azure/cosmos';
import { startEmbeddedCosmos, type EmbeddedCosmos } from '@fieldline/functions-local';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cosmosStore, createCosmosClient } from '../../shared/adapters/clients';
import { cosmosJourneyProjections, journeyQuerySpec } from '../../shared/adapters/cosmos/journeyProjections';
import { contactIndexIdFor } from '../../shared/customers/contactIndex';
import { journeyProjectionOf, JourneyListStage, listStageOf } from '../../shared/journey/projection';
import {
  countJourneys,
  JourneyListQuery,
  listJourneyPage,
  type JourneyFilter,
  type JourneyProjections,
} from '../../shared/journey/projectionQuery';
import type { JourneyStatus } from '../../shared/journey/journeyStatus';
import { resources } from '../../shared/resources';
import { aCustomer, aWorkOrder } from '../journey/support/fixtures';

const status = (stage: JourneyStatus['stage'], updatedAt: string): JourneyStatus => ({
  stage,
  attempt: 1,
  updatedAt,
});

const journey = (n: number, stage: JourneyStatus['stage'], region: string, version = 1) =>
  journeyProjectionOf(
    status(stage, new Date(Date.UTC(2026, 0, 5, 8, n)).toISOString()),
    version,
    aWorkOrder({
      id: `WO-P-${n}`,
      externalId: `EXT-${n}`,
      site: { ...aWorkOrder().site, region },
    }),
    aCustomer({ phone: `+3247000${String(n).padStart(4, '0')}`, email: `p${n}@example.org` }),
  );

describe('the journey projection document', () => {
  it('maps every journey stage onto the six stages ops browse', () => {
    expect(listStageOf('scheduled')).toBe('booked');
    expect(listStageOf('technicianEnRoute')).toBe('booked');
    expect(listStageOf('closedIncomplete')).toBe('completed');
    expect(listStageOf('onHold')).toBe('onHold');
  });

  it('keeps search keys as contact-index digests, never the phone or email', () => {
    const doc = journey(1, 'onHold', 'BE-OVL');
    expect(doc.searchKeys).toContain(contactIndexIdFor('sms', '+32470000001'));
    expect(doc.searchKeys).toContain(contactIndexIdFor('email', 'p1@example.org'));
    expect(JSON.stringify(doc)).not.toContain('+32470000001');
    expect(JSON.stringify(doc)).not.toContain('example.org');
  });
});

describe('every list query is served by an index of the container', () => {
  const policy = resources.cosmos.containers.journeys.indexingPolicy;
  const composites = policy.compositeIndexes.map((index) =>
    index.map((part) => `${part.path} ${part.order}`).join(', '),
  );
  const subsets = (['stage', 'region', 'utilityCode'] as const).reduce<
    Array<Array<'stage' | 'region' | 'utilityCode'>>
  >((all, field) => [...all, ...all.map((subset) => [...subset, field])], [[]]);

  it.each(subsets.map((subset) => [subset.join('+') || 'no filter', subset] as const))(
    '%s: ORDER BY updatedAt with a composite index for its equalities',
    (_name, subset) => {
      const filter: JourneyFilter = Object.fromEntries(subset.map((field) => [field, 'X']));
      const spec = journeyQuerySpec({ ...filter, from: '2026-01-01T00:00:00Z' }, 'page');
      expect(spec.query).toMatch(/ORDER BY c\.updatedAt DESC$/);
      const equalities = [...spec.query.matchAll(/c\.(stage|region|utilityCode) = /g)].map((m) => m[1]);
      expect(equalities).toEqual(subset);
      if (subset.length > 0)
        expect(composites).toContain(
          [...subset.map((field) => `/${field} ascending`), '/updatedAt descending'].join(', '),
        );
      for (const field of ['docType', ...subset, 'updatedAt'])
        expect(policy.includedPaths.map((p) => p.path)).toContain(`/${field}/?`);
    },
  );

  it('indexes the search keys and nothing it does not query', () => {
    expect(policy.includedPaths.map((p) => p.path)).toContain('/searchKeys/[]/?');
    expect(policy.excludedPaths).toEqual([{ path: '/*' }]);
  });
});

describe('journey projections in Cosmos DB (embedded, real SDK)', () => {
  let cosmos: EmbeddedCosmos;
  let client: CosmosClient;
  let store: JourneyProjections;

  beforeAll(async () => {
    cosmos = await startEmbeddedCosmos({
      databaseName: resources.cosmos.databaseName,
      containers: [resources.cosmos.containers.journeys],
    });
    client = createCosmosClient({
      CosmosDbConnection: cosmos.connectionString,
      CosmosDbCaCertificatePath: cosmos.caCertificatePath,
    });
    store = cosmosJourneyProjections(cosmosStore(client));
    const stages: JourneyStatus['stage'][] = ['contacting', 'onHold', 'scheduled', 'completed', 'cancelled'];
    for (let n = 0; n < 30; n++)
      await store.write(journey(n, stages[n % stages.length]!, n % 2 === 0 ? 'BE-OVL' : 'BE-ANT'));
  }, 60_000);

  afterAll(async () => {
    client?.dispose();
    await cosmos?.stop();
  });

  it('keeps the newest version whatever order the writes land in, and a replay changes nothing', async () => {
    const newer = journey(100, 'scheduled', 'BE-OVL', 3);
    const older = journey(100, 'contacting', 'BE-OVL', 2);
    expect(await store.write(newer)).toBe('written');
    expect(await store.write(older)).toBe('superseded');
    expect(await store.write(newer)).toBe('superseded');
    expect((await store.get('WO-P-100'))?.journeyStage).toBe('scheduled');
    expect(await store.write(journey(100, 'technicianEnRoute', 'BE-OVL', 4))).toBe('written');
    expect((await store.get('WO-P-100'))?.journeyStage).toBe('technicianEnRoute');
  });

  it('pages newest first with continuation tokens, filtered by stage and region', async () => {
    const query = (raw: Record<string, string>) => JourneyListQuery.parse(raw);
    const seen: string[] = [];
    let continuation: string | undefined;
    do {
      const page = await listJourneyPage(
        store,
        query({ stage: 'onHold', region: 'BE-ANT', limit: '2', ...(continuation ? { continuation } : {}) }),
      );
      expect(page.journeys.length).toBeLessThanOrEqual(2);
      seen.push(...page.journeys.map((j) => j.workOrderId));
      continuation = page.continuation;
    } while (continuation !== undefined);
    // n % 5 === 1 is on hold, odd n is BE-ANT: 1, 11, 21 — newest change first.
    expect(seen).toEqual(['WO-P-21', 'WO-P-11', 'WO-P-1']);
  });

  it('finds a journey by phone, email, external id or work-order id', async () => {
    const ids = async (raw: Record<string, string>) =>
      (await listJourneyPage(store, JourneyListQuery.parse(raw))).journeys.map((j) => j.workOrderId);
    expect(await ids({ phone: '+32 470 00 0007' })).toEqual(['WO-P-7']);
    // As a caller reads it out: national form, or 00 for the plus.
    expect(await ids({ phone: '0470 00 00 07' })).toEqual(['WO-P-7']);
    expect(await ids({ phone: '0032 470 00 00 07' })).toEqual(['WO-P-7']);
    expect(await ids({ email: ' P8@Example.org' })).toEqual(['WO-P-8']);
    expect(await ids({ externalId: 'EXT-9', utility: 'FLUVIUS' })).toEqual(['WO-P-9']);
    expect(await ids({ workOrderId: 'WO-P-10' })).toEqual(['WO-P-10']);
    expect(await ids({ workOrderId: 'WO-P-10', stage: 'onHold' })).toEqual([]);
  });

  it('counts journeys per stage under the filters', async () => {
    const { counts, total } = await countJourneys(store, { region: 'BE-OVL' });
    expect(Object.keys(counts).sort()).toEqual([...JourneyListStage.options].sort());
    // Even n in BE-OVL (15 of 0..29) plus WO-P-100 (booked).
    expect(total).toBe(16);
    expect(counts.booked).toBe(4);
    expect(counts.onHold).toBe(3);
  });

  it('refuses queries it cannot serve, naming the field', () => {
    const refused = JourneyListQuery.safeParse({ phone: '+32470000001', email: 'a@b.c' });
    expect(refused.success).toBe(false);
    expect(JourneyListQuery.safeParse({ externalId: 'X' }).error?.issues[0]?.path).toEqual(['utility']);
    expect(JourneyListQuery.safeParse({ stage: 'booking' }).error?.issues[0]?.path).toEqual(['stage']);
  });
});
