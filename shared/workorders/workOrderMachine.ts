import { illegalTransition, type IllegalTransition } from '../illegalTransition';
import { err, ok, type Result } from '../result';
import type { WorkOrderCommand, WorkOrderCommandType } from './workOrderCommand';
import {
  isTerminalWorkOrderStatus,
  workOrderStatuses,
  type WorkOrderState,
  type WorkOrderStatus,
} from './workOrderState';

/**
 * Which states each command may start from. Rebooking after a no-show is `startContact` from
 * Incomplete, after a cancelled appointment from Scheduled or Dispatched; a customer who books while on hold is simply scheduled; `cancel` works from any state
 * that is not finished (Completed only closes).
 */
export const workOrderCommandSources: Readonly<Record<WorkOrderCommandType, readonly WorkOrderStatus[]>> = {
  // A customer who cancels their appointment (not the work) is asked to book again.
  startContact: ['Received', 'Incomplete', 'Scheduled', 'Dispatched'],
  book: ['AwaitingCustomer', 'OnHold'],
  reschedule: ['Scheduled', 'Dispatched'],
  unschedule: ['Scheduled', 'Dispatched'],
  dispatch: ['Scheduled', 'Dispatched'],
  startTravel: ['Dispatched'],
  arrive: ['EnRoute'],
  complete: ['OnSite'],
  markIncomplete: ['EnRoute', 'OnSite'],
  putOnHold: ['AwaitingCustomer'],
  resume: ['OnHold'],
  cancel: workOrderStatuses.filter((status) => status !== 'Completed' && !isTerminalWorkOrderStatus(status)),
  close: ['Completed', 'OnHold', 'Incomplete'],
};

export const canApplyWorkOrderCommand = (status: WorkOrderStatus, command: WorkOrderCommandType): boolean =>
  workOrderCommandSources[command].includes(status);

const assertNever = (value: never): never => {
  throw new Error(`unhandled work-order case ${JSON.stringify(value)}`);
};

const closureOf = (state: WorkOrderState): WorkOrderState => {
  switch (state.status) {
    case 'Completed':
      return { status: 'Closed', outcome: 'completed' };
    case 'OnHold':
      return { status: 'Closed', outcome: 'unreachable' };
    case 'Incomplete':
      return { status: 'Closed', outcome: 'incomplete' };
    default:
      throw new Error(`close from ${state.status} is not in workOrderCommandSources`);
  }
};

/** The technician's visit facts, present in every state the visit commands start from. */
const visitOf = (state: WorkOrderState): { appointmentId: string; technicianId: string } => {
  if ('technicianId' in state)
    return { appointmentId: state.appointmentId, technicianId: state.technicianId };
  throw new Error(`${state.status} has no technician`);
};

const appointmentOf = (state: WorkOrderState): string => {
  if ('appointmentId' in state) return state.appointmentId;
  throw new Error(`${state.status} has no appointment`);
};

function next(state: WorkOrderState, command: WorkOrderCommand): WorkOrderState {
  switch (command.type) {
    case 'startContact':
    case 'resume':
    case 'unschedule':
      return { status: 'AwaitingCustomer' };
    case 'book':
    case 'reschedule':
      return { status: 'Scheduled', appointmentId: command.appointmentId };
    case 'dispatch':
      return {
        status: 'Dispatched',
        appointmentId: appointmentOf(state),
        technicianId: command.technicianId,
      };
    case 'startTravel':
      return { status: 'EnRoute', ...visitOf(state) };
    case 'arrive':
      return { status: 'OnSite', ...visitOf(state) };
    case 'complete':
      return { status: 'Completed', ...visitOf(state) };
    case 'markIncomplete':
      return { status: 'Incomplete', ...visitOf(state), reason: command.reason };
    case 'putOnHold':
      return { status: 'OnHold', reason: command.reason };
    case 'cancel':
      return { status: 'Cancelled', by: command.by };
    case 'close':
      return closureOf(state);
    default:
      return assertNever(command);
  }
}

/** The work-order lifecycle: pure, total over (state, command), and explicit about refusals. */
export function transitionWorkOrder(
  state: WorkOrderState,
  command: WorkOrderCommand,
): Result<WorkOrderState, IllegalTransition> {
  if (!canApplyWorkOrderCommand(state.status, command.type)) {
    return err(illegalTransition('work order', state.status, command.type));
  }
  return ok(next(state, command));
}
