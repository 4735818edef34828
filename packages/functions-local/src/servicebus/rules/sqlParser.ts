import { err, ok, type Result } from '../../result';
import type { ActionStatement, ComparisonOperator, Expression, Predicate, PropertyRef } from './sqlAst';
import { tokenize, type Keyword, type Token } from './sqlLexer';
import { isSettableSystemProperty, isSystemProperty } from './systemProperties';

class SqlSyntaxError extends Error {}

const comparisons: Readonly<Record<string, ComparisonOperator>> = {
  '=': '=',
  '<>': '<>',
  '!=': '<>',
  '>': '>',
  '>=': '>=',
  '<': '<',
  '<=': '<=',
};

/**
 * A recursive-descent parser for the grammar of
 * https://learn.microsoft.com/azure/service-bus-messaging/service-bus-messaging-sql-filter (predicates)
 * and .../service-bus-messaging-sql-rule-action (SET / REMOVE). Precedence, loosest first: OR, AND,
 * NOT, comparisons; then `+ -`, `* / %`, unary sign.
 */
class Parser {
  readonly #tokens: readonly Token[];
  #at = 0;

  constructor(tokens: readonly Token[]) {
    this.#tokens = tokens;
  }

  get #peek(): Token {
    return this.#tokens[this.#at] ?? { kind: 'end' };
  }

  #next(): Token {
    const token = this.#peek;
    this.#at++;
    return token;
  }

  #isKeyword(keyword: Keyword, offset = 0): boolean {
    const token = this.#tokens[this.#at + offset];
    return token?.kind === 'keyword' && token.text === keyword;
  }

  #isSymbol(symbol: string): boolean {
    const token = this.#peek;
    return token.kind === 'symbol' && token.text === symbol;
  }

  #expectSymbol(symbol: string): void {
    if (!this.#isSymbol(symbol)) throw new SqlSyntaxError(`expected '${symbol}' ${this.#where()}`);
    this.#at++;
  }

  #expectKeyword(keyword: Keyword): void {
    if (!this.#isKeyword(keyword)) throw new SqlSyntaxError(`expected ${keyword} ${this.#where()}`);
    this.#at++;
  }

  #where(): string {
    const token = this.#peek;
    switch (token.kind) {
      case 'end':
        return 'at the end of the expression';
      case 'identifier':
      case 'keyword':
      case 'string':
      case 'symbol':
        return `near '${token.text}'`;
      case 'integer':
      case 'decimal':
        return `near '${token.value}'`;
      default: {
        const unknown: never = token;
        return String(unknown);
      }
    }
  }

  expectEnd(): void {
    if (this.#peek.kind !== 'end') throw new SqlSyntaxError(`unexpected input ${this.#where()}`);
  }

  predicate(): Predicate {
    let left = this.#conjunction();
    while (this.#isKeyword('OR')) {
      this.#at++;
      left = { kind: 'or', left, right: this.#conjunction() };
    }
    return left;
  }

  #conjunction(): Predicate {
    let left = this.#negation();
    while (this.#isKeyword('AND')) {
      this.#at++;
      left = { kind: 'and', left, right: this.#negation() };
    }
    return left;
  }

  #negation(): Predicate {
    if (this.#isKeyword('NOT')) {
      this.#at++;
      return { kind: 'not', operand: this.#negation() };
    }
    return this.#simplePredicate();
  }

  #simplePredicate(): Predicate {
    if (this.#isKeyword('EXISTS')) {
      this.#at++;
      this.#expectSymbol('(');
      const property = this.#propertyRef();
      this.#expectSymbol(')');
      return { kind: 'exists', property };
    }
    if (this.#isSymbol('(')) {
      // `( <predicate> )` and `( <expression> ) > 1` both start with a parenthesis: try the first.
      const start = this.#at;
      try {
        this.#at++;
        const inner = this.predicate();
        this.#expectSymbol(')');
        return inner;
      } catch (error) {
        if (!(error instanceof SqlSyntaxError)) throw error;
        this.#at = start;
      }
    }
    const left = this.expression();
    if (this.#isKeyword('IS')) {
      this.#at++;
      const negated = this.#isKeyword('NOT');
      if (negated) this.#at++;
      this.#expectKeyword('NULL');
      if (left.kind !== 'property') throw new SqlSyntaxError('IS [NOT] NULL applies to a property only');
      return { kind: 'isNull', property: left, negated };
    }
    const negated = this.#isKeyword('NOT') && (this.#isKeyword('IN', 1) || this.#isKeyword('LIKE', 1));
    if (negated) this.#at++;
    if (this.#isKeyword('IN')) {
      this.#at++;
      this.#expectSymbol('(');
      const list = [this.expression()];
      while (this.#isSymbol(',')) {
        this.#at++;
        list.push(this.expression());
      }
      this.#expectSymbol(')');
      return { kind: 'in', operand: left, list, negated };
    }
    if (this.#isKeyword('LIKE')) {
      this.#at++;
      const pattern = this.expression();
      let escape: Expression | undefined;
      if (this.#isKeyword('ESCAPE')) {
        this.#at++;
        escape = this.expression();
      }
      return { kind: 'like', operand: left, pattern, escape, negated };
    }
    const token = this.#peek;
    const op = token.kind === 'symbol' ? comparisons[token.text] : undefined;
    if (op === undefined) throw new SqlSyntaxError(`expected a comparison ${this.#where()}`);
    this.#at++;
    return { kind: 'compare', op, left, right: this.expression() };
  }

  expression(): Expression {
    let left = this.#term();
    for (;;) {
      const token = this.#peek;
      if (token.kind !== 'symbol' || (token.text !== '+' && token.text !== '-')) return left;
      this.#at++;
      left = { kind: 'arithmetic', op: token.text, left, right: this.#term() };
    }
  }

  #term(): Expression {
    let left = this.#unary();
    for (;;) {
      const token = this.#peek;
      if (token.kind !== 'symbol' || (token.text !== '*' && token.text !== '/' && token.text !== '%'))
        return left;
      this.#at++;
      left = { kind: 'arithmetic', op: token.text, left, right: this.#unary() };
    }
  }

  #unary(): Expression {
    if (this.#isSymbol('-')) {
      this.#at++;
      return { kind: 'negate', operand: this.#unary() };
    }
    if (this.#isSymbol('+')) {
      this.#at++;
      return this.#unary();
    }
    return this.#primary();
  }

  #primary(): Expression {
    const token = this.#peek;
    switch (token.kind) {
      case 'string':
        this.#at++;
        return { kind: 'constant', value: { type: 'string', value: token.text } };
      case 'integer':
        this.#at++;
        return { kind: 'constant', value: { type: 'long', value: token.value } };
      case 'decimal':
        this.#at++;
        return { kind: 'constant', value: { type: 'double', value: token.value } };
      case 'keyword':
        if (token.text === 'TRUE' || token.text === 'FALSE') {
          this.#at++;
          return { kind: 'constant', value: { type: 'boolean', value: token.text === 'TRUE' } };
        }
        if (token.text === 'NULL') {
          this.#at++;
          return { kind: 'constant', value: { type: 'null' } };
        }
        throw new SqlSyntaxError(`unexpected ${token.text}`);
      case 'symbol':
        if (token.text === '(') {
          this.#at++;
          const inner = this.expression();
          this.#expectSymbol(')');
          return inner;
        }
        throw new SqlSyntaxError(`unexpected '${token.text}'`);
      case 'identifier':
        return this.#functionOrProperty();
      case 'end':
        throw new SqlSyntaxError('the expression ends too early');
      default: {
        const unknown: never = token;
        throw new SqlSyntaxError(`unexpected token ${JSON.stringify(unknown)}`);
      }
    }
  }

  #functionOrProperty(): Expression {
    const token = this.#peek;
    const following = this.#tokens[this.#at + 1];
    if (
      token.kind === 'identifier' &&
      !token.delimited &&
      following?.kind === 'symbol' &&
      following.text === '('
    ) {
      const name = token.text.toLowerCase();
      this.#at += 2;
      if (name === 'newid') {
        this.#expectSymbol(')');
        return { kind: 'newid' };
      }
      if (name === 'property' || name === 'p') {
        const argument = this.expression();
        this.#expectSymbol(')');
        return { kind: 'propertyOf', name: argument };
      }
      throw new SqlSyntaxError(`unknown function '${token.text}'`);
    }
    return this.#propertyRef();
  }

  #propertyRef(): PropertyRef {
    const first = this.#next();
    if (first.kind !== 'identifier') throw new SqlSyntaxError('expected a property name');
    const scoped =
      !first.delimited &&
      this.#isSymbol('.') &&
      (first.text.toLowerCase() === 'sys' || first.text.toLowerCase() === 'user');
    if (!scoped) return { kind: 'property', scope: 'user', name: first.text };
    this.#at++;
    const name = this.#next();
    if (name.kind !== 'identifier')
      throw new SqlSyntaxError(`expected a property name after '${first.text}.'`);
    const scope = first.text.toLowerCase() === 'sys' ? 'sys' : 'user';
    // "An attempt to access a non-existent system property is an error."
    if (scope === 'sys' && !isSystemProperty(name.text))
      throw new SqlSyntaxError(`'sys.${name.text}' is not a system property`);
    return { kind: 'property', scope, name: name.text };
  }

  actions(): ActionStatement[] {
    const statements: ActionStatement[] = [];
    while (this.#peek.kind !== 'end') {
      if (this.#isSymbol(';') || this.#isSymbol(',')) {
        this.#at++;
        continue;
      }
      if (this.#isKeyword('SET')) {
        this.#at++;
        const property = this.#propertyRef();
        if (property.scope === 'sys' && !isSettableSystemProperty(property.name))
          throw new SqlSyntaxError(`'sys.${property.name}' cannot be set by a rule action`);
        this.#expectSymbol('=');
        statements.push({ kind: 'set', property, value: this.expression() });
      } else if (this.#isKeyword('REMOVE')) {
        this.#at++;
        const property = this.#propertyRef();
        if (property.scope === 'sys') throw new SqlSyntaxError('a system property cannot be removed');
        statements.push({ kind: 'remove', property });
      } else {
        throw new SqlSyntaxError(`expected SET or REMOVE ${this.#where()}`);
      }
    }
    if (statements.length === 0) throw new SqlSyntaxError('an action needs at least one SET or REMOVE');
    return statements;
  }
}

function run<T>(source: string, read: (parser: Parser) => T): Result<T, string> {
  const tokens = tokenize(source);
  if (!tokens.ok) return tokens;
  try {
    const parser = new Parser(tokens.value);
    const result = read(parser);
    parser.expectEnd();
    return ok(result);
  } catch (error) {
    if (error instanceof SqlSyntaxError) return err(error.message);
    throw error;
  }
}

/** A SQL filter expression, or why Service Bus would refuse it. */
export const parseSqlFilter = (source: string): Result<Predicate, string> =>
  run(source, (parser) => parser.predicate());

/** A SQL rule action (`SET a = 1; REMOVE b`), or why Service Bus would refuse it. */
export const parseSqlAction = (source: string): Result<ActionStatement[], string> =>
  run(source, (parser) => parser.actions());
