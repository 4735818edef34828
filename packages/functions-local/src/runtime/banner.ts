import type { RuntimePlugin } from '../host';
import type { FunctionKeys } from './authKeys';
import type { FunctionInError } from './functionsInError';
import type { StartedPart } from './embeddedParts';
import type { HostConfig } from './hostConfig';
import type { RouteTable } from './httpRoutes';
import { entityLabel } from './serviceBusTrigger';
import type { TriggerPlan } from './triggerPlan';

/** What the banner and tests learn about each function once the runtime is up. */
export interface FunctionSummary {
  readonly name: string;
  readonly triggerType: string;
  /** The URL (HTTP), schedule (timer), queue (Service Bus) or serving plug-in. */
  readonly target: string;
  readonly methods?: readonly string[];
  readonly authLevel?: string;
}

export function summarizeFunctions(
  plan: TriggerPlan,
  routes: RouteTable,
  hostConfig: HostConfig,
  url: string,
): FunctionSummary[] {
  const base = hostConfig.routePrefix === '' ? url : `${url}/${hostConfig.routePrefix}`;
  return [
    ...routes.routes.map((route) => ({
      name: route.fn.name,
      triggerType: 'httpTrigger',
      target: `${base}/${route.template.template.replace(/^\/+/, '')}`,
      methods: route.methods,
      authLevel: route.authLevel,
    })),
    ...plan.timers.map(({ fn, schedule }) => ({
      name: fn.name,
      triggerType: 'timerTrigger',
      target: `schedule ${schedule.expression}${fn.trigger['runOnStartup'] === true ? ', runOnStartup' : ''}`,
    })),
    ...plan.serviceBus.map(({ fn, entity }) => ({
      name: fn.name,
      triggerType: 'serviceBusTrigger',
      target: `queue ${entityLabel(entity)}`,
    })),
    ...plan.plugged.map(({ fn, plugin }) => ({
      name: fn.name,
      triggerType: String(fn.trigger.type),
      target: `served by ${plugin}`,
    })),
  ].sort((a, b) => a.name.localeCompare(b.name));
}

/** A `func start`-like listing: every function with its URL or trigger, then the parts and keys. */
export function bannerLines(args: {
  readonly url: string;
  readonly functions: readonly FunctionSummary[];
  readonly inError: readonly FunctionInError[];
  readonly parts: readonly StartedPart[];
  readonly plugins: readonly RuntimePlugin[];
  readonly keys: FunctionKeys;
}): string[] {
  const width = Math.max(0, ...args.functions.map((f) => f.name.length));
  const lines = [`Local Functions runtime on ${args.url}`, '', 'Functions:', ''];
  for (const fn of args.functions) {
    const detail =
      fn.triggerType === 'httpTrigger'
        ? `[${fn.methods && fn.methods.length > 0 ? fn.methods.join(',') : 'ALL'}] ${fn.target}${fn.authLevel === 'anonymous' ? '' : ` (${fn.authLevel})`}`
        : `${fn.triggerType}: ${fn.target}`;
    lines.push(`  ${fn.name.padEnd(width)}  ${detail}`);
  }
  if (args.inError.length > 0) {
    lines.push('', 'Functions in error (not running; the others are):', '');
    for (const fn of args.inError) lines.push(`  ${fn.name}: ${fn.reasons.join('; ')}`);
  }
  const partLines = [...args.parts.flatMap((p) => p.banner), ...args.plugins.flatMap((p) => p.describe())];
  if (partLines.length > 0) lines.push('', 'Local services:', '', ...partLines.map((line) => `  ${line}`));
  lines.push(
    '',
    'Keys (send as x-functions-key header or ?code=):',
    `  function  ${args.keys.function}`,
    `  master    ${args.keys.master}`,
  );
  return lines;
}
