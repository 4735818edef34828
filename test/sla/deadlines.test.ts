import type { CosmosClient } from '@azure/cosmos';
import { startEmbeddedCosmos, type EmbeddedCosmos } from '@fieldline/functions-local';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cosmosStore, createCosmosClient } from '../../shared/adapters/clients';
import { cosmosDeadlineIndex } from '../../shared/adapters/cosmos/deadlineIndex';
import { applyCaseUpdate, newCase, type CaseUpdate } from '../../shared/cases/caseChanges';
import type { CaseRecord } from '../../shared/cases/caseRecord';
import { resources } from '../../shared/resources';
import type { DeadlineIndex, SlaSubject } from '../../shared/sla/deadlineIndex';
import { indexCaseDeadlines, indexWorkOrderDeadlines } from '../../shared/sla/deadlineUpkeep';
import { sweepDeadlines } from '../../shared/sla/deadlineSweep';
import type { SlaCrossing } from '../../shared/sla/slaCrossings';
import { standardSlaPolicies as policies } from '../../shared/sla/slaPolicy';
import type { TimelineEvent } from '../../shared/timeline/timelineEvent';
import { aWorkOrder } from '../journey/support/fixtures';
import { MemoryDeadlineIndex } from './support/memoryDeadlineIndex';

const minute = 60_000;
const start = Date.parse('2026-01-05T09:00:00Z');
const at = (minutes: number) => new Date(start + minutes * minute);
const iso = (minutes: number) => at(minutes).toISOString();

const event = (type: string, minutes: number): TimelineEvent => ({
  id: `EV-${type}-${minutes}`,
  docType: 'event',
  subjectId: 'WO-DL',
  subjectType: 'workOrder',
  type,
  occurredAt: iso(minutes),
  actor: { kind: 'system' },
  summary: type,
});

/** Emergency: time to dispatch 240 min (warning at 180), around the clock; received at 09:00Z. */
const emergency = aWorkOrder({ id: 'WO-DL', priority: 'emergency', receivedAt: iso(0) });

/** A five-minute sweep from `from` to `to` (minutes), recording every crossing it writes. */
async function sweepEveryFiveMinutes(index: DeadlineIndex, from: number, to: number, written: string[]) {
  const seen = new Set<string>();
  const record = async (subject: SlaSubject, crossing: SlaCrossing) => {
    const key = `${subject.id} ${crossing.metric} ${crossing.level} ${crossing.at}`;
    if (seen.has(key)) return false;
    seen.add(key);
    written.push(key);
    return true;
  };
  for (let m = from; m <= to; m += 5) await sweepDeadlines(index, record, at(m));
}

describe('the deadline index: the sweep reads exactly the due deadlines', () => {
  it('a moved deadline is read once at its new time and never at the old one', async () => {
    const index = new MemoryDeadlineIndex();
    const upkeep = (now: number) => ({ index, policies, now: () => at(now) });
    await indexWorkOrderDeadlines(upkeep(0), emergency, []);
    const written: string[] = [];
    await sweepEveryFiveMinutes(index, 0, 55, written);
    // On hold from 10:00 to 11:00: both thresholds move an hour later (warning 13:00, not 12:00).
    await indexWorkOrderDeadlines(upkeep(60), emergency, [event('workOrder.putOnHold', 60)]);
    await sweepEveryFiveMinutes(index, 60, 115, written);
    await indexWorkOrderDeadlines(upkeep(120), emergency, [
      event('workOrder.putOnHold', 60),
      event('workOrder.resume', 120),
    ]);
    await sweepEveryFiveMinutes(index, 120, 5 * 60, written);

    const dispatchWarnings = index.read.filter((r) => r.dueAt === iso(180 + 60));
    expect(dispatchWarnings).toEqual([{ at: iso(240), subjectId: 'WO-DL', dueAt: iso(240) }]);
    expect(index.read.map((r) => r.at)).not.toContain(iso(180));
    expect(written).toContain(`WO-DL timeToDispatch warning ${iso(240)}`);
    expect(written.filter((w) => w.includes('timeToDispatch warning'))).toHaveLength(1);
    expect(written).toContain(`WO-DL timeToDispatch breached ${iso(300)}`);
    // Nothing is read between the crossings: every read is a due time.
    expect(index.read.every((r) => r.at === r.dueAt)).toBe(true);
  });

  it('a paused clock’s deadline is read not at all', async () => {
    const index = new MemoryDeadlineIndex();
    await indexWorkOrderDeadlines({ index, policies, now: () => at(0) }, emergency, []);
    await indexWorkOrderDeadlines({ index, policies, now: () => at(60) }, emergency, [
      event('workOrder.putOnHold', 60),
    ]);
    const written: string[] = [];
    await sweepEveryFiveMinutes(index, 60, 48 * 60, written);
    expect(index.read).toEqual([]);
    expect(written).toEqual([]);
    expect(index.size).toBe(0);
  });

  it('a case paused while waiting for the customer schedules nothing; started work schedules its warning', async () => {
    const index = new MemoryDeadlineIndex();
    const agent = { kind: 'agent' as const, id: 'agent-1' };
    const opened = newCase(
      'CASE-000001',
      { title: 'Street without power', type: 'Problem', priority: 'Critical', origin: 'Phone' },
      iso(0),
    );
    const step = (record: CaseRecord, update: CaseUpdate, minutes: number) => {
      const result = applyCaseUpdate(record, update, agent, iso(minutes));
      if (!result.ok) throw new Error(result.error);
      return result.value.record;
    };
    const waiting = step(
      opened,
      { command: { type: 'awaitCustomer' }, contact: { channel: 'phone', summary: 'Asked which houses' } },
      5,
    );
    await indexCaseDeadlines({ index, policies, now: () => at(5) }, waiting.id, async () => waiting);
    expect(index.size).toBe(0);
    const working = step(waiting, { command: { type: 'startWork' } }, 5 * 60);
    await indexCaseDeadlines({ index, policies, now: () => at(5 * 60) }, working.id, async () => working);
    const written: string[] = [];
    await sweepEveryFiveMinutes(index, 5 * 60, 24 * 60, written);
    // Critical resolution: 240 business minutes, warning at 180 (08:00–18:00 Brussels). Five ran
    // before the pause (10:00–10:05 Brussels); from 15:00 Brussels the warning comes at 17:55,
    // the desk closes at 18:00 and the miss is 55 minutes into Tuesday (08:55 Brussels).
    expect(written).toEqual([
      'CASE-000001 resolution warning 2026-01-05T16:55:00.000Z',
      'CASE-000001 resolution breached 2026-01-06T07:55:00.000Z',
    ]);
    expect(index.read.map((r) => r.at)).toEqual(['2026-01-05T16:55:00.000Z', '2026-01-06T07:55:00.000Z']);
  });

  it('a sweep queries only the hours since the last one: one or two buckets', async () => {
    const index = new MemoryDeadlineIndex();
    for (let n = 0; n < 500; n++)
      await index.schedule(
        { type: 'workOrder', id: `WO-${n}` },
        [
          {
            metric: 'timeToDispatch',
            level: 'warning',
            at: iso(10 + n * 2),
            priority: 'normal',
            targetMinutes: 1,
          },
        ],
        at(0),
      );
    await sweepDeadlines(index, async () => true, at(0));
    for (let m = 5; m <= 24 * 60; m += 5) {
      const before = index.queries;
      await sweepDeadlines(index, async () => true, at(m));
      expect(index.queries - before).toBeLessThanOrEqual(2);
    }
    expect(new Set(index.read.map((r) => r.subjectId)).size).toBe(500);
    expect(index.read).toHaveLength(500);
  });
});

describe('the deadline index in Cosmos DB (embedded, real SDK)', () => {
  let cosmos: EmbeddedCosmos;
  let client: CosmosClient;
  let index: DeadlineIndex;

  beforeAll(async () => {
    cosmos = await startEmbeddedCosmos({
      databaseName: resources.cosmos.databaseName,
      containers: [resources.cosmos.containers.deadlines],
    });
    client = createCosmosClient({
      CosmosDbConnection: cosmos.connectionString,
      CosmosDbCaCertificatePath: cosmos.caCertificatePath,
    });
    index = cosmosDeadlineIndex(cosmosStore(client));
  }, 60_000);

  afterAll(async () => {
    client?.dispose();
    await cosmos?.stop();
  });

  it('moves an entry to its new hour, reads it there once, and never at the old hour', async () => {
    const written: string[] = [];
    const upkeep = (now: number) => ({ index, policies, now: () => at(now) });
    await indexWorkOrderDeadlines(upkeep(0), emergency, []);
    await sweepEveryFiveMinutes(index, 0, 55, written);
    await indexWorkOrderDeadlines(upkeep(60), emergency, [event('workOrder.putOnHold', 60)]);
    await indexWorkOrderDeadlines(upkeep(120), emergency, [
      event('workOrder.putOnHold', 60),
      event('workOrder.resume', 120),
    ]);
    const reads: string[] = [];
    for (let m = 120; m <= 5 * 60; m += 30) {
      const result = await sweepDeadlines(index, async () => true, at(m));
      if (result.entriesRead > 0) reads.push(`${iso(m)} ${result.entriesRead}`);
    }
    expect(reads).toEqual([`${iso(240)} 1`, `${iso(300)} 1`]);
  });

  it('of two re-indexings, the one that read its clocks last decides, and the sweep reads only its entry', async () => {
    const subject = { type: 'workOrder' as const, id: 'WO-RACE' };
    const crossing = (minutes: number, priority: string) => ({
      metric: 'timeToDispatch',
      level: 'warning' as const,
      at: iso(minutes),
      priority,
      targetMinutes: minutes,
    });
    await index.schedule(subject, [crossing(600, 'normal')], at(0));
    // The older writer reads its clocks (emergency, due in 3 h); the newer then moves the entry to
    // low (due in 20 h) before the older writes: the older's write is refused and it reads again.
    let reads = 0;
    const older = await index.reschedule(subject, at(0), async () => {
      reads += 1;
      if (reads === 1) {
        await index.reschedule(subject, at(0), async () => ({ crossings: [crossing(1200, 'low')] }));
        return { crossings: [crossing(180, 'emergency')] };
      }
      return { crossings: [crossing(1200, 'low')] };
    });
    expect(reads).toBe(2);
    expect(older).toBe('scheduled');

    const swept: string[] = [];
    const record = async (recorded: SlaSubject, crossed: SlaCrossing) => {
      if (recorded.id === subject.id) swept.push(`${crossed.at} ${crossed.priority}`);
      return true;
    };
    for (let m = 0; m <= 21 * 60; m += 60) await sweepDeadlines(index, record, at(m));
    expect(swept).toEqual([`${iso(20 * 60)} low`]);
  });
});
