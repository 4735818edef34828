import { z } from 'zod';
import { CaseOwner, CasePriority, CaseType } from './case';
import { CaseCommand } from './caseCommand';
import { transitionCase } from './caseMachine';
import type { CaseNumber } from './caseNumber';
import { initialCaseState, type CaseState } from './caseState';
import { err, ok, type Result } from '../result';
import type { TimelineActor } from '../timeline/timelineEvent';
import { CaseContact, type CaseRecord, type NewCaseInput } from './caseRecord';
import { isFinishedWork } from './closeOutPolicy';

export const defaultOwner = { kind: 'queue', id: 'service-desk' } as const;

export function newCase(id: CaseNumber, input: NewCaseInput, now: string): CaseRecord {
  return {
    id,
    docType: 'case',
    title: input.title,
    ...(input.description === undefined ? {} : { description: input.description }),
    type: input.type,
    priority: input.priority,
    origin: input.origin,
    owner: input.owner ?? defaultOwner,
    state: initialCaseState,
    ...(input.customerId === undefined ? {} : { customerId: input.customerId }),
    ...(input.workOrderId === undefined ? {} : { workOrderId: input.workOrderId }),
    workOrders: [],
    notes: [],
    contacts: [],
    cycle: 1,
    history: [{ kind: 'opened', at: now, priority: input.priority }],
    createdAt: now,
    updatedAt: now,
  };
}

export const CaseUpdate = z
  .object({
    title: z.string().min(1).max(200).optional(),
    description: z.string().max(4000).optional(),
    type: CaseType.optional(),
    priority: CasePriority.optional(),
    owner: CaseOwner.optional(),
    command: CaseCommand.optional(),
    /** Internal: colleagues read it, the customer never does; it is not a response. */
    note: z.string().min(1).max(4000).optional(),
    /** A call with the customer or a reply sent to them: the first one is the case's first response. */
    contact: CaseContact.pick({ channel: true, summary: true }).optional(),
  })
  .refine((update) => Object.values(update).some((value) => value !== undefined), 'must change something');
export type CaseUpdate = z.infer<typeof CaseUpdate>;

/** A fact worth a timeline event on the case. */
export interface CaseHappening {
  readonly type: string;
  readonly summary: string;
  readonly data?: Readonly<Record<string, string | number | boolean | null>>;
}

/**
 * The case in its new state. Reactivating a resolved case starts a new resolution cycle: work
 * orders already finished stay with the old cycle, those still under way carry into the new one.
 */
export function caseWithState(record: CaseRecord, state: CaseState, at: string): CaseRecord {
  const reopened = record.state.status === 'Resolved' && state.status === 'Active';
  const cycle = reopened ? record.cycle + 1 : record.cycle;
  return {
    ...record,
    state,
    cycle,
    workOrders: reopened
      ? record.workOrders.map((linked) => (isFinishedWork(linked.state) ? linked : { ...linked, cycle }))
      : record.workOrders,
    history: [...record.history, { kind: 'status', at, state }],
    ...(state.status === 'Resolved' ? { resolvedAt: at } : {}),
  };
}

/** Contact a person had with the customer is a response; the system's own actions never are. */
const respondedBy = (actor: TimelineActor): boolean => actor.kind === 'agent' || actor.kind === 'ops';

/** Applies an agent's edit; the command goes through the case state machine. */
export function applyCaseUpdate(
  record: CaseRecord,
  update: CaseUpdate,
  actor: TimelineActor,
  now: string,
): Result<{ record: CaseRecord; happenings: CaseHappening[] }, string> {
  let next: CaseRecord = { ...record, updatedAt: now };
  const happenings: CaseHappening[] = [];
  if (update.title !== undefined) next = { ...next, title: update.title };
  if (update.description !== undefined) next = { ...next, description: update.description };
  if (update.type !== undefined) next = { ...next, type: update.type };
  if (
    update.owner !== undefined &&
    (update.owner.kind !== next.owner.kind || update.owner.id !== next.owner.id)
  ) {
    next = { ...next, owner: update.owner };
    happenings.push({
      type: 'case.assigned',
      summary: `Assigned to ${update.owner.kind} ${update.owner.id}`,
    });
  }
  if (update.priority !== undefined && update.priority !== next.priority) {
    next = {
      ...next,
      priority: update.priority,
      history: [...next.history, { kind: 'priority', at: now, priority: update.priority }],
    };
    happenings.push({
      type: 'case.priorityChanged',
      summary: `Priority ${update.priority}`,
      data: { priority: update.priority },
    });
  }
  if (update.command !== undefined) {
    const moved = transitionCase(next.state, update.command);
    if (!moved.ok) return err(moved.error.message);
    next = caseWithState(next, moved.value, now);
    happenings.push({
      type: 'case.statusChanged',
      summary: `${moved.value.status} (${moved.value.reason})`,
      data: { status: moved.value.status, reason: moved.value.reason },
    });
  }
  if (update.note !== undefined) {
    next = {
      ...next,
      notes: [...next.notes, { id: `N${next.notes.length + 1}`, at: now, author: actor, text: update.note }],
    };
    happenings.push({ type: 'case.noteAdded', summary: 'Note added' });
  }
  if (update.contact !== undefined) {
    next = {
      ...next,
      contacts: [
        ...next.contacts,
        { id: `C${next.contacts.length + 1}`, at: now, author: actor, ...update.contact },
      ],
    };
    happenings.push({
      type: 'case.customerContacted',
      summary:
        update.contact.channel === 'phone'
          ? 'Call with the customer'
          : `Reply sent by ${update.contact.channel}`,
      data: { channel: update.contact.channel },
    });
  }
  if (next.firstRespondedAt === undefined && respondedBy(actor) && update.contact !== undefined) {
    next = { ...next, firstRespondedAt: now, history: [...next.history, { kind: 'firstResponse', at: now }] };
  }
  return ok({ record: next, happenings });
}
