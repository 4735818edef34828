import {
  fromTypedData,
  type FunctionApp,
  type FunctionDescriptor,
  type InvocationInput,
  type InvocationOutcome,
  type RpcBindingInfo,
  type RpcTypedData,
  type RuntimePlugin,
} from '../host';
import { bindingData, type BindingData } from './bindingExpressions';
import { blobBindingProblem, type BlobBindings } from './blobBindings';
import { outputMessages } from './serviceBusMessages';
import { serviceBusConnectionProblem, type ServiceBusConnections } from './serviceBusConnections';
import { resolveSettingExpression, type SettingsMap } from './settings';

/** Trigger types the runtime serves itself; every other one needs a plug-in. */
export const runtimeTriggerTypes: readonly string[] = ['httpTrigger', 'timerTrigger', 'serviceBusTrigger'];

/** Output binding types the runtime delivers (`http` is the HTTP trigger's response). */
const runtimeOutputTypes: readonly string[] = ['http', 'serviceBus', 'blob'];

/** Input binding types the runtime reads itself; others need a plug-in. */
const runtimeInputTypes: readonly string[] = ['blob'];

const returnBindingName = '$return';

const entityOf = (binding: RpcBindingInfo): unknown => binding['queueName'] ?? binding['topicName'];

/**
 * Every binding no part of the runtime can serve, as one message per problem, so the app fails to
 * start with all of them named instead of failing on the first invocation.
 */
export function bindingProblems(
  functions: readonly FunctionDescriptor[],
  plugins: readonly RuntimePlugin[],
  settings: SettingsMap,
): string[] {
  const triggerTypes = new Set([...runtimeTriggerTypes, ...plugins.flatMap((p) => p.triggerTypes)]);
  const inputTypes = new Set([...runtimeInputTypes, ...plugins.flatMap((p) => p.inputBindingTypes)]);
  const problems: string[] = [];
  for (const fn of functions) {
    const triggerType = String(fn.trigger.type);
    if (!triggerTypes.has(triggerType)) {
      problems.push(
        `Function "${fn.name}": the binding type "${triggerType}" is not registered in the local runtime (no part or plug-in serves this trigger)`,
      );
    }
    for (const [name, binding] of Object.entries(fn.inputs)) {
      if (!inputTypes.has(String(binding.type))) {
        problems.push(
          `Function "${fn.name}": the binding type "${String(binding.type)}" (input "${name}") is not registered in the local runtime`,
        );
      } else if (binding.type === 'blob') {
        const problem = blobBindingProblem(binding, settings);
        if (problem) problems.push(`Function "${fn.name}": input binding "${name}": ${problem}`);
      }
    }
    for (const [name, binding] of Object.entries(fn.outputs)) {
      const type = String(binding.type);
      if (!runtimeOutputTypes.includes(type)) {
        problems.push(
          `Function "${fn.name}": the binding type "${type}" (output "${name}") is not registered in the local runtime`,
        );
      } else if (type === 'serviceBus') {
        const entity = entityOf(binding);
        const resolved = typeof entity === 'string' ? resolveSettingExpression(entity, settings) : undefined;
        const problem = resolved
          ? resolved.ok
            ? serviceBusConnectionProblem(binding['connection'], settings)
            : resolved.error
          : 'names no queueName or topicName';
        if (problem) problems.push(`Function "${fn.name}": output binding "${name}": ${problem}`);
      } else if (type === 'blob') {
        const problem = blobBindingProblem(binding, settings);
        if (problem) problems.push(`Function "${fn.name}": output binding "${name}": ${problem}`);
      }
    }
  }
  return problems;
}

export interface BindingPipelineDependencies {
  readonly app: FunctionApp;
  readonly plugins: readonly RuntimePlugin[];
  readonly settings: SettingsMap;
  readonly serviceBus: () => ServiceBusConnections;
  readonly blob: () => BlobBindings;
}

export type Invoker = (functionName: string, input: InvocationInput) => Promise<InvocationOutcome>;

/**
 * The host's invocation pipeline: extra inputs come from the plug-in serving their type, the
 * function runs, and only after it succeeded are its output bindings delivered (a function that
 * throws sends nothing, as with the real Service Bus output binding).
 */
export function createInvoker(deps: BindingPipelineDependencies): Invoker {
  const servingInput = (type: string): RuntimePlugin | undefined =>
    deps.plugins.find((plugin) => plugin.inputBindingTypes.includes(type));

  const deliver = async (binding: RpcBindingInfo, data: RpcTypedData, names: BindingData): Promise<void> => {
    if (binding.type === 'blob') {
      await deps.blob().write(binding, names, data);
      return;
    }
    if (binding.type !== 'serviceBus') return;
    const entity = resolveSettingExpression(String(entityOf(binding)), deps.settings);
    if (!entity.ok) throw new Error(entity.error);
    const messages = outputMessages(fromTypedData(data));
    if (messages.length === 0) return;
    const connection = typeof binding['connection'] === 'string' ? binding['connection'] : undefined;
    await deps.serviceBus().sender(connection, entity.value).sendMessages(messages);
  };

  return async (functionName, input) => {
    const fn = deps.app.get(functionName);
    if (!fn) throw new Error(`No function named "${functionName}" is registered.`);
    const extraInputs: Record<string, RpcTypedData> = { ...(input.extraInputs ?? {}) };
    const names = bindingData(input);
    for (const [name, binding] of Object.entries(fn.inputs)) {
      if (extraInputs[name]) continue;
      if (binding.type === 'blob') {
        extraInputs[name] = await deps.blob().read(binding, names);
        continue;
      }
      const plugin = servingInput(String(binding.type));
      if (!plugin) throw new Error(`Function "${fn.name}": input binding "${name}" is not served`);
      extraInputs[name] = plugin.resolveInput(binding, fn);
    }
    const outcome = await deps.app.invoke(fn.name, { ...input, extraInputs });
    for (const [name, data] of Object.entries(outcome.outputs)) {
      const binding = fn.outputs[name];
      if (binding) await deliver(binding, data, names);
    }
    // `return: output.serviceBusQueue(...)` binds the return value itself.
    const returnBinding = fn.outputs[returnBindingName];
    if (returnBinding && outcome.returnValue) await deliver(returnBinding, outcome.returnValue, names);
    return outcome;
  };
}
