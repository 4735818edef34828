import { randomUUID } from 'node:crypto';
import type { ComparisonOperator, Expression, Predicate, PropertyRef, SqlValue } from './sqlAst';
import { systemProperty, userProperty, type RoutedMessage } from './systemProperties';

/** Three-valued logic: a missing user property makes comparisons `unknown`, which selects nothing. */
export type Truth = 'true' | 'false' | 'unknown';

/**
 * What Service Bus raises as a FilterException: operands the C# operator binding cannot combine
 * (a string compared with a number, division by zero). The subscription then dead-letters the
 * message if `deadLetteringOnFilterEvaluationExceptions` is set.
 */
export class FilterEvaluationError extends Error {}

const unknown: SqlValue = { type: 'unknown' };

export function propertyValue(message: RoutedMessage, property: PropertyRef): SqlValue {
  return property.scope === 'sys'
    ? systemProperty(message, property.name)
    : userProperty(message, property.name);
}

const isNumeric = (value: SqlValue): value is Extract<SqlValue, { type: 'long' | 'double' }> =>
  value.type === 'long' || value.type === 'double';

function arithmetic(op: '+' | '-' | '*' | '/' | '%', left: SqlValue, right: SqlValue): SqlValue {
  // "If either the left or right side of operands is evaluated as unknown, then the result is unknown."
  if (left.type === 'unknown' || right.type === 'unknown' || left.type === 'null' || right.type === 'null')
    return unknown;
  if (op === '+' && left.type === 'string' && right.type === 'string')
    return { type: 'string', value: left.value + right.value };
  if (!isNumeric(left) || !isNumeric(right))
    throw new FilterEvaluationError(`operator '${op}' cannot be applied to ${left.type} and ${right.type}`);
  const integral = left.type === 'long' && right.type === 'long';
  const a = left.value;
  const b = right.value;
  if (integral && (op === '/' || op === '%') && b === 0) throw new FilterEvaluationError('division by zero');
  const result = ((): number => {
    switch (op) {
      case '+':
        return a + b;
      case '-':
        return a - b;
      case '*':
        return a * b;
      case '/':
        // C# divides two longs to a long, truncating toward zero.
        return integral ? Math.trunc(a / b) : a / b;
      case '%':
        return a % b;
      default: {
        const never: never = op;
        throw new Error(`unknown operator ${String(never)}`);
      }
    }
  })();
  return integral ? { type: 'long', value: result } : { type: 'double', value: result };
}

export function evaluateExpression(expression: Expression, message: RoutedMessage): SqlValue {
  switch (expression.kind) {
    case 'constant':
      return expression.value;
    case 'property':
      return propertyValue(message, expression);
    case 'newid':
      return { type: 'string', value: randomUUID() };
    case 'propertyOf': {
      const name = evaluateExpression(expression.name, message);
      if (name.type !== 'string') throw new FilterEvaluationError('property() needs a string name');
      const [scope, ...rest] = name.value.split('.');
      const scoped = rest.length > 0 && (scope?.toLowerCase() === 'sys' || scope?.toLowerCase() === 'user');
      return propertyValue(message, {
        kind: 'property',
        scope: scoped && scope?.toLowerCase() === 'sys' ? 'sys' : 'user',
        name: scoped ? rest.join('.') : name.value,
      });
    }
    case 'arithmetic':
      return arithmetic(
        expression.op,
        evaluateExpression(expression.left, message),
        evaluateExpression(expression.right, message),
      );
    case 'negate': {
      const operand = evaluateExpression(expression.operand, message);
      if (operand.type === 'unknown' || operand.type === 'null') return unknown;
      if (!isNumeric(operand)) throw new FilterEvaluationError(`cannot negate a ${operand.type}`);
      return { ...operand, value: -operand.value };
    }
    default: {
      const never: never = expression;
      throw new Error(`unknown expression ${JSON.stringify(never)}`);
    }
  }
}

const truth = (value: boolean): Truth => (value ? 'true' : 'false');

function compare(op: ComparisonOperator, left: SqlValue, right: SqlValue): Truth {
  if (left.type === 'unknown' || right.type === 'unknown' || left.type === 'null' || right.type === 'null')
    return 'unknown';
  const ordered = (a: number, b: number): Truth => {
    switch (op) {
      case '=':
        return truth(a === b);
      case '<>':
        return truth(a !== b);
      case '>':
        return truth(a > b);
      case '>=':
        return truth(a >= b);
      case '<':
        return truth(a < b);
      case '<=':
        return truth(a <= b);
      default: {
        const never: never = op;
        throw new Error(`unknown comparison ${String(never)}`);
      }
    }
  };
  if (isNumeric(left) && isNumeric(right)) return ordered(left.value, right.value);
  if (left.type === 'datetime' && right.type === 'datetime') return ordered(left.value, right.value);
  // C# strings and booleans have equality operators only; string comparison is ordinal (case-sensitive).
  if (
    (left.type === 'string' && right.type === 'string') ||
    (left.type === 'boolean' && right.type === 'boolean')
  ) {
    if (op === '=') return truth(left.value === right.value);
    if (op === '<>') return truth(left.value !== right.value);
  }
  throw new FilterEvaluationError(`operator '${op}' cannot be applied to ${left.type} and ${right.type}`);
}

const not = (value: Truth): Truth => (value === 'unknown' ? 'unknown' : value === 'true' ? 'false' : 'true');

function likePattern(pattern: string, escape: string | undefined): RegExp {
  let source = '';
  for (let at = 0; at < pattern.length; at++) {
    const char = pattern[at] as string;
    if (escape !== undefined && char === escape && at + 1 < pattern.length) {
      source += (pattern[++at] as string).replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
    } else if (char === '%') source += '[\\s\\S]*';
    else if (char === '_') source += '[\\s\\S]';
    else source += char.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
  }
  return new RegExp(`^${source}$`, 'u');
}

export function evaluatePredicate(predicate: Predicate, message: RoutedMessage): Truth {
  switch (predicate.kind) {
    case 'not':
      return not(evaluatePredicate(predicate.operand, message));
    case 'and': {
      const left = evaluatePredicate(predicate.left, message);
      if (left === 'false') return 'false';
      const right = evaluatePredicate(predicate.right, message);
      if (right === 'false') return 'false';
      return left === 'true' && right === 'true' ? 'true' : 'unknown';
    }
    case 'or': {
      const left = evaluatePredicate(predicate.left, message);
      if (left === 'true') return 'true';
      const right = evaluatePredicate(predicate.right, message);
      if (right === 'true') return 'true';
      return left === 'false' && right === 'false' ? 'false' : 'unknown';
    }
    case 'compare':
      return compare(
        predicate.op,
        evaluateExpression(predicate.left, message),
        evaluateExpression(predicate.right, message),
      );
    case 'isNull': {
      // "property IS NULL is evaluated as true if either the property doesn't exist or its value is null."
      const value = propertyValue(message, predicate.property);
      const isNull = value.type === 'unknown' || value.type === 'null';
      return truth(predicate.negated ? !isNull : isNull);
    }
    case 'exists':
      return truth(propertyValue(message, predicate.property).type !== 'unknown');
    case 'in': {
      const operand = evaluateExpression(predicate.operand, message);
      if (operand.type === 'unknown') return 'unknown';
      let result: Truth = 'false';
      for (const item of predicate.list) {
        const equal = compare('=', operand, evaluateExpression(item, message));
        if (equal === 'true') {
          result = 'true';
          break;
        }
        if (equal === 'unknown') result = 'unknown';
      }
      return predicate.negated ? not(result) : result;
    }
    case 'like': {
      const operand = evaluateExpression(predicate.operand, message);
      const pattern = evaluateExpression(predicate.pattern, message);
      const escape = predicate.escape ? evaluateExpression(predicate.escape, message) : undefined;
      if ([operand, pattern, escape].some((value) => value?.type === 'unknown' || value?.type === 'null'))
        return 'unknown';
      if (operand.type !== 'string' || pattern.type !== 'string')
        throw new FilterEvaluationError('LIKE needs string operands');
      if (escape !== undefined && (escape.type !== 'string' || [...escape.value].length !== 1))
        throw new FilterEvaluationError('the ESCAPE character must be a string of length 1');
      const matched = likePattern(pattern.value, escape?.type === 'string' ? escape.value : undefined).test(
        operand.value,
      );
      return truth(predicate.negated ? !matched : matched);
    }
    default: {
      const never: never = predicate;
      throw new Error(`unknown predicate ${JSON.stringify(never)}`);
    }
  }
}
