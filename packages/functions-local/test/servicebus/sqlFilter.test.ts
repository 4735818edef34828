import { describe, expect, it } from 'vitest';
import { contentFromMessage } from '../../src/servicebus/messageContent';
import { buildRule, ruleSelects, sqlFilter } from '../../src/servicebus/rules/rule';
import { parseSqlAction } from '../../src/servicebus/rules/sqlParser';
import type { RoutedMessage } from '../../src/servicebus/rules/systemProperties';

const message = (
  applicationProperties: Record<string, unknown>,
  fields: Record<string, unknown> = {},
): RoutedMessage => ({
  content: contentFromMessage({ body: 'x', application_properties: applicationProperties, ...fields }),
  sequenceNumber: 7,
  enqueuedAt: Date.UTC(2026, 0, 1),
  size: 10,
});

const selects = (expression: string, m: RoutedMessage): boolean => {
  const rule = buildRule('r', sqlFilter(expression), undefined);
  if (!rule.ok) throw new Error(rule.error);
  return ruleSelects(rule.value, m);
};

// The grammar and semantics of https://learn.microsoft.com/azure/service-bus-messaging/service-bus-messaging-sql-filter
describe('SQL filter expressions', () => {
  const m = message({
    qty: 7,
    price: 2.5,
    name: "O'Brien",
    'Property With Space': 'yes',
    flag: true,
    none: null,
  });

  it('binds AND tighter than OR and parses parenthesised predicates and expressions', () => {
    expect(selects('qty = 1 OR qty = 7 AND price = 2.5', m)).toBe(true);
    expect(selects('(qty = 1 OR qty = 7) AND price = 3', m)).toBe(false);
    expect(selects('(qty + 1) * 2 = 16', m)).toBe(true);
    expect(selects('NOT (qty > 5)', m)).toBe(false);
  });

  it('follows C# arithmetic: long division truncates, a double operand does not; strings concatenate', () => {
    expect(selects('qty / 2 = 3', m)).toBe(true);
    expect(selects('qty / 2.0 = 3.5', m)).toBe(true);
    expect(selects('qty % 4 = 3 AND -qty = -7', m)).toBe(true);
    expect(selects("name + '!' = 'O''Brien!'", m)).toBe(true);
  });

  it('treats a missing user property as unknown, and IS NULL / EXISTS see it', () => {
    expect(selects('missing = 1', m)).toBe(false);
    expect(selects('NOT (missing = 1)', m)).toBe(false);
    expect(selects('missing = 1 OR qty = 7', m)).toBe(true);
    expect(selects('missing IS NULL AND none IS NULL AND qty IS NOT NULL', m)).toBe(true);
    expect(selects('EXISTS(none) AND NOT EXISTS(missing)', m)).toBe(true);
    expect(selects('missing IN (1, 2) OR missing NOT IN (1, 2)', m)).toBe(false);
  });

  it('matches names ignoring case, delimited and quoted identifiers, property() and sys properties', () => {
    expect(selects('QTY = 7 AND user.Qty = 7', m)).toBe(true);
    expect(selects('[Property With Space] = \'yes\' AND "flag" = TRUE', m)).toBe(true);
    expect(selects("property('qty') = 7 AND p('sys.SequenceNumber') = 7", m)).toBe(true);
    const withSystem = message(
      {},
      { subject: 'servicebus', to: 'Store5', message_id: 'abc', correlation_id: 'c' },
    );
    expect(selects("sys.Label LIKE '%bus' AND sys.to IN ('Store5', 'Store6')", withSystem)).toBe(true);
    expect(
      selects("sys.MessageId = 'abc' AND sys.CorrelationId <> 'x' AND sys.ReplyTo IS NULL", withSystem),
    ).toBe(true);
    expect(selects("sys.Label LIKE 'Service%'", withSystem)).toBe(false);
    expect(selects("sys.Label LIKE 's_rvicebus'", withSystem)).toBe(true);
  });

  it('refuses what Service Bus refuses to create', () => {
    expect(sqlFilter('qty = ').ok).toBe(false);
    expect(sqlFilter('sys.Nope = 1').ok).toBe(false);
    expect(sqlFilter("name = 'open").ok).toBe(false);
    expect(sqlFilter('qty').ok).toBe(false);
    expect(parseSqlAction('SET sys.SequenceNumber = 1').ok).toBe(false);
    expect(parseSqlAction('REMOVE sys.Label').ok).toBe(false);
    expect(parseSqlAction('SET a = 1; REMOVE b').ok).toBe(true);
  });

  it('raises an evaluation error for operands C# cannot compare', () => {
    expect(() => selects("qty = 'seven'", m)).toThrow(/cannot be applied/);
    expect(() => selects('qty / 0 = 1', m)).toThrow(/division by zero/);
  });
});
