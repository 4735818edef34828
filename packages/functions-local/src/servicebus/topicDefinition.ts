import { z } from 'zod';
import type { ResourceManifest } from '../resources';
import { err, ok, type Result } from '../result';
import { parseIsoDuration } from './isoDuration';
import type { QueueSettings } from './queueDefinition';
import { defaultRule, RuleDefinition, ruleFromDefinition, type Rule } from './rules/rule';

/**
 * A subscription as a manifest declares it, with the property names of the ARM/Bicep
 * `Microsoft.ServiceBus/namespaces/topics/subscriptions` resource. Without `rules` it has the
 * `$Default` rule (a TrueFilter), as a subscription created in Azure does.
 */
export const SubscriptionDefinition = z.object({
  name: z.string().min(1).max(50),
  lockDuration: z.string(),
  maxDeliveryCount: z.number().int().min(1),
  defaultMessageTimeToLive: z.string(),
  deadLetteringOnMessageExpiration: z.boolean(),
  /** Azure's default is true: a message whose filter cannot be evaluated is dead-lettered. */
  deadLetteringOnFilterEvaluationExceptions: z.boolean().default(true),
  requiresSession: z.boolean(),
  forwardTo: z.string().min(1).optional(),
  rules: z.array(RuleDefinition).optional(),
});
export type SubscriptionDefinition = z.input<typeof SubscriptionDefinition>;

export const TopicDefinition = z.object({
  name: z.string().min(1).max(260),
  defaultMessageTimeToLive: z.string(),
  requiresDuplicateDetection: z.boolean(),
  duplicateDetectionHistoryTimeWindow: z.string(),
  subscriptions: z.record(z.string(), SubscriptionDefinition),
});
export type TopicDefinition = z.input<typeof TopicDefinition>;

export interface SubscriptionSettings {
  /** Entity path: `<topic>/Subscriptions/<name>`. */
  readonly path: string;
  readonly name: string;
  /** What its message entities run with (the subscription's own lock, TTL and delivery limits). */
  readonly entity: QueueSettings;
  readonly deadLetteringOnFilterEvaluationExceptions: boolean;
  readonly rules: readonly Rule[];
}

export interface TopicSettings {
  readonly name: string;
  /** Holds scheduled messages and the duplicate-detection history until they are routed. */
  readonly entity: QueueSettings;
  readonly subscriptions: readonly SubscriptionSettings[];
}

export const subscriptionPath = (topic: string, subscription: string): string =>
  `${topic}/Subscriptions/${subscription}`;

function duration(owner: string, field: string, value: string): Result<number, string> {
  const parsed = parseIsoDuration(value);
  return parsed.ok ? parsed : err(`${owner} ${field}: ${parsed.error}`);
}

export function resolveTopic(raw: unknown): Result<TopicSettings, string> {
  const parsed = TopicDefinition.safeParse(raw);
  if (!parsed.success) return err(`invalid topic definition: ${parsed.error.message}`);
  const def = parsed.data;
  const owner = `topic '${def.name}'`;
  const ttl = duration(owner, 'defaultMessageTimeToLive', def.defaultMessageTimeToLive);
  const window = duration(
    owner,
    'duplicateDetectionHistoryTimeWindow',
    def.duplicateDetectionHistoryTimeWindow,
  );
  if (!ttl.ok) return ttl;
  if (!window.ok) return window;
  const subscriptions: SubscriptionSettings[] = [];
  const names = new Set<string>();
  for (const sub of Object.values(def.subscriptions)) {
    const subOwner = `subscription '${def.name}/${sub.name}'`;
    if (names.has(sub.name.toLowerCase())) return err(`${subOwner} is defined twice`);
    names.add(sub.name.toLowerCase());
    const lock = duration(subOwner, 'lockDuration', sub.lockDuration);
    const subTtl = duration(subOwner, 'defaultMessageTimeToLive', sub.defaultMessageTimeToLive);
    if (!lock.ok) return lock;
    if (!subTtl.ok) return subTtl;
    const rules: Rule[] = [];
    for (const definition of sub.rules ?? []) {
      const rule = ruleFromDefinition(definition);
      if (!rule.ok) return err(`${subOwner}: ${rule.error}`);
      if (rules.some((r) => r.name.toLowerCase() === rule.value.name.toLowerCase()))
        return err(`${subOwner}: rule '${rule.value.name}' is defined twice`);
      rules.push(rule.value);
    }
    const path = subscriptionPath(def.name, sub.name);
    subscriptions.push({
      path,
      name: sub.name,
      entity: {
        name: path,
        lockDurationMs: lock.value,
        maxDeliveryCount: sub.maxDeliveryCount,
        // A message lives by the shorter of the topic's and the subscription's default.
        defaultTimeToLiveMs: Math.min(ttl.value, subTtl.value),
        deadLetteringOnMessageExpiration: sub.deadLetteringOnMessageExpiration,
        // Duplicates are detected once, at the topic.
        requiresDuplicateDetection: false,
        duplicateDetectionWindowMs: 0,
        requiresSession: sub.requiresSession,
        forwardTo: sub.forwardTo,
      },
      deadLetteringOnFilterEvaluationExceptions: sub.deadLetteringOnFilterEvaluationExceptions,
      rules: sub.rules === undefined ? [defaultRule] : rules,
    });
  }
  return ok({
    name: def.name,
    entity: {
      name: def.name,
      lockDurationMs: 60_000,
      maxDeliveryCount: 1,
      defaultTimeToLiveMs: ttl.value,
      deadLetteringOnMessageExpiration: false,
      requiresDuplicateDetection: def.requiresDuplicateDetection,
      duplicateDetectionWindowMs: window.value,
      requiresSession: false,
      forwardTo: undefined,
    },
    subscriptions,
  });
}

/** The topics the resource manifest declares (`serviceBus.topics`), with their subscriptions and rules. */
export function topicsFromManifest(manifest: ResourceManifest): TopicDefinition[] {
  return Object.values(manifest.serviceBus?.topics ?? {}).map((topic) => TopicDefinition.parse(topic));
}
