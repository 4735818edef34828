import { ActionType, type Action } from './orchestratorState';

const actionTypeName = (type: number): string =>
  (Object.keys(ActionType) as (keyof typeof ActionType)[]).find((name) => ActionType[name] === type) ??
  `#${type}`;

/**
 * What of an action must replay identically: its kind and target, as the Durable Task Framework
 * checks them. Inputs and timer due times are left out on purpose, as the framework does.
 */
export function signatureOf(action: Action): string {
  switch (action.actionType) {
    case ActionType.CallActivity:
    case ActionType.CallActivityWithRetry:
    case ActionType.CallSubOrchestrator:
    case ActionType.CallSubOrchestratorWithRetry:
      return `${actionTypeName(action.actionType)}('${action.functionName}')`;
    case ActionType.WaitForExternalEvent:
      return `WaitForExternalEvent('${action.externalEventName}')`;
    case ActionType.CreateTimer:
    case ActionType.ContinueAsNew:
      return actionTypeName(action.actionType);
    case ActionType.WhenAll:
    case ActionType.WhenAny:
      return `${actionTypeName(action.actionType)}[${action.compoundActions.map(signatureOf).join(', ')}]`;
    case ActionType.CallEntity:
    case ActionType.CallHttp:
    case ActionType.SignalEntity:
    case ActionType.LockEntities:
    case ActionType.ReleaseEntities:
      return actionTypeName(action.actionType);
    default: {
      const unreachable: never = action;
      return String(unreachable);
    }
  }
}

export type LeafAction = Exclude<Action, { readonly compoundActions: readonly Action[] }>;

/** Leaf actions in the order the library numbers their tasks (compound children depth-first). */
export function leavesOf(actions: readonly Action[]): LeafAction[] {
  const leaves: LeafAction[] = [];
  for (const action of actions) {
    if ('compoundActions' in action) leaves.push(...leavesOf(action.compoundActions));
    else leaves.push(action);
  }
  return leaves;
}

export const unsupportedActionName = actionTypeName;

/**
 * The library JSON-encodes string inputs of activities and continue-as-new (Utils.processInput);
 * the host decodes them again before handing them on, so the callee sees the original string.
 */
export function decodeProcessedInput(input: unknown): unknown {
  if (typeof input !== 'string') return input;
  try {
    return JSON.parse(input) as unknown;
  } catch {
    return input;
  }
}
