import { z } from 'zod';
import { err, ok, type Result } from '../result';

/** `ActionType` numbers of `durable-functions` (lib/src/actions/ActionType.js). */
export const ActionType = {
  CallActivity: 0,
  CallActivityWithRetry: 1,
  CallSubOrchestrator: 2,
  CallSubOrchestratorWithRetry: 3,
  ContinueAsNew: 4,
  CreateTimer: 5,
  WaitForExternalEvent: 6,
  CallEntity: 7,
  CallHttp: 8,
  SignalEntity: 9,
  WhenAny: 11,
  WhenAll: 12,
  LockEntities: 13,
  ReleaseEntities: 14,
} as const;

export const retryOptionsSchema = z.object({
  firstRetryIntervalInMilliseconds: z.number().positive(),
  maxNumberOfAttempts: z.number().int(),
  backoffCoefficient: z.number().positive().optional(),
  maxRetryIntervalInMilliseconds: z.number().positive().optional(),
  retryTimeoutInMilliseconds: z.number().positive().optional(),
});
export type RetryOptions = z.infer<typeof retryOptionsSchema>;

const callActivity = z.object({
  actionType: z.literal(ActionType.CallActivity),
  functionName: z.string(),
  input: z.unknown().optional(),
});
const callActivityWithRetry = callActivity.extend({
  actionType: z.literal(ActionType.CallActivityWithRetry),
  retryOptions: retryOptionsSchema,
});
const callSubOrchestrator = z.object({
  actionType: z.literal(ActionType.CallSubOrchestrator),
  functionName: z.string(),
  instanceId: z.string().nullish(),
  input: z.unknown().optional(),
});
const callSubOrchestratorWithRetry = callSubOrchestrator.extend({
  actionType: z.literal(ActionType.CallSubOrchestratorWithRetry),
  retryOptions: retryOptionsSchema,
});
const continueAsNew = z.object({
  actionType: z.literal(ActionType.ContinueAsNew),
  input: z.unknown().optional(),
});
const createTimer = z.object({
  actionType: z.literal(ActionType.CreateTimer),
  fireAt: z.iso.datetime({ offset: true }),
  isCanceled: z.boolean().optional(),
});
const waitForExternalEvent = z.object({
  actionType: z.literal(ActionType.WaitForExternalEvent),
  externalEventName: z.string(),
});
const entityIdSchema = z.object({ name: z.string().min(1), key: z.string() });
/** `instanceId` is the scheduler id `@name@key` (EntityId.getSchedulerIdFromEntityId). */
const callEntity = z.object({
  actionType: z.literal(ActionType.CallEntity),
  instanceId: z.string().startsWith('@'),
  operation: z.string().min(1),
  input: z.unknown().optional(),
});
const signalEntity = callEntity.extend({ actionType: z.literal(ActionType.SignalEntity) });
const lockEntities = z.object({
  actionType: z.literal(ActionType.LockEntities),
  lockRequestId: z.string().min(1),
  lockSet: z.array(entityIdSchema).min(1),
});
const releaseEntities = z.object({ actionType: z.literal(ActionType.ReleaseEntities) });
/** DurableHttpRequest as the library serialises it. */
export const durableHttpRequestSchema = z.object({
  method: z.string().min(1),
  uri: z.string().min(1),
  content: z.string().nullish(),
  headers: z.record(z.string(), z.union([z.string(), z.array(z.string())])).nullish(),
  tokenSource: z.unknown().optional(),
  asynchronousPatternEnabled: z.boolean().optional(),
});
export type DurableHttpRequest = z.infer<typeof durableHttpRequestSchema>;
const callHttp = z.object({
  actionType: z.literal(ActionType.CallHttp),
  httpRequest: durableHttpRequestSchema,
});

export type CallActivityAction = z.infer<typeof callActivity>;
export type CallActivityWithRetryAction = z.infer<typeof callActivityWithRetry>;
export type CallSubOrchestratorAction = z.infer<typeof callSubOrchestrator>;
export type CallSubOrchestratorWithRetryAction = z.infer<typeof callSubOrchestratorWithRetry>;
export type ContinueAsNewAction = z.infer<typeof continueAsNew>;
export type CreateTimerAction = z.infer<typeof createTimer>;
export type WaitForExternalEventAction = z.infer<typeof waitForExternalEvent>;
export type CallEntityAction = z.infer<typeof callEntity>;
export type SignalEntityAction = z.infer<typeof signalEntity>;
export type LockEntitiesAction = z.infer<typeof lockEntities>;
export type ReleaseEntitiesAction = z.infer<typeof releaseEntities>;
export type CallHttpAction = z.infer<typeof callHttp>;
export interface CompoundAction {
  readonly actionType: typeof ActionType.WhenAll | typeof ActionType.WhenAny;
  readonly compoundActions: readonly Action[];
}
export type Action =
  | CallActivityAction
  | CallActivityWithRetryAction
  | CallSubOrchestratorAction
  | CallSubOrchestratorWithRetryAction
  | ContinueAsNewAction
  | CreateTimerAction
  | WaitForExternalEventAction
  | CallEntityAction
  | SignalEntityAction
  | LockEntitiesAction
  | ReleaseEntitiesAction
  | CallHttpAction
  | CompoundAction;

const actionSchema: z.ZodType<Action> = z.lazy(() =>
  z.union([
    callActivity,
    callActivityWithRetry,
    callSubOrchestrator,
    callSubOrchestratorWithRetry,
    continueAsNew,
    createTimer,
    waitForExternalEvent,
    callEntity,
    signalEntity,
    lockEntities,
    releaseEntities,
    callHttp,
    z.object({
      actionType: z.union([z.literal(ActionType.WhenAll), z.literal(ActionType.WhenAny)]),
      compoundActions: z.array(actionSchema),
    }),
  ]),
);

const failureDetailsSchema = z.object({
  ErrorType: z.string().optional(),
  ErrorMessage: z.string().optional(),
  StackTrace: z.string().nullish(),
});

/** What an orchestrator episode returns (`OrchestratorState` of the library, schema V2+). */
export const orchestratorStateSchema = z.object({
  isDone: z.boolean(),
  actions: z.array(z.array(actionSchema)),
  output: z.unknown().optional(),
  error: z.string().optional(),
  customStatus: z.unknown().optional(),
  schemaVersion: z.number().int(),
  failureDetails: failureDetailsSchema.optional(),
});
export type OrchestratorState = z.infer<typeof orchestratorStateSchema>;

/** The library's label between a failed orchestrator's message and its state (OrchestrationFailureError). */
const outOfProcDataLabel = '\n\n$OutOfProcData$:';

/** An episode's outcome: the orchestrator either returned a state or threw one inside its error. */
export interface EpisodeResult {
  readonly state: OrchestratorState;
  readonly failed: boolean;
}

export function parseReturnedState(value: unknown): Result<EpisodeResult, string> {
  const parsed = orchestratorStateSchema.safeParse(value);
  if (!parsed.success) return err(`The orchestrator returned an unexpected state: ${parsed.error.message}`);
  return ok({ state: parsed.data, failed: false });
}

export function parseThrownState(error: unknown): Result<EpisodeResult, string> {
  const message = error instanceof Error ? error.message : String(error);
  const at = message.indexOf(outOfProcDataLabel);
  if (at < 0) return err(message);
  let json: unknown;
  try {
    json = JSON.parse(message.slice(at + outOfProcDataLabel.length));
  } catch {
    return err(message);
  }
  const parsed = orchestratorStateSchema.safeParse(json);
  if (!parsed.success) return err(message);
  return ok({ state: parsed.data, failed: true });
}
