/** A value a filter expression works on; `unknown` stands for a user property the message does not have. */
export type SqlValue =
  | { readonly type: 'unknown' }
  | { readonly type: 'null' }
  | { readonly type: 'string'; readonly value: string }
  | { readonly type: 'long'; readonly value: number }
  | { readonly type: 'double'; readonly value: number }
  | { readonly type: 'boolean'; readonly value: boolean }
  | { readonly type: 'datetime'; readonly value: number }
  /** A value of a type the SQL subset has no operators for (binary, GUID); only `IS NULL`/`EXISTS` see it. */
  | { readonly type: 'other'; readonly value: unknown };

export type PropertyScope = 'sys' | 'user';

export interface PropertyRef {
  readonly kind: 'property';
  readonly scope: PropertyScope;
  /** As written; matched ignoring case. */
  readonly name: string;
}

export type Expression =
  | { readonly kind: 'constant'; readonly value: SqlValue }
  | PropertyRef
  | { readonly kind: 'newid' }
  | { readonly kind: 'propertyOf'; readonly name: Expression }
  | {
      readonly kind: 'arithmetic';
      readonly op: '+' | '-' | '*' | '/' | '%';
      readonly left: Expression;
      readonly right: Expression;
    }
  | { readonly kind: 'negate'; readonly operand: Expression };

export type ComparisonOperator = '=' | '<>' | '>' | '>=' | '<' | '<=';

export type Predicate =
  | { readonly kind: 'not'; readonly operand: Predicate }
  | { readonly kind: 'and' | 'or'; readonly left: Predicate; readonly right: Predicate }
  | {
      readonly kind: 'compare';
      readonly op: ComparisonOperator;
      readonly left: Expression;
      readonly right: Expression;
    }
  | { readonly kind: 'isNull'; readonly property: PropertyRef; readonly negated: boolean }
  | {
      readonly kind: 'in';
      readonly operand: Expression;
      readonly list: readonly Expression[];
      readonly negated: boolean;
    }
  | {
      readonly kind: 'like';
      readonly operand: Expression;
      readonly pattern: Expression;
      readonly escape: Expression | undefined;
      readonly negated: boolean;
    }
  | { readonly kind: 'exists'; readonly property: PropertyRef };

/** One statement of a rule action (https://learn.microsoft.com/azure/service-bus-messaging/service-bus-messaging-sql-rule-action). */
export type ActionStatement =
  | { readonly kind: 'set'; readonly property: PropertyRef; readonly value: Expression }
  | { readonly kind: 'remove'; readonly property: PropertyRef };
