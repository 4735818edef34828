import { z } from 'zod';
import { CaseOwner, CasePriority, CaseType } from './case';
import { CaseCommand } from './caseCommand';
import { transitionCase } from './caseMachine';
import type { CaseNumber } from './caseNumber';
import { initialCaseState, type CaseState } from './caseState';
import { err, ok, type Result } from '../result';
import type { TimelineActor } from '../timeline/timelineEvent';
import type { CaseRecord, NewCaseInput } from './caseRecord';

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
    note: z.string().min(1).max(4000).optional(),
  })
  .refine((update) => Object.values(update).some((value) => value !== undefined), 'must change something');
export type CaseUpdate = z.infer<typeof CaseUpdate>;

/** A fact worth a timeline event on the case. */
export interface CaseHappening {
  readonly type: string;
  readonly summary: string;
  readonly data?: Readonly<Record<string, string | number | boolean | null>>;
}

export const caseWithState = (record: CaseRecord, state: CaseState, at: string): CaseRecord => ({
  ...record,
  state,
  history: [...record.history, { kind: 'status', at, state }],
  ...(state.status === 'Resolved' ? { resolvedAt: at } : {}),
});

/** People answering a case (a note, or moving it on) is its first response; the system's actions are not. */
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
  if (
    next.firstRespondedAt === undefined &&
    respondedBy(actor) &&
    (update.note !== undefined || update.command !== undefined)
  ) {
    next = { ...next, firstRespondedAt: now, history: [...next.history, { kind: 'firstResponse', at: now }] };
  }
  return ok({ record: next, happenings });
}
