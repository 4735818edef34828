import { createHash } from 'node:crypto';
import type { WorkOrder } from '../workorders/workOrder';
import { initialWorkOrderState } from '../workorders/workOrderState';

const maxIdLength = 100;

/** `WO-…` → `WO-….F1` → `WO-….F2`: one id per follow-up generation, so a repeat creates nothing new. */
export function followUpIdFor(workOrderId: string): string {
  const match = /^(.*)\.F(\d+)$/.exec(workOrderId);
  const id = match ? `${match[1]}.F${Number(match[2]) + 1}` : `${workOrderId}.F1`;
  if (id.length <= maxIdLength) return id;
  return `FU-${createHash('sha256').update(id).digest('hex').slice(0, 40)}`;
}

/**
 * The next visit for work a technician could only partly do. It keeps the utility's identity and
 * correlation (the utility still sees one work order), the linked cases, and `receivedAt`: the
 * time-to-complete SLA keeps running from the original order, not from the follow-up.
 */
export function followUpWorkOrder(original: WorkOrder, note: string | undefined, now: string): WorkOrder {
  const { fieldUpdates: _fieldUpdates, notes: _notes, ...kept } = original;
  return {
    ...kept,
    id: followUpIdFor(original.id),
    followUpOf: original.id,
    state: initialWorkOrderState,
    contactAttempts: 0,
    caseIds: [...original.caseIds],
    notes: (note ?? `Follow-up of ${original.id}`).slice(0, 2000),
    updatedAt: now,
  };
}
