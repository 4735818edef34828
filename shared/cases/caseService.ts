import { createHash } from 'node:crypto';
import { z } from 'zod';
import { caseNumberFor } from './caseNumber';
import { IsoDate } from '../common/time';
import { caseChangeFacts, caseEscalatedFacts, caseOpenedFacts } from '../kpis/factsFrom';
import type { KpiFact } from '../kpis/kpiFact';
import { Skill } from '../common/identifiers';
import type { Versioned } from '../common/versioned';
import { WorkType } from '../contracts/inbound/workType';
import { err, ok, type Result } from '../result';
import type { TimelineActor, TimelineEvent } from '../timeline/timelineEvent';
import { plannedDurationMinutes } from '../workorders/defaultDuration';
import { workOrderIdFor } from '../workorders/workOrderId';
import type { WorkOrder } from '../workorders/workOrder';
import { initialWorkOrderState } from '../workorders/workOrderState';
import type { SlaPolicies } from '../sla/slaPolicy';
import { resolveByOf } from './caseSlas';
import { applyCaseUpdate, newCase, type CaseHappening, type CaseUpdate } from './caseChanges';
import type { CaseRecord, NewCaseInput } from './caseRecord';
import type { CaseRepository, CaseRequests, CaseSequence } from './ports';
import { linkWorkOrder, syncWorkOrderStatus, type SyncSettings } from './workOrderLinks';

export interface WorkOrderPort {
  getWorkOrder(workOrderId: string): Promise<Versioned<WorkOrder> | undefined>;
  createWorkOrder(workOrder: WorkOrder): Promise<'created' | 'exists'>;
  replaceWorkOrder(workOrder: WorkOrder, etag: string): Promise<'replaced' | 'conflict'>;
}

export interface CaseServicePorts {
  readonly cases: CaseRepository;
  readonly sequence: CaseSequence;
  readonly workOrders: WorkOrderPort;
  readonly addTimelineEvent: (event: TimelineEvent) => Promise<void>;
  readonly sync: SyncSettings;
  readonly slas: SlaPolicies;
  readonly now: () => Date;
  readonly recordKpiFacts?: (facts: readonly KpiFact[]) => Promise<void>;
  readonly requests?: CaseRequests;
}

export type CaseServiceError =
  | { readonly kind: 'notFound'; readonly message: string }
  | { readonly kind: 'invalid'; readonly path: string; readonly message: string }
  | { readonly kind: 'conflict'; readonly message: string };

const notFound = (message: string): CaseServiceError => ({ kind: 'notFound', message });
const maxConflicts = 8;

/** Deterministic, so a retried write of the same happening lands on the same timeline item. */
const eventId = (subjectId: string, at: string, type: string, summary: string): string =>
  `EV-${createHash('sha256')
    .update(JSON.stringify([subjectId, at, type, summary]))
    .digest('hex')
    .slice(0, 32)}`;

export async function recordCaseHappenings(
  ports: Pick<CaseServicePorts, 'addTimelineEvent'>,
  caseId: string,
  happenings: readonly CaseHappening[],
  actor: TimelineActor,
  at: string,
): Promise<void> {
  for (const happening of happenings) {
    await ports.addTimelineEvent({
      id: eventId(caseId, at, happening.type, happening.summary),
      docType: 'event',
      subjectId: caseId,
      subjectType: 'case',
      type: happening.type,
      occurredAt: at,
      actor,
      summary: happening.summary,
      ...(happening.data === undefined ? {} : { data: { ...happening.data } }),
    });
  }
}

/** The case with `resolveBy` from its resolution clock, as the agent queue is ordered by it. */
function withResolveBy(record: CaseRecord, slas: SlaPolicies, at: string): CaseRecord {
  const resolveBy = resolveByOf(record, slas, new Date(at));
  return resolveBy === undefined || resolveBy === record.resolveBy ? record : { ...record, resolveBy };
}

/** Read, change, replace at the ETag; on a conflict start over from a fresh read. */
async function changeCase(
  ports: CaseServicePorts,
  caseId: string,
  change: (
    record: CaseRecord,
    at: string,
  ) => Result<{ record: CaseRecord; happenings: CaseHappening[] }, CaseServiceError>,
  actor: TimelineActor,
): Promise<Result<CaseRecord, CaseServiceError>> {
  for (let attempt = 0; attempt < maxConflicts; attempt++) {
    const current = await ports.cases.get(caseId);
    if (current === undefined) return err(notFound(`no case ${caseId}`));
    const at = ports.now().toISOString();
    const changed = change(current.value, at);
    if (!changed.ok) return changed;
    if (changed.value.record === current.value) return ok(current.value);
    const record = withResolveBy(changed.value.record, ports.slas, at);
    if ((await ports.cases.replace(record, current.etag)) === 'conflict') continue;
    await recordCaseHappenings(ports, caseId, changed.value.happenings, actor, at);
    await ports.recordKpiFacts?.(caseChangeFacts(current.value, record, ports.slas));
    return ok(record);
  }
  return err({ kind: 'conflict', message: `case ${caseId} kept changing; retry` });
}

async function changeWorkOrder(
  ports: CaseServicePorts,
  workOrderId: string,
  change: (workOrder: WorkOrder) => WorkOrder | undefined,
): Promise<Result<WorkOrder, CaseServiceError>> {
  for (let attempt = 0; attempt < maxConflicts; attempt++) {
    const current = await ports.workOrders.getWorkOrder(workOrderId);
    if (current === undefined) return err(notFound(`no work order ${workOrderId}`));
    const next = change(current.value);
    if (next === undefined) return ok(current.value);
    if ((await ports.workOrders.replaceWorkOrder(next, current.etag)) === 'replaced') return ok(next);
  }
  return err({ kind: 'conflict', message: `work order ${workOrderId} kept changing; retry` });
}

const withCase = (caseId: string, now: string) => (workOrder: WorkOrder) =>
  workOrder.caseIds.includes(caseId)
    ? undefined
    : { ...workOrder, caseIds: [...workOrder.caseIds, caseId], updatedAt: now };

/**
 * Opens a case under the next number. When it is about a work order, the two are linked both ways
 * (the case lists the work order, the work order lists the case).
 *
 * With a `requestKey` (the client's own id for this request) the open is idempotent: the number is
 * reserved for the key before the case is written, so a request sent again — after a lost answer,
 * or after a crash anywhere in between — finishes the same case and answers it, `replayed`.
 */
export async function openCase(
  ports: CaseServicePorts,
  input: NewCaseInput,
  actor: TimelineActor,
  requestKey?: string,
): Promise<Result<CaseRecord & { readonly replayed?: true }, CaseServiceError>> {
  const requests = requestKey === undefined ? undefined : ports.requests;
  if (requestKey !== undefined && requests === undefined) {
    throw new Error('openCase was given a request key but no request store');
  }
  const reserved = requests === undefined ? undefined : await requests.find(requestKey!);
  if (reserved !== undefined) return finishOpening(ports, reserved, input, actor, true);

  const workOrder =
    input.workOrderId === undefined ? undefined : await ports.workOrders.getWorkOrder(input.workOrderId);
  if (input.workOrderId !== undefined && workOrder === undefined) {
    return err({ kind: 'invalid', path: 'workOrderId', message: 'no such work order' });
  }
  const taken = caseNumberFor(await ports.sequence.next());
  if (taken === undefined) return err({ kind: 'conflict', message: 'case numbers are exhausted' });
  const id = requests === undefined ? taken : await requests.reserve(requestKey!, taken);
  return finishOpening(ports, id, input, actor, id !== taken);
}

/**
 * Writes whatever of the case's opening is not written yet: the record, its happenings (their ids
 * follow from the case's creation instant, so they land on the same items), the KPI fact and the
 * work order's link. A first open runs it all; a replay finds the record and repeats the rest.
 */
async function finishOpening(
  ports: CaseServicePorts,
  id: string,
  input: NewCaseInput,
  actor: TimelineActor,
  replayed: boolean,
): Promise<Result<CaseRecord & { readonly replayed?: true }, CaseServiceError>> {
  const existing = await ports.cases.get(id);
  if (existing !== undefined && !replayed) {
    return err({ kind: 'conflict', message: `case number ${id} is taken; the counter is behind` });
  }
  const workOrderId = existing?.value.workOrderId ?? input.workOrderId;
  const workOrder = workOrderId === undefined ? undefined : await ports.workOrders.getWorkOrder(workOrderId);
  if (workOrderId !== undefined && workOrder === undefined) {
    return err({ kind: 'invalid', path: 'workOrderId', message: 'no such work order' });
  }
  // The opening as the request describes it, at the instant it first happened: the same record
  // and the same happenings (same ids) on every replay; only the parts not yet stored are written.
  const at = existing?.value.createdAt ?? ports.now().toISOString();
  let opened = withResolveBy(
    newCase(id, { ...input, customerId: input.customerId ?? workOrder?.value.customerId }, at),
    ports.slas,
    at,
  );
  const happenings: CaseHappening[] = [
    { type: 'case.opened', summary: `Case opened (${opened.type}, ${opened.priority})` },
  ];
  if (workOrder !== undefined) {
    const linked = linkWorkOrder(opened, workOrder.value, at);
    opened = linked.record;
    happenings.push(...linked.happenings);
  }
  const record = existing?.value ?? opened;
  if (existing === undefined && (await ports.cases.create(record)) === 'exists') {
    return err({ kind: 'conflict', message: `case number ${id} is taken; the counter is behind` });
  }
  await recordCaseHappenings(ports, id, happenings, actor, at);
  await ports.recordKpiFacts?.(caseOpenedFacts(record));
  if (workOrder !== undefined) {
    const linked = await changeWorkOrder(ports, workOrder.value.id, withCase(id, at));
    if (!linked.ok) return linked;
  }
  return ok(replayed ? { ...record, replayed: true } : record);
}

export const updateCase = (
  ports: CaseServicePorts,
  caseId: string,
  update: CaseUpdate,
  actor: TimelineActor,
): Promise<Result<CaseRecord, CaseServiceError>> =>
  changeCase(
    ports,
    caseId,
    (record, at) => {
      const applied = applyCaseUpdate(record, update, actor, at);
      return applied.ok ? applied : err({ kind: 'invalid', path: 'command', message: applied.error });
    },
    actor,
  );

/**
 * Links a work order that already exists (one the customer mentions on the phone) to the case,
 * both ways. A case not yet about a work order becomes about this one (and its customer), so
 * field service for the case is pre-filled from it. Linking twice changes nothing.
 */
export async function linkExistingWorkOrder(
  ports: CaseServicePorts,
  caseId: string,
  workOrderId: string,
  actor: TimelineActor,
): Promise<Result<CaseRecord, CaseServiceError>> {
  const workOrder = await ports.workOrders.getWorkOrder(workOrderId);
  if (workOrder === undefined)
    return err({ kind: 'invalid', path: 'workOrderId', message: 'no such work order' });
  const linked = await changeCase(
    ports,
    caseId,
    (record, at) => {
      if (record.state.status === 'Cancelled')
        return err({
          kind: 'invalid',
          path: 'caseId',
          message: 'a cancelled case takes no more work orders',
        });
      const about =
        record.workOrderId === undefined
          ? { ...record, workOrderId, customerId: record.customerId ?? workOrder.value.customerId }
          : record;
      return ok(linkWorkOrder(about, workOrder.value, at));
    },
    actor,
  );
  if (!linked.ok) return linked;
  const back = await changeWorkOrder(ports, workOrderId, withCase(caseId, ports.now().toISOString()));
  return back.ok ? linked : back;
}

export const WorkOrderFromCase = z.object({
  workType: WorkType,
  dueDate: IsoDate,
  requiredSkills: z.array(Skill).max(20).optional(),
  estimatedDurationMinutes: z.int().min(15).max(600).optional(),
  notes: z.string().max(2000).optional(),
});
export type WorkOrderFromCase = z.infer<typeof WorkOrderFromCase>;

/**
 * Field service for a case: a new work order pre-filled from the work order the case is about
 * (same utility, customer, site and asset), linked both ways, and the case goes In Field Service.
 * Its id derives from the case number and how many work orders the case already has, so a
 * retried request finds the one it made.
 */
export async function createWorkOrderForCase(
  ports: CaseServicePorts,
  caseId: string,
  input: WorkOrderFromCase,
  actor: TimelineActor,
): Promise<Result<{ record: CaseRecord; workOrder: WorkOrder; created: boolean }, CaseServiceError>> {
  const current = await ports.cases.get(caseId);
  if (current === undefined) return err(notFound(`no case ${caseId}`));
  if (current.value.state.status !== 'Active') {
    return err({
      kind: 'invalid',
      path: 'caseId',
      message: `a ${current.value.state.status} case cannot send field service`,
    });
  }
  const sourceId = current.value.workOrderId;
  const source = sourceId === undefined ? undefined : await ports.workOrders.getWorkOrder(sourceId);
  if (source === undefined) {
    return err({
      kind: 'invalid',
      path: 'caseId',
      message: 'the case is not about a work order to pre-fill from',
    });
  }
  const at = ports.now().toISOString();
  const externalId = `${caseId}-${current.value.workOrders.length + 1}`;
  const { asset, site, utilityCode, customerId, priority } = source.value;
  const workOrder: WorkOrder = {
    id: workOrderIdFor(utilityCode, externalId),
    utilityCode,
    externalId,
    revision: 1,
    correlationId: `case:${externalId}`,
    revisionMessageId: `case:${externalId}`,
    customerId,
    workType: input.workType,
    priority,
    dueDate: input.dueDate,
    requiredSkills: input.requiredSkills ?? [],
    estimatedDurationMinutes: plannedDurationMinutes(input.workType, input.estimatedDurationMinutes),
    site,
    ...(asset === undefined ? {} : { asset }),
    notes: input.notes ?? current.value.title,
    state: initialWorkOrderState,
    contactAttempts: 0,
    caseIds: [caseId],
    receivedAt: at,
    updatedAt: at,
  };
  const created = (await ports.workOrders.createWorkOrder(workOrder)) === 'created';
  await ports.recordKpiFacts?.(caseEscalatedFacts(current.value));
  const linked = await changeCase(
    ports,
    caseId,
    (record, now) => ok(linkWorkOrder(record, workOrder, now)),
    actor,
  );
  if (!linked.ok) return linked;
  return ok({ record: linked.value, workOrder, created });
}

/**
 * Status sync after a work order changed: every linked case hears of it and, per the close-out
 * policy, resolves under the system identity. Repeating it changes nothing.
 */
export async function syncLinkedCases(ports: CaseServicePorts, workOrder: WorkOrder): Promise<CaseRecord[]> {
  const synced: CaseRecord[] = [];
  for (const caseId of workOrder.caseIds) {
    const result = await changeCase(
      ports,
      caseId,
      (record, at) => ok(syncWorkOrderStatus(record, workOrder.id, workOrder.state, ports.sync, at)),
      { kind: 'system', id: 'case-sync' },
    );
    if (result.ok) synced.push(result.value);
  }
  return synced;
}
