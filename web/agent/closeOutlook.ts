import type { CaseRecord } from '../../shared/cases/caseRecord';
import { closeOutDue, isFinishedWork } from '../../shared/cases/closeOutPolicy';
import type { SyncSettings } from '../../shared/cases/workOrderLinks';

/**
 * What closing a case will and will not do, in the words the close page shows before the agent
 * confirms, derived from the configured cascade (`CaseClosureCascade`, `CaseCloseOutPolicy`) and
 * the work orders of the case's current resolution cycle.
 */
export interface CloseOutlook {
  /** What the cascade does if the agent leaves the case open. */
  readonly cascade: string;
  /** Linked work orders of this cycle still going on in the field. */
  readonly openWorkOrderIds: readonly string[];
  readonly ifResolved: readonly string[];
  readonly ifCancelled: readonly string[];
}

const policyText = (settings: SyncSettings): string =>
  settings.policy === 'allWorkOrders'
    ? 'when every linked work order of this cycle has finished, at least one completed'
    : 'on the first completed linked work order of this cycle';

export function closeOutlook(record: CaseRecord, settings: SyncSettings): CloseOutlook {
  const current = record.workOrders.filter((linked) => linked.cycle === record.cycle);
  const open = current.filter((linked) => !isFinishedWork(linked.state)).map((linked) => linked.workOrderId);
  const cascade = !settings.cascade
    ? 'The closure cascade is off: finished field work never resolves this case; an agent closes it.'
    : current.length === 0
      ? `The closure cascade is on, but no work order is linked in this cycle, so nothing will resolve the case by itself (it would resolve ${policyText(settings)}).`
      : closeOutDue(settings.policy, current)
        ? 'The closure cascade is on and the field work already qualifies: the next status update of a linked work order resolves the case.'
        : `The closure cascade is on: left open, the case resolves by itself ${policyText(settings)}.`;
  const carried =
    open.length === 0
      ? []
      : [
          `The open work orders (${open.join(', ')}) are not cancelled and go on; once the case is closed their outcome no longer changes it.`,
        ];
  return {
    cascade,
    openWorkOrderIds: open,
    ifResolved: [
      'The resolution clock stops now: met if within target, breached otherwise.',
      ...carried,
      'If the customer calls back, an agent can reactivate it: open work orders then count for the new cycle.',
    ],
    ifCancelled: [
      'Cancelling is final: the case cannot be reactivated and its SLA clocks are cancelled.',
      ...carried,
    ],
  };
}
