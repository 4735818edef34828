import { z } from 'zod';
import { err, ok, type Result } from '../result';
import type { EntityAddress } from './entityId';
import type { EntityRecord } from './entityRecord';
import type { OperationRequest } from './entityQueue';

/**
 * The entity trigger's binding data (DurableEntityBindingInfo in durable-functions): the entity,
 * whether it exists, its state as JSON text, and the batch of operations to run in order.
 */
export function entityBindingData(
  record: EntityRecord,
  requests: readonly OperationRequest[],
): Record<string, unknown> {
  return {
    self: { name: record.name, key: record.key },
    exists: record.exists,
    ...(record.state === undefined ? {} : { state: record.state }),
    batch: requests.map((request) => ({
      id: request.id,
      name: request.operation,
      signal: request.signal,
      ...(request.input === undefined ? {} : { input: request.input }),
    })),
  };
}

const operationResultSchema = z.object({
  isError: z.boolean(),
  duration: z.number().optional(),
  startTime: z.number().optional(),
  result: z.string().nullish(),
});

const signalSchema = z.object({
  target: z.object({ name: z.string().min(1), key: z.string() }),
  name: z.string().min(1),
  input: z.string().nullish(),
});

/** What the entity function returns (EntityState in durable-functions). */
const entityStateSchema = z.object({
  entityExists: z.boolean(),
  entityState: z.string().nullish(),
  results: z.array(operationResultSchema),
  signals: z.array(signalSchema),
});
export type EntityBatchResult = z.infer<typeof entityStateSchema>;
export type OperationResult = z.infer<typeof operationResultSchema>;

export function parseEntityBatchResult(value: unknown): Result<EntityBatchResult, string> {
  const parsed = entityStateSchema.safeParse(value);
  return parsed.success
    ? ok(parsed.data)
    : err(`The entity function returned an unexpected state: ${parsed.error.message}`);
}

/** A signal an operation sent to another entity, with its input as JSON text (absent for none). */
export interface OutgoingSignal {
  readonly target: EntityAddress;
  readonly operation: string;
  readonly input?: string;
}

export const outgoingSignals = (result: EntityBatchResult): OutgoingSignal[] =>
  result.signals.map((signal) => ({
    target: signal.target,
    operation: signal.name,
    // The library writes "" for a signal without input.
    ...(signal.input === undefined || signal.input === null || signal.input === ''
      ? {}
      : { input: signal.input }),
  }));

/**
 * The answer to a call, as the ResponseMessage durable-functions parses: `result` is the operation's
 * JSON text, and `exceptionType` marks a failed operation (the library then throws in the caller).
 */
export function responseMessage(result: OperationResult | undefined, failure?: string): string {
  if (failure !== undefined)
    return JSON.stringify({ result: JSON.stringify(failure), exceptionType: 'Error' });
  if (!result) return JSON.stringify({});
  return JSON.stringify({
    ...(result.result === undefined || result.result === null ? {} : { result: result.result }),
    ...(result.isError ? { exceptionType: 'Error' } : {}),
  });
}
