import { illegalTransition, type IllegalTransition } from '../illegalTransition';
import { err, ok, type Result } from '../result';
import type { CaseCommand, CaseCommandType } from './caseCommand';
import type { ActiveCaseReason, CaseState, CaseStatus } from './caseState';

/**
 * Which statuses each command may start from. Active cases move freely between their reasons
 * (none goes back to New). Reactivation exists because agents reopen cases the customer calls
 * back about; it lands on InProgress since someone is now working it. Cancelled is final.
 */
export const caseCommandSources: Readonly<Record<CaseCommandType, readonly CaseStatus[]>> = {
  startWork: ['Active'],
  awaitCustomer: ['Active'],
  hold: ['Active'],
  referToFieldService: ['Active'],
  resolve: ['Active'],
  cancel: ['Active'],
  reactivate: ['Resolved'],
};

export const canApplyCaseCommand = (status: CaseStatus, command: CaseCommandType): boolean =>
  caseCommandSources[command].includes(status);

const active = (reason: ActiveCaseReason): CaseState => ({ status: 'Active', reason });

const assertNever = (value: never): never => {
  throw new Error(`unhandled case command ${JSON.stringify(value)}`);
};

function next(command: CaseCommand): CaseState {
  switch (command.type) {
    case 'startWork':
    case 'reactivate':
      return active('InProgress');
    case 'awaitCustomer':
      return active('WaitingForCustomer');
    case 'hold':
      return active('OnHold');
    case 'referToFieldService':
      return active('InFieldService');
    case 'resolve':
      return { status: 'Resolved', reason: command.reason };
    case 'cancel':
      return { status: 'Cancelled', reason: command.reason };
    default:
      return assertNever(command);
  }
}

export function transitionCase(state: CaseState, command: CaseCommand): Result<CaseState, IllegalTransition> {
  if (!canApplyCaseCommand(state.status, command.type)) {
    return err(illegalTransition('case', state.status, command.type));
  }
  return ok(next(command));
}
