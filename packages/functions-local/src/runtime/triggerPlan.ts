import type { FunctionDescriptor, RuntimePlugin } from '../host';
import { err, ok, type Result } from '../result';
import { serviceBusConnectionProblem } from './serviceBusConnections';
import type { ServiceBusTriggerOptions } from './serviceBusTrigger';
import { resolveSettingExpression, type SettingsMap } from './settings';
import { parseTimerSchedule, type TimerSchedule } from './timerSchedule';

export interface TriggerPlan {
  readonly timers: readonly { readonly fn: FunctionDescriptor; readonly schedule: TimerSchedule }[];
  readonly serviceBus: readonly {
    readonly fn: FunctionDescriptor;
    readonly entity: ServiceBusTriggerOptions['entity'];
  }[];
  /** Functions whose trigger a plug-in serves, with the plug-in's name. */
  readonly plugged: readonly { readonly fn: FunctionDescriptor; readonly plugin: string }[];
}

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined;

function resolved(fn: FunctionDescriptor, property: string, settings: SettingsMap): Result<string, string> {
  const value = text(fn.trigger[property]);
  if (value === undefined) return err(`Function "${fn.name}": trigger has no ${property}`);
  const result = resolveSettingExpression(value, settings);
  return result.ok ? result : err(`Function "${fn.name}": ${property} ${result.error}`);
}

function serviceBusEntity(
  fn: FunctionDescriptor,
  settings: SettingsMap,
): Result<ServiceBusTriggerOptions['entity'], string> {
  if (fn.trigger['isSessionsEnabled'] === true) {
    return err(`Function "${fn.name}": session-enabled Service Bus triggers are not supported locally`);
  }
  if (fn.trigger['cardinality'] === 'many') {
    return err(
      `Function "${fn.name}": Service Bus triggers with cardinality "many" are not supported locally`,
    );
  }
  const connectionProblem = serviceBusConnectionProblem(fn.trigger['connection'], settings);
  if (connectionProblem) return err(`Function "${fn.name}": ${connectionProblem}`);
  if (text(fn.trigger['queueName']) !== undefined) {
    const queueName = resolved(fn, 'queueName', settings);
    return queueName.ok ? ok({ queueName: queueName.value }) : queueName;
  }
  const topicName = resolved(fn, 'topicName', settings);
  if (!topicName.ok) return err(`Function "${fn.name}": trigger has neither queueName nor topicName`);
  const subscriptionName = resolved(fn, 'subscriptionName', settings);
  return subscriptionName.ok
    ? ok({ topicName: topicName.value, subscriptionName: subscriptionName.value })
    : subscriptionName;
}

/**
 * Which part serves each function's trigger, with schedules parsed and `%Setting%` names resolved
 * up front, so every problem shows at start-up. Timer schedules use `WEBSITE_TIME_ZONE` like the
 * host (UTC when unset).
 */
export function planTriggers(
  functions: readonly FunctionDescriptor[],
  settings: SettingsMap,
  plugins: readonly RuntimePlugin[],
): Result<TriggerPlan, string[]> {
  const timers: TriggerPlan['timers'][number][] = [];
  const serviceBus: TriggerPlan['serviceBus'][number][] = [];
  const plugged: TriggerPlan['plugged'][number][] = [];
  const problems: string[] = [];
  const timeZone = settings['WEBSITE_TIME_ZONE'] || 'UTC';
  for (const fn of functions) {
    const type = String(fn.trigger.type);
    if (type === 'timerTrigger') {
      const expression = resolved(fn, 'schedule', settings);
      const schedule = expression.ok ? parseTimerSchedule(expression.value, timeZone) : expression;
      if (schedule.ok) timers.push({ fn, schedule: schedule.value });
      else
        problems.push(
          schedule.error.startsWith('Function') ? schedule.error : `Function "${fn.name}": ${schedule.error}`,
        );
    } else if (type === 'serviceBusTrigger') {
      const entity = serviceBusEntity(fn, settings);
      if (entity.ok) serviceBus.push({ fn, entity: entity.value });
      else problems.push(entity.error);
    } else {
      const plugin = plugins.find((p) => p.triggerTypes.includes(type));
      if (plugin) plugged.push({ fn, plugin: plugin.name });
    }
  }
  return problems.length > 0 ? err(problems) : ok({ timers, serviceBus, plugged });
}
