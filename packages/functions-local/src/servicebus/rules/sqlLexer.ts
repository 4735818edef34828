import { err, ok, type Result } from '../../result';

/**
 * Tokens of the SQL-92 subset Service Bus filters and rule actions are written in
 * (https://learn.microsoft.com/azure/service-bus-messaging/service-bus-messaging-sql-filter).
 */
export type Token =
  | { readonly kind: 'identifier'; readonly text: string; readonly delimited: boolean }
  | { readonly kind: 'keyword'; readonly text: Keyword }
  | { readonly kind: 'string'; readonly text: string }
  | { readonly kind: 'integer'; readonly value: number }
  | { readonly kind: 'decimal'; readonly value: number }
  | { readonly kind: 'symbol'; readonly text: string }
  | { readonly kind: 'end' };

const keywords = [
  'AND',
  'OR',
  'NOT',
  'IN',
  'LIKE',
  'ESCAPE',
  'IS',
  'NULL',
  'EXISTS',
  'TRUE',
  'FALSE',
  'SET',
  'REMOVE',
] as const;
export type Keyword = (typeof keywords)[number];
const keywordSet: ReadonlySet<string> = new Set(keywords);

// Longest first, so `<>` and `<=` win over `<`.
const symbols = ['<>', '!=', '>=', '<=', '=', '<', '>', '+', '-', '*', '/', '%', '(', ')', ',', '.', ';'];

/** `[[:IsLetter:]][_[:IsLetter:][:IsDigit:]]*`, as the grammar defines a regular identifier. */
const identifierStart = /\p{L}/u;
const identifierPart = /[_\p{L}\p{Nd}]/u;

/** Reads a bracketed or double-quoted name, where the closing mark is doubled to stand for itself. */
function readDelimited(source: string, start: number, close: string): Result<[string, number], string> {
  let text = '';
  let at = start + 1;
  for (;;) {
    if (at >= source.length) return err(`unterminated name starting at position ${start}`);
    const char = source[at] as string;
    if (char === close) {
      if (source[at + 1] === close) {
        text += close;
        at += 2;
        continue;
      }
      return ok([text, at + 1]);
    }
    text += char;
    at++;
  }
}

export function tokenize(source: string): Result<Token[], string> {
  const tokens: Token[] = [];
  let at = 0;
  while (at < source.length) {
    const char = source[at] as string;
    if (/\s/u.test(char)) {
      at++;
      continue;
    }
    if (char === "'") {
      // A single quote inside a string constant is written as two.
      const read = readDelimited(source, at, "'");
      if (!read.ok) return err(`unterminated string constant at position ${at}`);
      tokens.push({ kind: 'string', text: read.value[0] });
      at = read.value[1];
      continue;
    }
    if (char === '[' || char === '"') {
      const read = readDelimited(source, at, char === '[' ? ']' : '"');
      if (!read.ok) return read;
      tokens.push({ kind: 'identifier', text: read.value[0], delimited: true });
      at = read.value[1];
      continue;
    }
    const number = /^(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?/.exec(source.slice(at));
    if (number) {
      const text = number[0];
      const isInteger = number[2] === undefined && number[3] === undefined && !text.startsWith('.');
      tokens.push(
        isInteger ? { kind: 'integer', value: Number(text) } : { kind: 'decimal', value: Number(text) },
      );
      at += text.length;
      continue;
    }
    if (identifierStart.test(char)) {
      let end = at + 1;
      while (end < source.length && identifierPart.test(source[end] as string)) end++;
      const text = source.slice(at, end);
      const upper = text.toUpperCase();
      tokens.push(
        keywordSet.has(upper)
          ? { kind: 'keyword', text: upper as Keyword }
          : { kind: 'identifier', text, delimited: false },
      );
      at = end;
      continue;
    }
    const symbol = symbols.find((candidate) => source.startsWith(candidate, at));
    if (symbol === undefined) return err(`unexpected character '${char}' at position ${at}`);
    tokens.push({ kind: 'symbol', text: symbol });
    at += symbol.length;
  }
  tokens.push({ kind: 'end' });
  return ok(tokens);
}
