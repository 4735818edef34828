import { z } from 'zod';
import { err, ok, type Result } from '../../result';
import { withChanges, type MessageContent } from '../messageContent';
import type { ActionStatement, Predicate, SqlValue } from './sqlAst';
import { evaluateExpression, evaluatePredicate, FilterEvaluationError } from './sqlEvaluate';
import { parseSqlAction, parseSqlFilter } from './sqlParser';
import { amqpFieldOf, fromAny, systemProperty, userProperty, type RoutedMessage } from './systemProperties';

/** The correlation filter's fields, named as the SDK's CorrelationRuleFilter names them. */
export const CorrelationFilter = z.object({
  correlationId: z.string().optional(),
  messageId: z.string().optional(),
  to: z.string().optional(),
  replyTo: z.string().optional(),
  subject: z.string().optional(),
  sessionId: z.string().optional(),
  replyToSessionId: z.string().optional(),
  contentType: z.string().optional(),
  applicationProperties: z
    .record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.date()]))
    .optional(),
});
export type CorrelationFilter = z.infer<typeof CorrelationFilter>;

/**
 * A subscription rule as a manifest declares it, in the shape of the ARM/Bicep `Microsoft.ServiceBus/
 * namespaces/topics/subscriptions/rules` resource: a SQL or correlation filter and an optional SQL action.
 */
export const RuleDefinition = z.object({
  name: z.string().min(1).max(50),
  filterType: z.enum(['SqlFilter', 'CorrelationFilter']),
  sqlFilter: z.object({ sqlExpression: z.string().min(1) }).optional(),
  correlationFilter: CorrelationFilter.optional(),
  action: z.object({ sqlExpression: z.string().min(1) }).optional(),
});
export type RuleDefinition = z.infer<typeof RuleDefinition>;

export type RuleFilter =
  | { readonly kind: 'true' }
  | { readonly kind: 'false' }
  | { readonly kind: 'sql'; readonly expression: string; readonly predicate: Predicate }
  | { readonly kind: 'correlation'; readonly fields: CorrelationFilter };

export interface Rule {
  readonly name: string;
  readonly filter: RuleFilter;
  /** The action's text and parsed statements; absent for a rule without an action. */
  readonly action:
    { readonly expression: string; readonly statements: readonly ActionStatement[] } | undefined;
}

/** Every subscription starts with this rule: a TrueFilter that selects every message, no action. */
export const defaultRuleName = '$Default';
export const defaultRule: Rule = { name: defaultRuleName, filter: { kind: 'true' }, action: undefined };

// The SDK reads "1=1" and "1=0" back as the True and False filters; Service Bus stores them so.
const constantFilter = (expression: string): RuleFilter | undefined => {
  const compact = expression.replace(/\s+/g, '');
  if (compact === '1=1') return { kind: 'true' };
  if (compact === '1=0') return { kind: 'false' };
  return undefined;
};

export function sqlFilter(expression: string): Result<RuleFilter, string> {
  const constant = constantFilter(expression);
  if (constant) return ok(constant);
  const parsed = parseSqlFilter(expression);
  return parsed.ok
    ? ok({ kind: 'sql', expression, predicate: parsed.value })
    : err(`invalid SQL filter '${expression}': ${parsed.error}`);
}

export function buildRule(
  name: string,
  filter: Result<RuleFilter, string>,
  actionExpression: string | undefined,
): Result<Rule, string> {
  if (!filter.ok) return filter;
  if (actionExpression === undefined) return ok({ name, filter: filter.value, action: undefined });
  const statements = parseSqlAction(actionExpression);
  if (!statements.ok) return err(`invalid SQL action '${actionExpression}': ${statements.error}`);
  return ok({
    name,
    filter: filter.value,
    action: { expression: actionExpression, statements: statements.value },
  });
}

export function ruleFromDefinition(raw: unknown): Result<Rule, string> {
  const parsed = RuleDefinition.safeParse(raw);
  if (!parsed.success) return err(`invalid rule: ${parsed.error.message}`);
  const definition = parsed.data;
  const filter: Result<RuleFilter, string> =
    definition.filterType === 'SqlFilter'
      ? definition.sqlFilter
        ? sqlFilter(definition.sqlFilter.sqlExpression)
        : err(`rule '${definition.name}' is a SqlFilter without sqlFilter.sqlExpression`)
      : definition.correlationFilter
        ? ok({ kind: 'correlation', fields: definition.correlationFilter })
        : err(`rule '${definition.name}' is a CorrelationFilter without correlationFilter`);
  return buildRule(definition.name, filter, definition.action?.sqlExpression);
}

/** The rule as a definition again, for the journal. */
export function definitionOfRule(rule: Rule): RuleDefinition {
  const action = rule.action ? { action: { sqlExpression: rule.action.expression } } : {};
  switch (rule.filter.kind) {
    case 'true':
      return { name: rule.name, filterType: 'SqlFilter', sqlFilter: { sqlExpression: '1=1' }, ...action };
    case 'false':
      return { name: rule.name, filterType: 'SqlFilter', sqlFilter: { sqlExpression: '1=0' }, ...action };
    case 'sql':
      return {
        name: rule.name,
        filterType: 'SqlFilter',
        sqlFilter: { sqlExpression: rule.filter.expression },
        ...action,
      };
    case 'correlation':
      return {
        name: rule.name,
        filterType: 'CorrelationFilter',
        correlationFilter: rule.filter.fields,
        ...action,
      };
    default: {
      const never: never = rule.filter;
      throw new Error(`unknown filter ${JSON.stringify(never)}`);
    }
  }
}

const sameValue = (actual: SqlValue, expected: unknown): boolean => {
  const wanted = fromAny(expected);
  return (
    actual.type === wanted.type && 'value' in actual && 'value' in wanted && actual.value === wanted.value
  );
};

const correlationSystemFields = [
  ['correlationId', 'CorrelationId'],
  ['messageId', 'MessageId'],
  ['to', 'To'],
  ['replyTo', 'ReplyTo'],
  ['subject', 'Label'],
  ['sessionId', 'SessionId'],
  ['replyToSessionId', 'ReplyToSessionId'],
  ['contentType', 'ContentType'],
] as const;

/**
 * Whether the rule's filter selects the message. Correlation filters: every field given must equal
 * the message's (case-sensitive for strings), all combined with AND
 * (https://learn.microsoft.com/azure/service-bus-messaging/topic-filters#correlation-filters).
 * Throws FilterEvaluationError where Service Bus raises a FilterException.
 */
export function ruleSelects(rule: Rule, message: RoutedMessage): boolean {
  const filter = rule.filter;
  switch (filter.kind) {
    case 'true':
      return true;
    case 'false':
      return false;
    case 'sql':
      return evaluatePredicate(filter.predicate, message) === 'true';
    case 'correlation': {
      for (const [field, property] of correlationSystemFields) {
        const expected = filter.fields[field];
        if (expected !== undefined && !sameValue(systemProperty(message, property), expected)) return false;
      }
      for (const [name, expected] of Object.entries(filter.fields.applicationProperties ?? {})) {
        if (!sameValue(userProperty(message, name), expected)) return false;
      }
      return true;
    }
    default: {
      const never: never = filter;
      throw new Error(`unknown filter ${JSON.stringify(never)}`);
    }
  }
}

const jsValue = (value: SqlValue): unknown => {
  switch (value.type) {
    case 'unknown':
    case 'null':
      return null;
    case 'string':
    case 'long':
    case 'double':
    case 'boolean':
      return value.value;
    case 'datetime':
      return new Date(value.value);
    case 'other':
      return value.value;
    default: {
      const never: never = value;
      throw new Error(`unknown value ${JSON.stringify(never)}`);
    }
  }
};

/**
 * The subscription's private copy of a message after the rule's action
 * (https://learn.microsoft.com/azure/service-bus-messaging/service-bus-messaging-sql-rule-action):
 * SET creates or replaces a property, REMOVE deletes one; expressions see the message as it arrived.
 * Throws FilterEvaluationError when an expression cannot be evaluated.
 */
export function applyAction(rule: Rule, message: RoutedMessage): MessageContent {
  if (!rule.action) return message.content;
  const properties: Record<string, unknown> = { ...message.content.applicationProperties };
  const fields: Record<string, unknown> = {};
  const keyOf = (name: string): string =>
    Object.keys(properties).find((key) => key.toLowerCase() === name.toLowerCase()) ?? name;
  for (const statement of rule.action.statements) {
    if (statement.kind === 'remove') {
      delete properties[keyOf(statement.property.name)];
      continue;
    }
    const value = evaluateExpression(statement.value, message);
    if (statement.property.scope === 'user') {
      properties[keyOf(statement.property.name)] = jsValue(value);
      continue;
    }
    const field = amqpFieldOf(statement.property.name);
    if (field === undefined) throw new FilterEvaluationError(`sys.${statement.property.name} cannot be set`);
    if (value.type !== 'string' && value.type !== 'null' && value.type !== 'unknown')
      throw new FilterEvaluationError(`sys.${statement.property.name} takes a string`);
    fields[field] = value.type === 'string' ? value.value : undefined;
  }
  // "Each rule with an action produces a copy of the message. This message has a property called
  // RuleName where the value is the name of the matching rule." (topic-filters)
  properties.RuleName = rule.name;
  return withChanges(message.content, fields, properties);
}
