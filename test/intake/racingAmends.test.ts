import { describe, expect, it } from 'vitest';
import { contactIndexIdFor } from '../../shared/customers/contactIndex';
import { customerIdFor } from '../../shared/customers/customer';
import { nameIndexIdFor } from '../../shared/customers/nameIndex';
import type { InboundDelivery } from '../../shared/intake/inboundDelivery';
import { processInbound } from '../../shared/intake/processInbound';
import { linkRevocationIdFor } from '../../shared/links/revocation';
import { workOrderIdFor } from '../../shared/workorders/workOrderId';
import { cosmosIntake } from './support/cosmosIntake';
import { CosmosCrash } from './support/countingCosmos';
import { amendMessage, createMessage, delivery } from './support/messages';

/**
 * The utility contract: the highest revision wins and an older one is answered stale. The inbound
 * queue has no sessions (infra/resources.json), so two amends of one work order are handled side
 * by side by different instances, or the newer first when the older is redelivered. Whatever the
 * interleaving, every store must end up telling the newer one's story.
 */
const workOrderId = workOrderIdFor('ORES', 'ORES-88412');
const customerId = customerIdFor(workOrderId);
const email = 'an@example.org';
const person = (name: string, phone: string) => ({ name, phone, email, language: 'nl' });

const original = person('An Peeters', '+32470000001');
const older = person('An Janssens', '+32470000002');
const newer = person('An Maes', '+32470000003');

type Intake = ReturnType<typeof cosmosIntake>;

async function imported(): Promise<Intake> {
  const intake = cosmosIntake();
  await processInbound(delivery(createMessage({ customer: original })), intake.deps);
  return intake;
}

/** Different phones, names and priorities, so every store shows whose story it tells. */
const amends = () => ({
  r2: delivery(amendMessage(2, { customer: older, priority: 'emergency' })),
  r3: delivery(amendMessage(3, { customer: newer, priority: 'low' })),
});

const onEntry = (intake: Intake, id: string): readonly string[] =>
  (intake.cosmos.documents()[`customers ${id} ${id}`] as { customerIds?: string[] } | undefined)
    ?.customerIds ?? [];

/** Every store agrees that revision 3 won and revision 2 was either done before it or is stale. */
function expectNewerWon(intake: Intake, r2: InboundDelivery, r3: InboundDelivery, label: string): void {
  const documents = intake.cosmos.documents();
  const workOrder = documents[`workOrders ${workOrderId} ${workOrderId}`] as Record<string, unknown>;
  expect(workOrder, label).toMatchObject({ revision: 3, revisionMessageId: r3.messageId });
  expect(documents[`customers ${customerId} ${customerId}`], label).toMatchObject({
    revision: 3,
    name: newer.name,
    phone: newer.phone,
  });

  // Only the winner's phone finds the customer; the two it replaced let go of them.
  expect(onEntry(intake, contactIndexIdFor('sms', newer.phone)), label).toEqual([customerId]);
  expect(onEntry(intake, contactIndexIdFor('sms', older.phone)), label).toEqual([]);
  expect(onEntry(intake, contactIndexIdFor('sms', original.phone)), label).toEqual([]);
  expect(onEntry(intake, contactIndexIdFor('email', email)), label).toEqual([customerId]);
  for (const word of ['maes', 'an'])
    expect(onEntry(intake, nameIndexIdFor(word, customerId)), label).toEqual([customerId]);
  for (const word of ['peeters', 'janssens'])
    expect(onEntry(intake, nameIndexIdFor(word, customerId)), label).toEqual([]);

  // The deadlines are the winner's priority's: the entry its pointer names, the one the sweep reads
  // (an entry a dead writer left without its pointer is passed over).
  const entryId = `DL-workOrder-${workOrderId}`;
  const pointer = documents[`deadlines S-workOrder-${workOrderId} ${entryId}`] as {
    entryBucket: string;
    version: number;
  };
  const entry = documents[`deadlines ${pointer.entryBucket} ${entryId}`] as {
    version: number;
    crossings: Array<{ priority: string }>;
  };
  expect(entry.version, label).toBe(pointer.version);
  expect(new Set(entry.crossings.map((crossing) => crossing.priority)), label).toEqual(new Set(['low']));

  // Links sent to the first phone no longer work.
  const revocation = linkRevocationIdFor(workOrderId);
  expect(documents[`workOrders ${revocation} ${revocation}`], label).toBeDefined();

  // One answer per message: the winner accepted, the older one accepted only if it was done first.
  const answers = (d: InboundDelivery) => intake.memory.sent.filter((m) => m.correlationId === d.messageId);
  expect(
    answers(r3).map((m) => m.body),
    label,
  ).toEqual([expect.objectContaining({ kind: 'accepted', revision: 3 })]);
  const [olderAnswer, ...more] = answers(r2).map((m) => m.body);
  expect(more, label).toEqual([]);
  const heard = intake.memory.amendments.map((amendment) => amendment.revision);
  if (olderAnswer?.kind === 'accepted') {
    expect(heard, label).toEqual([2, 3]);
  } else {
    expect(olderAnswer, label).toMatchObject({ kind: 'stale', receivedRevision: 2, currentRevision: 3 });
    expect(heard, label).toEqual([3]);
  }
}

/** How many requests `d` makes when it runs alone after the create. */
async function requestsOf(d: InboundDelivery): Promise<number> {
  const intake = await imported();
  const mark = intake.cosmos.requests.length;
  await processInbound(d, intake.deps);
  return intake.cosmos.requests.length - mark;
}

describe('two amends of one work order, raced: the higher revision wins everywhere', () => {
  it('one after the other, in either order', async () => {
    for (const order of ['older first', 'newer first'] as const) {
      const { r2, r3 } = amends();
      const intake = await imported();
      for (const d of order === 'older first' ? [r2, r3] : [r3, r2]) await processInbound(d, intake.deps);
      expectNewerWon(intake, r2, r3, order);
    }
  });

  it('side by side', async () => {
    const { r2, r3 } = amends();
    const intake = await imported();
    await Promise.all([processInbound(r2, intake.deps), processInbound(r3, intake.deps)]);
    expectNewerWon(intake, r2, r3, 'side by side');
  });

  /** `stalled` waits before its `n`th request while `runner` runs start to end, for every `n`. */
  async function stalledAtEveryRequest(which: 'older stalls' | 'newer stalls') {
    const probe = amends();
    const total = await requestsOf(which === 'older stalls' ? probe.r2 : probe.r3);
    for (let n = 1; n <= total; n++) {
      const { r2, r3 } = amends();
      const [stalled, runner] = which === 'older stalls' ? [r2, r3] : [r3, r2];
      const intake = await imported();
      const hold = intake.cosmos.holdAt(n);
      const slow = processInbound(stalled, intake.deps);
      await Promise.race([hold.reached, slow]);
      await processInbound(runner, intake.deps);
      hold.release();
      await slow;
      expectNewerWon(intake, r2, r3, `${which} before request ${n}`);
    }
  }

  it('the older one stalls before each of its requests while the newer runs', () =>
    stalledAtEveryRequest('older stalls'));
  it('the newer one stalls before each of its requests while the older runs', () =>
    stalledAtEveryRequest('newer stalls'));

  /** `crashed` dies before its `n`th request, `runner` runs, then `crashed` is redelivered. */
  async function crashedAtEveryRequest(which: 'older crashes' | 'newer crashes') {
    const probe = amends();
    const total = await requestsOf(which === 'older crashes' ? probe.r2 : probe.r3);
    for (let n = 1; n <= total; n++) {
      const { r2, r3 } = amends();
      const [crashed, runner] = which === 'older crashes' ? [r2, r3] : [r3, r2];
      const intake = await imported();
      intake.cosmos.crashAt(n);
      await expect(processInbound(crashed, intake.deps)).rejects.toBeInstanceOf(CosmosCrash);
      await processInbound(runner, intake.deps);
      await processInbound({ ...crashed, deliveryCount: 2 }, intake.deps);
      expectNewerWon(intake, r2, r3, `${which} before request ${n}`);
    }
  }

  it('the older one crashes before each of its requests, the newer runs, the older is redelivered', () =>
    crashedAtEveryRequest('older crashes'));
  it('the newer one crashes before each of its requests, the older runs, the newer is redelivered', () =>
    crashedAtEveryRequest('newer crashes'));
});

describe('a create and the amend that overtakes it, raced: the amend wins everywhere', () => {
  const first = () => delivery(createMessage({ customer: original, priority: 'emergency' }));
  const overtaking = () => delivery(amendMessage(2, { customer: newer, priority: 'low' }));

  function expectAmendWon(intake: Intake, create: InboundDelivery, amend: InboundDelivery, label: string) {
    const documents = intake.cosmos.documents();
    expect(documents[`workOrders ${workOrderId} ${workOrderId}`], label).toMatchObject({ revision: 2 });
    expect(documents[`customers ${customerId} ${customerId}`], label).toMatchObject({
      revision: 2,
      phone: newer.phone,
    });
    expect(onEntry(intake, contactIndexIdFor('sms', newer.phone)), label).toEqual([customerId]);
    expect(onEntry(intake, contactIndexIdFor('sms', original.phone)), label).toEqual([]);
    expect(onEntry(intake, nameIndexIdFor('peeters', customerId)), label).toEqual([]);
    const answers = (d: InboundDelivery) =>
      intake.memory.sent.filter((m) => m.correlationId === d.messageId).map((m) => m.body.kind);
    expect(answers(amend), label).toEqual(['accepted']);
    expect(answers(create), label).toHaveLength(1);
  }

  it('the create stalls before each of its requests while the amend runs', async () => {
    const intake0 = cosmosIntake();
    await processInbound(first(), intake0.deps);
    const total = intake0.cosmos.requests.length;
    for (let n = 1; n <= total; n++) {
      const [create, amend] = [first(), overtaking()];
      const intake = cosmosIntake();
      const hold = intake.cosmos.holdAt(n);
      const slow = processInbound(create, intake.deps);
      await Promise.race([hold.reached, slow]);
      await processInbound(amend, intake.deps);
      hold.release();
      await slow;
      expectAmendWon(intake, create, amend, `create stalls before request ${n}`);
    }
  });
});
