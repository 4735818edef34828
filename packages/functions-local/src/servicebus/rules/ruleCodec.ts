import { types } from 'rhea';
import { z } from 'zod';
import { err, ok, type Result } from '../../result';
import { buildRule, CorrelationFilter, sqlFilter, type Rule, type RuleFilter } from './rule';

/**
 * Descriptor codes of the rule types on the wire (AMQP request/response for Service Bus,
 * https://learn.microsoft.com/azure/service-bus-messaging/service-bus-amqp-request-response#rule-operations,
 * and @azure/core-amqp's Constants.descriptorCodes, which the SDK checks when it reads rules back).
 */
const descriptor = {
  ruleDescription: 0x0000_0137_0000_0004,
  sqlFilter: 0x0000_0013_7000_0006,
  trueFilter: 0x0000_0013_7000_0007,
  falseFilter: 0x0000_0013_7000_0008,
  correlationFilter: 0x0000_0013_7000_0009,
  emptyAction: 0x0000_0137_0000_0005,
  sqlAction: 0x0000_0137_0000_0006,
} as const;

// The SDK encodes absent correlation fields as AMQP null.
const optionalText = z
  .string()
  .nullish()
  .transform((value) => value ?? undefined);

const AddRuleRequest = z.object({
  'rule-name': z.string().min(1).max(50),
  'rule-description': z.object({
    'sql-filter': z.object({ expression: z.string().min(1) }).nullish(),
    'correlation-filter': z
      .object({
        'correlation-id': optionalText,
        'message-id': optionalText,
        to: optionalText,
        'reply-to': optionalText,
        label: optionalText,
        'session-id': optionalText,
        'reply-to-session-id': optionalText,
        'content-type': optionalText,
        properties: z
          .record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.date()]))
          .nullish()
          .transform((value) => value ?? undefined),
      })
      .nullish(),
    'sql-rule-action': z.object({ expression: z.string().min(1) }).nullish(),
  }),
});

/** The body of `com.microsoft:add-rule`, as ServiceBusRuleManager.createRule sends it. */
export function ruleFromAddRequest(body: unknown): Result<Rule, string> {
  const parsed = AddRuleRequest.safeParse(body);
  if (!parsed.success) return err(`malformed add-rule request: ${parsed.error.message}`);
  const name = parsed.data['rule-name'];
  const description = parsed.data['rule-description'];
  const correlation = description['correlation-filter'];
  const sql = description['sql-filter'];
  let filter: Result<RuleFilter, string>;
  if (sql) filter = sqlFilter(sql.expression);
  else if (correlation) {
    const fields = CorrelationFilter.parse({
      correlationId: correlation['correlation-id'],
      messageId: correlation['message-id'],
      to: correlation.to,
      replyTo: correlation['reply-to'],
      subject: correlation.label,
      sessionId: correlation['session-id'],
      replyToSessionId: correlation['reply-to-session-id'],
      contentType: correlation['content-type'],
      applicationProperties: correlation.properties,
    });
    filter = ok({ kind: 'correlation', fields });
  } else filter = err('a rule needs a sql-filter or a correlation-filter');
  return buildRule(name, filter, description['sql-rule-action']?.expression);
}

const described = (code: number, fields: readonly unknown[]): unknown =>
  types.described(types.wrap_ulong(code), types.wrap_list(fields as unknown[]));

const text = (value: string | undefined): unknown =>
  value === undefined ? types.wrap(null) : types.wrap_string(value);

function encodeFilter(filter: RuleFilter): unknown {
  switch (filter.kind) {
    case 'true':
      return described(descriptor.trueFilter, [types.wrap_string('1=1'), types.wrap_int(20)]);
    case 'false':
      return described(descriptor.falseFilter, [types.wrap_string('1=0'), types.wrap_int(20)]);
    case 'sql':
      return described(descriptor.sqlFilter, [types.wrap_string(filter.expression), types.wrap_int(20)]);
    case 'correlation': {
      const fields = filter.fields;
      return described(descriptor.correlationFilter, [
        text(fields.correlationId),
        text(fields.messageId),
        text(fields.to),
        text(fields.replyTo),
        text(fields.subject),
        text(fields.sessionId),
        text(fields.replyToSessionId),
        text(fields.contentType),
        types.wrap_map(fields.applicationProperties ?? {}),
      ]);
    }
    default: {
      const never: never = filter;
      throw new Error(`unknown filter ${JSON.stringify(never)}`);
    }
  }
}

/** One entry of the `com.microsoft:enumerate-rules` response. */
export function encodeRuleDescription(rule: Rule): Record<string, unknown> {
  const action = rule.action
    ? described(descriptor.sqlAction, [types.wrap_string(rule.action.expression), types.wrap_int(20)])
    : described(descriptor.emptyAction, []);
  return {
    'rule-description': described(descriptor.ruleDescription, [
      encodeFilter(rule.filter),
      action,
      types.wrap_string(rule.name),
    ]),
  };
}
